package io.auscult.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auscult.detect.DetectorKind;
import io.auscult.detect.GainNetwork;
import io.auscult.detect.Provenance;
import io.auscult.detect.Threshold;
import io.auscult.detect.TrainedDetector;
import io.auscult.detect.TrainingCurve;
import io.auscult.features.FeatureSpec;
import io.auscult.features.Standardiser;
import io.auscult.store.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelInfoCommandTest {

    private static Path model(Path dir) throws Exception {
        double[] ones = new double[128];
        Arrays.fill(ones, 1);
        Provenance p = new Provenance("0.1.0", "1.0.0-M2.1", 42, Map.of("model", "ae", "epochs", "3"),
                "samples (machine fan)", Map.of("samples/fan/train/normal_id_00_00000000.wav", "c0ffee".repeat(10) + "abcd"),
                new TrainingCurve(List.of(1.0, 0.6, 0.5), List.of(1.2, 0.7, 0.71), 1), Map.of("auc", 0.9375));
        Path file = dir.resolve("fan.auscult");
        ModelFile.write(file, new TrainedDetector(DetectorKind.AE, FeatureSpec.DCASE, new Standardiser(new double[128], ones),
                new GainNetwork(0.5, 128), new Threshold(0.123456, "gamma fit, 90th percentile"), p));
        return file;
    }

    @Test
    void printsTheProvenanceReadably(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("model-info", model(dir).toString(), "--files");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("detector     ae (model format 1)",
                "front end    16000 Hz, n_fft 1024, hop 512, 128 mel bands, 0-Nyquist Hz",
                "threshold    0.123456 (gamma fit, 90th percentile)",
                "trained on   samples (machine fan)",
                "made with    Auscult 0.1.0, ND4J 1.0.0-M2.1, seed 42",
                "options      epochs 3, model ae",
                "training     3 epochs; kept epoch 2: train loss 0.6000, validation loss 0.7000",
                "data files   1", "samples/fan/train/normal_id_00_00000000.wav",
                "evaluation   auc 0.9375");
    }

    @Test
    void jsonIsTheManifest(@TempDir Path dir) throws Exception {
        JsonNode m = new ObjectMapper().readTree(CliRun.of("model-info", "--json", model(dir).toString()).out());
        assertThat(m.get("format").asText()).isEqualTo("auscult-model");
        assertThat(m.at("/provenance/seed").asLong()).isEqualTo(42);
    }

    @Test
    void aDamagedModelIsNamedWithTheReasonAndExitsOne(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.auscult");
        Files.writeString(bad, "not a zip");
        CliRun run = CliRun.of("model-info", bad.toString(), model(dir).toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("bad.auscult", "not an Auscult model");
        assertThat(run.out()).contains("fan.auscult");
    }
}
