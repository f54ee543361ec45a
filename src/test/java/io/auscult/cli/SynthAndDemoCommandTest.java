package io.auscult.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SynthAndDemoCommandTest {

    @Test
    void synthWritesADatasetTheScannerReadsBack(@TempDir Path dir) {
        Path out = dir.resolve("ds");
        CliRun synth = CliRun.of("synth", "--out", out.toString(), "--seed", "7", "--machines", "valve,slider",
                "--ids", "1", "--train", "2", "--test-normal", "1", "--test-anomaly", "2", "--seconds", "2");
        assertThat(synth.exitCode()).isZero();
        assertThat(synth.out()).contains("Wrote 10 clips (6 normal, 4 anomalous)");
        CliRun scan = CliRun.of("scan", out.toString());
        assertThat(scan.exitCode()).isZero();
        assertThat(scan.out()).containsPattern("slider +id_00 +2 +1 +2 +0 +5 +0 +2")
                .containsPattern("valve +id_00 +2 +1 +2 +0 +5 +0 +2");
    }

    @Test
    void synthRefusesUnknownNamesAndForeignFolders(@TempDir Path dir) throws Exception {
        CliRun bogus = CliRun.of("synth", "--out", dir.resolve("x").toString(), "--anomalies", "squeak");
        assertThat(bogus.exitCode()).isEqualTo(2);
        assertThat(bogus.err()).contains("squeak", "bearing_whine");
        CliRun extent = CliRun.of("synth", "--out", dir.resolve("y").toString(), "--extent", "forever");
        assertThat(extent.exitCode()).isEqualTo(2);
        assertThat(extent.err()).contains("forever", "event", "persistent");
        assertThat(dir.resolve("y")).doesNotExist();
        Files.writeString(dir.resolve("thesis.txt"), "precious");
        CliRun foreign = CliRun.of("synth", "--out", dir.toString(), "--train", "1", "--test-normal", "0",
                "--test-anomaly", "0", "--ids", "1", "--seconds", "2", "--machines", "fan");
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.err()).contains("not empty", "--overwrite");
        assertThat(Files.readString(dir.resolve("thesis.txt"))).isEqualTo("precious");
    }

    @Test
    void demoSummarisesTheSamplesAndDrawsTwentyFigures(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("figures");
        CliRun run = CliRun.of("demo", "--samples", "samples", "--out", out.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("80 recordings", "bearing_whine", "missing_impact", "20 figures");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(p -> p.toString().endsWith(".png"))).hasSize(20);
        }
        assertThat(out.resolve("valve-anomaly_id_00_00000000.png")).isNotEmptyFile();
        // The shipped demo models are evaluated on the test clips: one row per model, with an AUC.
        assertThat(run.out()).contains("Detection with the bundled demo models");
        for (String model : new String[] {"fan-ae", "pump-mae", "slider-dense", "valve-dense"}) {
            assertThat(run.out()).containsPattern(model + " +[01]\\.[0-9]{3} +[01]\\.[0-9]{3} +[01]\\.[0-9]{2} +[0-4] of 4");
        }
    }
}
