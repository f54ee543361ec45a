package io.auscult.data.synth;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.auscult.audio.WavWriter;
import io.auscult.data.Condition;
import io.auscult.data.Domain;
import io.auscult.data.Split;
import io.auscult.engine.AtomicFile;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;

/**
 * Writes a whole synthetic dataset: 16-bit WAVs in a DCASE layout, a mask beside every
 * anomalous WAV ({@link AnomalyMaskCsv}), and a {@code manifest.json} at the root.
 *
 * <p>Same spec and seed, same bytes: each clip's seed is derived from (seed, machine, id,
 * split, condition, index), so adding clips leaves the others unchanged, and the manifest
 * holds no time or absolute path. Every file is written atomically.
 *
 * <p>The target folder must be empty (or absent) or hold an earlier output of this generator
 * (recognised by its manifest); then the files that manifest lists are replaced and nothing
 * else there is touched (a README beside the data stays). Any other non-empty folder is
 * refused unless the caller allows overwriting, in which case same-named files are replaced
 * and all others left alone. If the work is cancelled or fails, the files it created are
 * removed again.
 */
public final class SynthDatasetWriter {

    private SynthDatasetWriter() {
    }

    /**
     * Writes the dataset into {@code outDir}, refusing a non-empty folder that is not an
     * earlier synthetic dataset.
     *
     * @throws FileAlreadyExistsException if {@code outDir} is not empty and holds no manifest
     *                                    of this generator
     * @throws CancelledException         if cancelled (files created so far are removed)
     */
    public static SynthDatasetSummary write(Path outDir, SynthDatasetSpec spec, long seed, Progress progress,
                                            Cancellation cancellation) throws IOException {
        return write(outDir, spec, seed, false, progress, cancellation);
    }

    /**
     * As {@link #write(Path, SynthDatasetSpec, long, Progress, Cancellation)}, and with
     * {@code overwrite} also into a non-empty foreign folder (replacing same-named files only).
     */
    public static SynthDatasetSummary write(Path outDir, SynthDatasetSpec spec, long seed, boolean overwrite,
                                            Progress progress, Cancellation cancellation) throws IOException {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancellation, "cancellation");
        Path root = outDir.toAbsolutePath().normalize();
        List<String> previous = checkTarget(root, overwrite);
        // folders this run creates, so a cancelled run can leave things as they were
        List<Path> createdDirs = new ArrayList<>();
        for (Path dir = root; dir != null && !Files.exists(dir); dir = dir.getParent()) {
            createdDirs.add(dir);
        }
        Files.createDirectories(root);

