package io.auscult.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auscult.data.synth.AnomalyKind;
import io.auscult.data.synth.MachineType;
import io.auscult.data.synth.SynthDatasetSpec;
import io.auscult.data.synth.SynthDatasetWriter;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auscult proxy --quick} on tiny synthetic data: every file, its columns, one row per model. */
class ProxyCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickLabWritesTablesJsonAndASelfContainedReport() throws Exception {
        SynthDatasetSpec spec = new SynthDatasetSpec(List.of(MachineType.values()), 1, 8, 4, 4, 3.0, 3.0, 12.0, 0.0,
                List.of(AnomalyKind.values()), SynthDatasetSpec.Layout.DCASE2020);
        Path data = dir.resolve("data");
        SynthDatasetWriter.write(data, spec, 5, Progress.NONE, Cancellation.NEVER);
        Path out = dir.resolve("lab");

        CliRun run = CliRun.of("proxy", "--data", data.toString(), "--tasks", "all", "--out", out.toString(),
                "--quick", "--seed", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> models = Files.readAllLines(out.resolve("models.csv"));
        assertThat(models.get(0)).startsWith("task,model,proxy_metric_name,proxy_metric,lp_auc,md_auc,direct_auc");
        // 4 trainable tasks x 4 checkpoints + the pretrained encoder
        assertThat(models).hasSize(1 + 4 * 4 + 1);
        assertThat(models).anySatisfy(l -> assertThat(l).startsWith("pretrained,pretrained-w16-32-64,none,,"));
        assertThat(models).anySatisfy(l -> assertThat(l).startsWith("classification,classification-w8-16-32-e4,"
                + "validation_accuracy,"));
        for (String row : models.subList(1, models.size())) {
            String[] c = row.split(",", -1);
            double lp = Double.parseDouble(c[4]);
            double md = Double.parseDouble(c[5]);
            assertThat(lp).isBetween(0.0, 1.0);
            assertThat(md).isBetween(0.0, 1.0);
            // Only reconstruction and classification have a direct score.
            assertThat(c[6].isEmpty()).isEqualTo(!(c[0].equals("reconstruction") || c[0].equals("classification")));
        }
        List<String> alignment = Files.readAllLines(out.resolve("alignment.csv"));
        assertThat(alignment.get(0)).startsWith("x,y,method,r,p,p_bh,reject");
        // 4 tasks x (4 headline + 3 stage tests), unless a quantity was constant (then listed as skipped)
        assertThat(alignment.size() - 1).isBetween(20, 28);
        String json = Files.readString(out.resolve("lab.json"));
        assertThat(json).contains("\"grid\"").contains("\"quick\"").contains("\"stages\"").contains("\"reading\"");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("data:image/png;base64,").contains("Three-stage check").doesNotContain("src=\"http");
        assertThat(out.resolve("scatter-separation.png")).exists();
        assertThat(run.out()).contains("survive Benjamini-Hochberg");
    }
}
