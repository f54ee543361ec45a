package io.auscult.data.synth;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.auscult.audio.AudioClip;
import io.auscult.audio.WavReader;
import io.auscult.data.Condition;
import io.auscult.data.DatasetScanner;
import io.auscult.data.Domain;
import io.auscult.data.Recording;
import io.auscult.data.ScanResult;
import io.auscult.data.Split;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SynthDatasetWriterTest {

    /** Small and quick: 2 machines x 1 id x (2 + 1 + 2) clips of 3 s, half of each group in the target domain. */
    private static final SynthDatasetSpec SMALL = new SynthDatasetSpec(
            List.of(MachineType.VALVE, MachineType.FAN), 1, 2, 1, 2, 3.0, 2.0, 10.0, 0.5,
            List.of(AnomalyKind.values()), SynthDatasetSpec.Layout.DCASE2020);

    @TempDir
    Path tmp;

    private SynthDatasetSummary write(Path dir, SynthDatasetSpec spec, long seed) throws IOException {
        return SynthDatasetWriter.write(dir, spec, seed, Progress.NONE, Cancellation.NEVER);
    }

    @Test
    void writesTheDcase2020LayoutWithMasksBesideAnomalies() throws IOException {
        Path out = tmp.resolve("ds");
        SynthDatasetSummary summary = write(out, SMALL, 7);
        assertThat(relativeFiles(out)).containsExactly(
                "fan/test/anomaly_id_00_00000000.mask.csv",
                "fan/test/anomaly_id_00_00000000.wav",
                "fan/test/anomaly_id_00_00000001.mask.csv",
                "fan/test/anomaly_id_00_00000001.wav",
                "fan/test/normal_id_00_00000000.wav",
                "fan/train/normal_id_00_00000000.wav",
                "fan/train/normal_id_00_00000001.wav",
                "manifest.json",
                "valve/test/anomaly_id_00_00000000.mask.csv",
                "valve/test/anomaly_id_00_00000000.wav",
                "valve/test/anomaly_id_00_00000001.mask.csv",
                "valve/test/anomaly_id_00_00000001.wav",
                "valve/test/normal_id_00_00000000.wav",
                "valve/train/normal_id_00_00000000.wav",
                "valve/train/normal_id_00_00000001.wav");
        assertThat(summary.clips()).isEqualTo(10);
        assertThat(summary.normalClips()).isEqualTo(6);
        assertThat(summary.anomalousClips()).isEqualTo(4);
        assertThat(summary.manifest()).isEqualTo(out.toAbsolutePath().normalize().resolve("manifest.json"));
        long onDisk = 0;
        for (String f : relativeFiles(out)) {
            onDisk += Files.size(out.resolve(f));
        }
        assertThat(summary.bytes()).isEqualTo(onDisk);
    }

    @Test
    void regeneratingGivesIdenticalBytesAndAnotherSeedOtherAudio() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        write(a, SMALL, 7);
        write(b, SMALL, 7);
        write(c, SMALL, 8);
        Map<String, String> ha = hashes(a);
        assertThat(hashes(b)).isEqualTo(ha);
        Map<String, String> hc = hashes(c);
        for (String f : ha.keySet()) {
            if (f.endsWith(".wav")) {
                assertThat(hc.get(f)).as(f).isNotEqualTo(ha.get(f));
            }
        }
    }

    @Test
    void addingClipsLeavesTheOthersUnchanged() throws IOException {
        Path small = tmp.resolve("small");
        Path more = tmp.resolve("more");
        write(small, SMALL, 7);
        SynthDatasetSpec bigger = new SynthDatasetSpec(List.of(MachineType.VALVE, MachineType.FAN,
                MachineType.PUMP), 2, 3, 2, 3, 3.0, 2.0, 10.0, 0.5, List.of(AnomalyKind.values()),
                SynthDatasetSpec.Layout.DCASE2020);
        write(more, bigger, 7);
        Map<String, String> hs = hashes(small);
        Map<String, String> hm = hashes(more);
        hs.remove("manifest.json");
        for (var e : hs.entrySet()) {
            assertThat(hm.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void manifestListsEveryFileWithLabelsAnomalyAndHashes() throws IOException {
        Path out = tmp.resolve("ds");
        write(out, SMALL, 7);
        String text = Files.readString(out.resolve("manifest.json"));
        assertThat(text).doesNotContain(out.toAbsolutePath().toString()).doesNotContain("\r");
        JsonNode root = new ObjectMapper().readTree(text);
        assertThat(fieldNames(root)).containsExactly("generator", "seed", "config", "audio", "mask",
                "strengthMeaning", "files");
        assertThat(root.at("/generator/name").asText()).isEqualTo(MachineSoundSynthesizer.NAME);
        assertThat(root.at("/generator/version").asText()).isEqualTo(MachineSoundSynthesizer.VERSION);
        assertThat(root.at("/seed").asLong()).isEqualTo(7);
        assertThat(root.at("/config/machines/0").asText()).isEqualTo("valve");
        assertThat(root.at("/config/clipSeconds").asDouble()).isEqualTo(3.0);
        assertThat(root.at("/config/targetShare").asDouble()).isEqualTo(0.5);
        assertThat(root.at("/mask/thresholdDb").asDouble()).isEqualTo(AnomalyMask.THRESHOLD_DB);
        assertThat(root.at("/mask/frontEnd/mels").asInt()).isEqualTo(128);

        JsonNode files = root.get("files");
        assertThat(files).hasSize(10);
        for (JsonNode f : files) {
            Path wav = out.resolve(f.get("path").asText());
            assertThat(f.get("sha256").asText()).isEqualTo(sha256(Files.readAllBytes(wav)));
            assertThat(f.get("split").asText()).isIn("train", "test");
            assertThat(f.get("domain").asText()).isIn("source", "target");
            boolean anomalous = f.get("condition").asText().equals("anomaly");
            assertThat(f.has("anomaly")).isEqualTo(anomalous);
            if (anomalous) {
                JsonNode a = f.get("anomaly");
                assertThat(AnomalyKind.parse(a.get("kind").asText())).isPresent();
                assertThat(a.get("endSeconds").asDouble()).isGreaterThan(a.get("startSeconds").asDouble());
                assertThat(a.get("highHz").asDouble()).isGreaterThanOrEqualTo(a.get("lowHz").asDouble());
                Path mask = out.resolve(a.get("mask").asText());
                assertThat(mask).isEqualTo(AnomalyMaskCsv.besideWav(wav));
                assertThat(a.get("maskSha256").asText()).isEqualTo(sha256(Files.readAllBytes(mask)));
                assertThat(a.get("maskFraction").asDouble()).isEqualTo(
                        AnomalyMaskCsv.read(mask).fraction(), org.assertj.core.data.Offset.offset(1e-5));
            }
        }
        // the second clip of every group of two is in the target domain (share 0.5)
        assertThat(files.get(0).get("domain").asText()).isEqualTo("source");
        assertThat(files.get(1).get("domain").asText()).isEqualTo("target");
    }

    @Test
    void aManifestEntryIsEnoughToRenderItsClipAgain() throws IOException {
        Path out = tmp.resolve("ds");
        write(out, SMALL, 7);
        JsonNode root = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        JsonNode f = root.get("files").get(8); // the second anomalous fan clip, target domain
        ClipSpec spec = new ClipSpec(MachineType.parse(f.get("machine").asText()).orElseThrow(), f.get("id").asInt(),
                Domain.parse(f.get("domain").asText()).orElseThrow(),
                AnomalyKind.parse(f.at("/anomaly/kind").asText()).orElseThrow(), f.get("snrDb").asDouble(),
                root.at("/config/clipSeconds").asDouble(), Long.parseUnsignedLong(f.get("seed").asText(), 16));
        SyntheticClip clip = new MachineSoundSynthesizer().render(spec);
        AudioClip read = readWav(out.resolve(f.get("path").asText()));
        assertThat(read.samples()).isEqualTo(clip.samples());
        assertThat(AnomalyMaskCsv.read(out.resolve(f.at("/anomaly/mask").asText())).cells())
                .isEqualTo(clip.mask().cells());
    }

    @Test
    void datasetScannerReadsTheLabelsAndFindsTheMasks() throws Exception {
        Path out = tmp.resolve("ds");
        write(out, SMALL, 7);
        ScanResult scan = new DatasetScanner().scan(out);
        assertThat(scan.recordings()).hasSize(10);
        for (Recording r : scan.recordings()) {
            boolean anomalous = r.path().getFileName().toString().startsWith("anomaly");
            assertThat(r.labels().condition()).isEqualTo(anomalous ? Condition.ANOMALY : Condition.NORMAL);
            assertThat(r.mask().isPresent()).isEqualTo(anomalous);
            assertThat(r.info().sampleRate()).isEqualTo(16_000);
        }
    }

    @Test
    void dcase2021LayoutCarriesDomainAndAttributesInTheNames() throws Exception {
        Path out = tmp.resolve("ds21");
        write(out, SMALL.withLayout(SynthDatasetSpec.Layout.DCASE2021), 7);
        List<String> files = relativeFiles(out);
        assertThat(files).contains(
                "valve/train/section_00_source_train_normal_0000_speed_100_mains_50.wav",
                "fan/test/section_00_source_test_anomaly_0000_speed_100_mains_50.mask.csv");
        assertThat(files.stream().filter(f -> f.contains("_target_train_normal_0000_"))).hasSize(2);
        ScanResult scan = new DatasetScanner().scan(out);
        assertThat(scan.recordings()).hasSize(10);
        long target = scan.recordings().stream().filter(r -> r.labels().domain() == Domain.TARGET).count();
        assertThat(target).isEqualTo(4);
        assertThat(scan.recordings()).allMatch(r -> r.labels().split() != Split.UNKNOWN);
        assertThat(scan.recordings()).allMatch(r -> r.labels().attributes().containsKey("speed"));
    }

    @Test
    void refusesAForeignNonEmptyFolderUnlessAllowedToOverwrite() throws IOException {
        Path out = tmp.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("thesis.txt"), "do not lose me");
        assertThatThrownBy(() -> write(out, SMALL, 7))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(out.toAbsolutePath().normalize().toString())
                .hasMessageContaining("not empty");
        assertThat(relativeFiles(out)).containsExactly("thesis.txt");

        SynthDatasetWriter.write(out, SMALL, 7, true, Progress.NONE, Cancellation.NEVER);
        assertThat(Files.readString(out.resolve("thesis.txt"))).isEqualTo("do not lose me");
        assertThat(relativeFiles(out)).contains("manifest.json", "fan/train/normal_id_00_00000000.wav");
    }

    @Test
    void rewritingAnEarlierOutputReplacesItsFilesAndKeepsOthers() throws IOException {
        Path out = tmp.resolve("ds");
        SynthDatasetSpec bigger = new SynthDatasetSpec(List.of(MachineType.VALVE, MachineType.FAN,
                MachineType.SLIDER), 1, 3, 1, 2, 3.0, 2.0, 10.0, 0.5, List.of(AnomalyKind.values()),
                SynthDatasetSpec.Layout.DCASE2020);
        write(out, bigger, 7);
        Files.writeString(out.resolve("README.md"), "notes");
        write(out, SMALL, 7);
        Path fresh = tmp.resolve("fresh");
        write(fresh, SMALL, 7);
        List<String> expected = new ArrayList<>(relativeFiles(fresh));
        expected.add("README.md");
        assertThat(relativeFiles(out)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Files.exists(out.resolve("slider"))).isFalse();
        Map<String, String> h = hashes(out);
        h.remove("README.md");
        assertThat(h).isEqualTo(hashes(fresh));
    }

    @Test
    void cancellingRemovesWhatThisRunCreated() throws IOException {
        Path out = tmp.resolve("ds");
        Cancellation cancel = new Cancellation();
        List<Double> reports = new ArrayList<>();
        Progress progress = (fraction, message) -> {
            reports.add(fraction);
            if (reports.size() == 4) {
                cancel.cancel();
            }
        };
        assertThatThrownBy(() -> SynthDatasetWriter.write(out, SMALL, 7, progress, cancel))
                .isInstanceOf(CancelledException.class);
        assertThat(out).doesNotExist();
        // and the folder is still usable
        write(out, SMALL, 7);
        assertThat(relativeFiles(out)).contains("manifest.json");
    }

    @Test
    void reportsProgressFromZeroToOne() throws IOException {
        List<Double> reports = new ArrayList<>();
        SynthDatasetWriter.write(tmp.resolve("ds"), SMALL, 7, (f, m) -> reports.add(f), Cancellation.NEVER);
        assertThat(reports.get(0)).isZero();
        assertThat(reports.get(reports.size() - 1)).isEqualTo(1.0);
        assertThat(reports).isSorted();
    }

    @Test
    void wavsReadBackAsTheRenderedSamples() throws Exception {
        Path out = tmp.resolve("ds");
        write(out, SMALL, 7);
        AudioClip read = readWav(out.resolve("valve/train/normal_id_00_00000001.wav"));
        assertThat(read.sampleRate()).isEqualTo(16_000);
        assertThat(read.samples()).hasSize(48_000);
        for (float s : read.samples()) {
            if (s * 32768.0 != Math.rint(s * 32768.0)) {
                throw new AssertionError("sample off the 16-bit grid: " + s);
            }
        }
    }

    // ---- helpers

    private static AudioClip readWav(Path wav) throws IOException {
        try {
            return WavReader.read(wav);
        } catch (io.auscult.audio.AudioFormatException e) {
            throw new IOException(e);
        }
    }

    static List<String> relativeFiles(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String f : relativeFiles(root)) {
            out.put(f, sha256(Files.readAllBytes(root.resolve(f))));
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
