package io.auscult.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code auscult report} on a demo anomaly with the shipped fan AE and dense models, and on bad input. */
class ReportCommandTest {

    private static final Path MODELS = Path.of("samples", "models");
    private static final Path CLIP = Path.of("samples", "fan", "test", "anomaly_id_00_00000000.wav");

    @TempDir
    Path dir;

    @Test
    void writesTheReportOfADemoAnomaly() throws Exception {
        Path out = dir.resolve("report");
        CliRun run = CliRun.of("report", "--model", MODELS.resolve("fan-ae.auscult").toString(),
                "--model", MODELS.resolve("fan-dense.auscult").toString(), "--methods", "error,gradcam",
                "--random", "2", "--seed", "3", CLIP.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("fan-ae: score", "fan-dense: score", "threshold",
                "fan-dense / gradcam: Grad-CAM needs a convolutional layer", "report.html");
        for (String f : List.of("report.html", "report.json", "table.csv", "curves.csv", "map_fan-ae_error.csv",
                "map_fan-ae_gradcam.csv", "map_fan-dense_error.csv")) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        assertThat(out.resolve("map_fan-dense_gradcam.csv")).doesNotExist();
        List<String> table = Files.readAllLines(out.resolve("table.csv"));
        assertThat(table).hasSize(1 + 4);
        // The demo clip's mask lies beside it: localisation is filled in for the three maps.
        assertThat(table.get(1)).startsWith("fan-ae,error,");
        String[] aeError = table.get(1).split(",", -1);
        double auroc = Double.parseDouble(aeError[9]);
        assertThat(auroc).isBetween(0.0, 1.0);
        assertThat(table.get(4)).startsWith("fan-dense,gradcam,").contains("Grad-CAM needs");
        assertThat(Files.readAllLines(out.resolve("curves.csv"))).hasSize(1 + 3 * 21);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("anomaly_id_00_00000000.wav", "data:image/png;base64,", "R = 2 seeded random orders",
                "outlined in cyan").doesNotContain("<script");
        // stderr carries only the progress bar, which stays silent for work under a second in a
        // log (ProgressBar): whether it printed depends on this machine's speed, so only check
        // that nothing went wrong there.
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aFileThatIsNotAWavIsNamedWithoutAStackTrace() throws Exception {
        Path notWav = dir.resolve("notes.wav");
        Files.writeString(notWav, "these are not samples");
        CliRun run = CliRun.of("report", "--model", MODELS.resolve("fan-ae.auscult").toString(), "--methods", "error",
                notWav.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("notes.wav").doesNotContain("Exception", "\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aMissingModelAnUnknownMethodOrAStrayParameterIsAUsageError() {
        String clip = CLIP.toString();
        String out = dir.resolve("out").toString();
        CliRun missing = CliRun.of("report", "--model", "no-such.auscult", clip, "--out", out);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no-such.auscult").doesNotContain("\tat ");

        CliRun unknown = CliRun.of("report", "--model", MODELS.resolve("fan-ae.auscult").toString(),
                "--methods", "error,lime", clip, "--out", out);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("lime");

        CliRun stray = CliRun.of("report", "--model", MODELS.resolve("fan-ae.auscult").toString(),
                "--methods", "error", "--param", "ig.steps=8", clip, "--out", out);
        assertThat(stray.exitCode()).isEqualTo(2);
        assertThat(stray.err()).contains("ig.steps", "not among --methods");

        CliRun noClip = CliRun.of("report", "--model", MODELS.resolve("fan-ae.auscult").toString(),
                dir.resolve("gone.wav").toString(), "--out", out);
        assertThat(noClip.exitCode()).isEqualTo(2);
        assertThat(noClip.err()).contains("gone.wav", "no such file");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
