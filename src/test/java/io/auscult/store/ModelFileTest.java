package io.auscult.store;

import io.auscult.detect.DetectorKind;
import io.auscult.detect.GainNetwork;
import io.auscult.detect.Provenance;
import io.auscult.detect.Threshold;
import io.auscult.detect.TrainedDetector;
import io.auscult.detect.TrainingCurve;
import io.auscult.features.FeatureSpec;
import io.auscult.features.Spectrogram;
import io.auscult.features.Standardiser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFileTest {

    private static final FeatureSpec SPEC = new FeatureSpec(16000, 1024, 512, 4, 0, 0);

    static TrainedDetector detector(double gain) {
        Provenance p = new Provenance("0.1.0", "1.0.0-M2.1", 42, Map.of("epochs", "30", "model", "ae"),
                "samples (machine fan)", Map.of("/data/fan/train/a.wav", "ab".repeat(32)),
                new TrainingCurve(List.of(1.0, 0.5), List.of(1.1, 0.6), 1), Map.of("auc", 0.93));
        return new TrainedDetector(DetectorKind.AE, SPEC, new Standardiser(new double[] {-40.1, -41, -42, -43.3333},
                new double[] {5, 6, 7, 1.0 / 3}), new GainNetwork(gain, 4), new Threshold(0.25, "gamma fit, 90th percentile"), p);
    }

    private static Spectrogram input() {
        return new Spectrogram(new float[] {1, 2, 3, 4, -1, -2, -3, -4}, 2, 4, 512, 16000, new double[] {1, 2, 3, 4});
    }

    @Test
    void saveThenLoadGivesTheSameModelAndIdenticalScores(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fan.auscult");
        TrainedDetector original = detector(0.75);
        ModelFile.write(file, original);
        try (TrainedDetector loaded = ModelFile.read(file, GainNetwork.LOADER)) {
            assertThat(loaded.kind()).isEqualTo(DetectorKind.AE);
            assertThat(loaded.features()).isEqualTo(SPEC);
            assertThat(loaded.standardiser()).isEqualTo(original.standardiser());
            assertThat(loaded.threshold()).isEqualTo(original.threshold());
            assertThat(loaded.provenance()).isEqualTo(original.provenance());
            assertThat(loaded.network().scores(List.of(input()))[0])
                    .isEqualTo(original.network().scores(List.of(input()))[0]);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theSameModelGivesTheSameBytes(@TempDir Path dir) throws IOException {
        ModelFile.write(dir.resolve("a.auscult"), detector(0.5));
        ModelFile.write(dir.resolve("b.auscult"), detector(0.5));
        assertThat(Files.readAllBytes(dir.resolve("a.auscult"))).isEqualTo(Files.readAllBytes(dir.resolve("b.auscult")));
    }

    @Test
    void aWavFileIsRefusedAsNotAModel() {
        Path wav = Path.of("samples/fan/train/normal_id_00_00000000.wav");
        assertThatThrownBy(() -> ModelFile.read(wav, GainNetwork.LOADER)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("normal_id_00_00000000.wav").hasMessageContaining("not an Auscult model");
    }

    @Test
    void aTruncatedFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fan.auscult");
        ModelFile.write(file, detector(0.5));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelFile.read(file, GainNetwork.LOADER)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("fan.auscult").hasMessageContaining("truncated");
    }

    @Test
    void aTamperedNetworkFailsItsChecksum(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.auscult");
        ModelFile.write(good, detector(0.5));
        Path bad = dir.resolve("bad.auscult");
        try (var zip = new java.util.zip.ZipFile(good.toFile()); OutputStream out = Files.newOutputStream(bad);
             ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : java.util.Collections.list(zip.entries())) {
                z.putNextEntry(new ZipEntry(e.getName()));
                byte[] b = zip.getInputStream(e).readAllBytes();
                if (e.getName().equals("network.bin")) {
                    b[0] ^= 1;
                }
                z.write(b);
                z.closeEntry();
            }
        }
        assertThatThrownBy(() -> ModelFile.read(bad, GainNetwork.LOADER))
                .hasMessageContaining("bad.auscult").hasMessageContaining("checksum of its network.bin");
    }

    @Test
    void aForeignZipAndANewerFormatAreRefusedSayingWhich(@TempDir Path dir) throws IOException {
        Path foreign = zipWith(dir.resolve("foreign.auscult"), "readme.txt", "hello");
        assertThatThrownBy(() -> ModelFile.read(foreign, GainNetwork.LOADER))
                .hasMessageContaining("not an Auscult model").hasMessageContaining("manifest.json");
        Path other = zipWith(dir.resolve("other.auscult"), "manifest.json", "{\"format\":\"keras\"}");
        assertThatThrownBy(() -> ModelFile.readManifest(other)).hasMessageContaining("format 'keras'");
        Path newer = zipWith(dir.resolve("newer.auscult"), "manifest.json",
                "{\"format\":\"auscult-model\",\"formatVersion\":99}");
        assertThatThrownBy(() -> ModelFile.readManifest(newer)).hasMessageContaining("newer Auscult")
                .hasMessageContaining("format 99");
    }

    @Test
    void aFailedWriteLeavesTheOldModelInPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fan.auscult");
        ModelFile.write(file, detector(0.5));
        byte[] before = Files.readAllBytes(file);
        TrainedDetector broken = detector(0.5).withThreshold(new Threshold(1, "x"));
        TrainedDetector failing = new TrainedDetector(broken.kind(), broken.features(), broken.standardiser(),
                new GainNetwork(0.5, 4) {
                    @Override
                    public void save(OutputStream out) throws IOException {
                        throw new IOException("disk full");
                    }
                }, broken.threshold(), broken.provenance());
        assertThatThrownBy(() -> ModelFile.write(file, failing)).hasMessageContaining("disk full");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aMissingFileOrAFolderIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelFile.read(dir.resolve("none.auscult"), GainNetwork.LOADER))
                .hasMessageContaining("none.auscult").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ModelFile.read(dir, GainNetwork.LOADER)).hasMessageContaining("is a folder");
    }

    private static Path zipWith(Path file, String name, String content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return file;
    }
}
