package io.auscult.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auscult.data.DatasetScanner;
import io.auscult.data.ScanResult;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;
import io.auscult.features.FeatureSpec;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingSetTest {

    private static ScanResult samples;

    @BeforeAll
    static void scan() throws Exception {
        samples = new DatasetScanner().scan(Path.of("samples"));
    }

    @Test
    void usesTheNormalTrainingClipsOfTheMachineAndHoldsOutOneInTen() {
        TrainingSet set = TrainingSet.load(samples, DataSelection.machine("pump"), FeatureSpec.DCASE, 1,
                Progress.NONE, Cancellation.NEVER);
        assertThat(set.train()).hasSize(11);
        assertThat(set.validation()).hasSize(1);
        assertThat(set.skipped()).isEmpty();
        assertThat(set.sha256()).hasSize(12).allSatisfy((path, hash) -> {
            assertThat(path.toString()).contains("pump").contains("train").contains("normal_");
            assertThat(hash).hasSize(64);
        });
        assertThat(set.train().get(0).frames()).isEqualTo(313);
    }

    @Test
    void statisticsComeFromTheTrainingClipsSoTheyAreStandardisedThere() {
        TrainingSet set = TrainingSet.load(samples, DataSelection.machine("fan"), FeatureSpec.DCASE, 3,
                Progress.NONE, Cancellation.NEVER);
        double[] sum = new double[128];
        double[] sumSq = new double[128];
        long n = 0;
        for (Spectrogram s : set.train()) {
            for (int f = 0; f < s.frames(); f++) {
                for (int m = 0; m < 128; m++) {
                    sum[m] += s.get(f, m);
                    sumSq[m] += s.get(f, m) * (double) s.get(f, m);
                }
            }
            n += s.frames();
        }
        for (int m = 0; m < 128; m++) {
            double mean = sum[m] / n;
            assertThat(mean).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(sumSq[m] / n - mean * mean).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void hashesMatchTheManifestOfTheDemoSet() throws Exception {
        TrainingSet set = TrainingSet.load(samples, DataSelection.machine("valve"), FeatureSpec.DCASE, 1,
                Progress.NONE, Cancellation.NEVER);
        JsonNode manifest = new ObjectMapper().readTree(Path.of("samples/manifest.json").toFile());
        int checked = 0;
        for (JsonNode f : manifest.get("files")) {
            Path p = Path.of("samples").resolve(f.get("path").asText()).toAbsolutePath().normalize();
            for (Map.Entry<Path, String> e : set.sha256().entrySet()) {
                if (e.getKey().toAbsolutePath().normalize().equals(p)) {
                    assertThat(e.getValue()).isEqualTo(f.get("sha256").asText());
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(12);
    }

    @Test
    void theSameSeedHoldsOutTheSameClipsAndAnotherSeedOthers() {
        assertThat(TrainingSet.holdOut(40, 7)).isEqualTo(TrainingSet.holdOut(40, 7));
        assertThat(TrainingSet.holdOut(40, 7)).isNotEqualTo(TrainingSet.holdOut(40, 8));
        int held = 0;
        for (boolean b : TrainingSet.holdOut(40, 7)) {
            held += b ? 1 : 0;
        }
        assertThat(held).isEqualTo(4);
    }

    @Test
    void badFilesAreSkippedWithTheirReasonAndTooFewClipsIsAClearError(@TempDir Path dir) throws Exception {
        Path train = Files.createDirectories(dir.resolve("fan/train"));
        for (int i = 0; i < 3; i++) {
            Files.copy(Path.of("samples/fan/train/normal_id_00_0000000" + i + ".wav"),
                    train.resolve("normal_id_00_0000000" + i + ".wav"));
        }
        ScanResult scan = new DatasetScanner().scan(dir);
        Files.write(train.resolve("normal_id_00_00000001.wav"), new byte[] {'R', 'I', 'F', 'F'}); // damaged after the scan
        TrainingSet set = TrainingSet.load(scan, DataSelection.machine("fan"), FeatureSpec.DCASE, 1,
                Progress.NONE, Cancellation.NEVER);
        assertThat(set.train().size() + set.validation().size()).isEqualTo(2);
        assertThat(set.skipped()).singleElement().satisfies(u -> {
            assertThat(u.path().getFileName().toString()).isEqualTo("normal_id_00_00000001.wav");
            assertThat(u.reason()).contains("not a WAV");
        });
        assertThatThrownBy(() -> TrainingSet.load(scan, DataSelection.machine("pump"), FeatureSpec.DCASE, 1,
                Progress.NONE, Cancellation.NEVER)).hasMessageContaining("pump").hasMessageContaining("at least 2");
    }

    @Test
    void cancellationStopsLoading() {
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        assertThatThrownBy(() -> TrainingSet.load(samples, DataSelection.machine("fan"), FeatureSpec.DCASE, 1,
                Progress.NONE, cancel)).isInstanceOf(CancelledException.class);
    }
}
