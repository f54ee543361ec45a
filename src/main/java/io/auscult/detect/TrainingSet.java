package io.auscult.detect;

import io.auscult.audio.AudioFormatException;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.data.Condition;
import io.auscult.data.Recording;
import io.auscult.data.ScanResult;
import io.auscult.data.Split;
import io.auscult.data.UnusableFile;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.BandStatistics;
import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.features.Standardiser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The normal training recordings of a selection as standardised log-mels, split into
 * training and validation clips. Normalisation statistics come from the training clips only
 * (never the validation or test clips), as the detector will use them.
 *
 * @param train        standardised log-mels the network learns from
 * @param validation   standardised log-mels held out for early stopping
 * @param standardiser per-band statistics of {@code train}
 * @param sha256       SHA-256 of every file used (training and validation), for provenance
 * @param skipped      files that could not be used, with the reason
 */
public record TrainingSet(List<Spectrogram> train, List<Spectrogram> validation, Standardiser standardiser,
                          Map<Path, String> sha256, List<UnusableFile> skipped) {

    /** Share of the normal training clips held out for validation (at least one clip). */
    public static final double VALIDATION_SHARE = 0.1;

    public TrainingSet {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        sha256 = Map.copyOf(sha256);
        skipped = List.copyOf(skipped);
    }

    /**
     * Loads the normal training clips of {@code selection} from a scan. The validation clips
     * are chosen by {@code seed}, so the same seed holds out the same clips.
     *
     * @throws IllegalArgumentException if the selection has fewer than two usable normal training clips
     */
    public static TrainingSet load(ScanResult scan, DataSelection selection, FeatureSpec spec, long seed,
                                   Progress progress, Cancellation cancellation) {
        List<Recording> normals = new ArrayList<>();
        for (Recording r : scan.recordings()) {
            if (selection.includes(r) && r.labels().split() == Split.TRAIN
                    && r.labels().condition() == Condition.NORMAL) {
                normals.add(r);
            }
        }
        if (normals.size() < 2) {
            throw new IllegalArgumentException(scan.root() + ": found " + normals.size()
                    + " normal training clip(s) of machine '" + selection.machineType()
                    + "'; at least 2 are needed (check --machine and the dataset layout)");
        }
        LogMelExtractor extractor = new LogMelExtractor(spec);
        List<Spectrogram> logMels = new ArrayList<>();
        Map<Path, String> hashes = new LinkedHashMap<>();
        List<UnusableFile> skipped = new ArrayList<>();
        for (int i = 0; i < normals.size(); i++) {
            cancellation.throwIfCancelled();
            Path path = normals.get(i).path();
            progress.report(i / (double) normals.size(), "reading " + path.getFileName());
            try {
                logMels.add(extractor.extract(AudioLoader.load(path, ChannelChoice.MEAN, spec.sampleRate())));
                hashes.put(path, sha256(path));
            } catch (AudioFormatException e) {
                skipped.add(new UnusableFile(path, e.reason()));
            } catch (IOException e) {
                skipped.add(new UnusableFile(path, "cannot be read (" + e.getMessage() + ")"));
            }
        }
        if (logMels.size() < 2) {
            throw new IllegalArgumentException(scan.root() + ": only " + logMels.size()
                    + " usable normal training clip(s) of machine '" + selection.machineType() + "'");
        }
        boolean[] held = holdOut(logMels.size(), seed);
        List<Spectrogram> trainRaw = new ArrayList<>();
        List<Spectrogram> validationRaw = new ArrayList<>();
        for (int i = 0; i < logMels.size(); i++) {
            (held[i] ? validationRaw : trainRaw).add(logMels.get(i));
        }
        BandStatistics stats = new BandStatistics(spec.nMels());
        trainRaw.forEach(stats::add);
        Standardiser standardiser = stats.standardiser();
        progress.report(1, "read " + logMels.size() + " clips");
        return new TrainingSet(trainRaw.stream().map(standardiser::apply).toList(),
                validationRaw.stream().map(standardiser::apply).toList(), standardiser, hashes, skipped);
    }

    /** Which of n clips are held out: a seeded choice of max(1, round(share * n)) clips. */
    static boolean[] holdOut(int n, long seed) {
        int count = Math.max(1, (int) Math.round(VALIDATION_SHARE * n));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDL);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] held = new boolean[n];
        for (int i = 0; i < count; i++) {
            held[order[i]] = true;
        }
        return held;
    }

    /** The SHA-256 of a file's bytes, in hex (what a model's provenance records per training file). */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // the digest stream hashes as it reads
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