        List<PlannedClip> plan = plan(spec, seed);
        MachineSoundSynthesizer synthesizer = new MachineSoundSynthesizer();
        List<SynthManifest.Entry> entries = new ArrayList<>();
        Set<String> written = new LinkedHashSet<>();
        Set<String> existedBefore = new HashSet<>();
        Map<AnomalyKind, Integer> byKind = new EnumMap<>(AnomalyKind.class);
        long bytes = 0;
        int anomalous = 0;
        boolean done = false;
        try {
            for (int i = 0; i < plan.size(); i++) {
                cancellation.throwIfCancelled();
                PlannedClip p = plan.get(i);
                progress.report(i / (double) plan.size(), "Synthesising " + p.path());
                SyntheticClip clip = synthesizer.render(p.spec());
                Path wav = root.resolve(p.path());
                remember(root, wav, written, existedBefore, createdDirs);
                WavWriter.writePcm16(wav, clip.samples(), clip.sampleRate());
                byte[] wavBytes = Files.readAllBytes(wav);
                bytes += wavBytes.length;
                String maskPath = null;
                String maskSha = null;
                double maskFraction = 0;
                if (clip.mask() != null) {
                    anomalous++;
                    byKind.merge(clip.anomaly().kind(), 1, Integer::sum);
                    maskPath = p.path().substring(0, p.path().length() - 4) + AnomalyMaskCsv.SUFFIX;
                    byte[] maskBytes = AnomalyMaskCsv.toBytes(clip.mask());
                    Path maskFile = root.resolve(maskPath);
                    remember(root, maskFile, written, existedBefore, createdDirs);
                    AtomicFile.write(maskFile, out -> out.write(maskBytes));
                    bytes += maskBytes.length;
                    maskSha = sha256(maskBytes);
                    maskFraction = clip.mask().fraction();
                }
                entries.add(new SynthManifest.Entry(p.path(), p.spec().machine(), p.spec().machineId(), p.split(),
                        p.condition(), p.spec().domain(), p.speed(), p.spec().snrDb(), p.spec().seed(),
                        sha256(wavBytes), clip.anomaly(), maskPath, maskSha, maskFraction));
            }
            cancellation.throwIfCancelled();
            byte[] manifest = SynthManifest.toBytes(spec, seed, entries);
            for (String old : previous) {
                if (!written.contains(old)) {
                    deleteInside(root, old);
                }
            }
            AtomicFile.write(root.resolve(SynthManifest.FILE_NAME), out -> out.write(manifest));
            bytes += manifest.length;
            done = true;
        } finally {
            if (!done) {
                for (String path : written) {
                    if (!existedBefore.contains(path)) {
                        Files.deleteIfExists(root.resolve(path));
                    }
                }
                // deepest first: a folder's children were added after it
                createdDirs.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
                for (Path dir : createdDirs) {
                    if (Files.isDirectory(dir) && isEmpty(dir)) {
                        Files.delete(dir);
                    }
                }
            }
        }
        progress.report(1.0, "Wrote " + plan.size() + " clips to " + root);
        return new SynthDatasetSummary(root, root.resolve(SynthManifest.FILE_NAME), plan.size(),
                plan.size() - anomalous, anomalous, bytes, byKind);
    }

    /** One clip to write: its spec, where, and its labels. */
    record PlannedClip(ClipSpec spec, String path, Split split, Condition condition, double speed) {
    }

    /** Every clip of the dataset, in writing order: machine, id, train normal, test normal, test anomaly. */
    static List<PlannedClip> plan(SynthDatasetSpec spec, long seed) {
        List<PlannedClip> out = new ArrayList<>();
        for (MachineType machine : spec.machines()) {
            for (int id = 0; id < spec.idsPerMachine(); id++) {
                MachineVoice voice = MachineVoice.of(machine, id, MachineSoundSynthesizer.SAMPLE_RATE);
                group(out, spec, seed, voice, machine, id, Split.TRAIN, Condition.NORMAL, spec.trainNormal());
                group(out, spec, seed, voice, machine, id, Split.TEST, Condition.NORMAL, spec.testNormal());
                group(out, spec, seed, voice, machine, id, Split.TEST, Condition.ANOMALY, spec.testAnomaly());
            }
        }
        return out;
    }

    private static void group(List<PlannedClip> out, SynthDatasetSpec spec, long seed, MachineVoice voice,
                              MachineType machine, int id, Split split, Condition condition, int count) {
        boolean anomalous = condition == Condition.ANOMALY;
        int[] perDomain = new int[2];
        for (int i = 0; i < count; i++) {
            long clipSeed = SeedDerivation.derive(seed, SeedDerivation.label(machine.folderName()), id,
                    SeedDerivation.label(split.word()), SeedDerivation.label(condition.word()), i);
            double u = SeedDerivation.stream(clipSeed, "snr").nextDouble();
            double snr = Math.rint((spec.minSnrDb() + (spec.maxSnrDb() - spec.minSnrDb()) * u) * 100) / 100;
            Domain domain = spec.isTarget(i) ? Domain.TARGET : Domain.SOURCE;
            AnomalyKind kind = anomalous ? spec.anomalyKindFor(machine, id, i) : null;
            ClipSpec clip = new ClipSpec(machine, id, domain, kind, snr, spec.clipSeconds(), clipSeed,
                    spec.anomalyExtent());
            double speed = voice.domainSpeed(domain);
            int number = perDomain[domain.ordinal()]++;
            String name = switch (spec.layout()) {
                case DCASE2020 -> String.format(Locale.ROOT, "%s_id_%02d_%08d.wav", condition.word(), id, i);
                case DCASE2021 -> String.format(Locale.ROOT, "section_%02d_%s_%s_%s_%04d_speed_%d_mains_%d.wav",
                        id, domain.word(), split.word(), condition.word(), number, Math.round(speed * 100),
                        domain == Domain.SOURCE ? 50 : 60);
            };
            out.add(new PlannedClip(clip, machine.folderName() + "/" + split.word() + "/" + name, split, condition,
                    speed));
        }
    }

    /**
     * The files an earlier run of this generator left in {@code root} (empty if none), after
     * checking that writing there is allowed.
     */
    private static List<String> checkTarget(Path root, boolean overwrite) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root + ": not a folder; the dataset needs a folder to write into");
        }
        var previous = SynthManifest.previousFiles(root);
        if (previous.isPresent()) {
            return previous.get();
        }
        if (!overwrite && !isEmpty(root)) {
            throw new FileAlreadyExistsException(root.toString(), null,
                    "the folder is not empty and holds no synthetic dataset (no manifest.json of "
                            + MachineSoundSynthesizer.NAME + "); choose an empty folder or allow overwriting");
        }
        return List.of();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    private static void remember(Path root, Path file, Set<String> written, Set<String> existedBefore,
                                 List<Path> createdDirs) {
        String rel = root.relativize(file).toString().replace('\\', '/');
        if (Files.exists(file)) {
            existedBefore.add(rel);
        }
        written.add(rel);
        for (Path dir = file.getParent(); dir != null && !dir.equals(root) && !Files.exists(dir);
             dir = dir.getParent()) {
            createdDirs.add(dir);
        }
    }

    /** Deletes a file an old manifest listed, only if it lies inside the dataset, and then its emptied folders. */
    private static void deleteInside(Path root, String relative) throws IOException {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            return;
        }
        Files.deleteIfExists(file);
        Path dir = file.getParent();
        while (dir != null && !dir.equals(root) && dir.startsWith(root) && isEmpty(dir)) {
            Files.delete(dir);
            dir = dir.getParent();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
