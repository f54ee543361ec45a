package io.auscult.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auscult.detect.DetectorKind;
import io.auscult.faithfulness.TinyComparisonData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The faithfulness and compare commands on a tiny synthetic set with tiny untrained models. */
class FaithfulnessCompareCommandTest {

    @TempDir
    static Path dir;
    private static Path data;
    private static Path ae;
    private static Path mae;
    private static Path dense;

    @BeforeAll
    static void setUp() throws Exception {
        data = TinyComparisonData.dataset(dir.resolve("data"));
        ae = TinyComparisonData.model(data, DetectorKind.AE, dir.resolve("tiny-ae.auscult"));
        mae = TinyComparisonData.model(data, DetectorKind.MAE, dir.resolve("tiny-mae.auscult"));
        dense = TinyComparisonData.model(data, DetectorKind.DENSE, dir.resolve("tiny-dense.auscult"));
    }

    @Test
    void faithfulnessWritesOneRowPerClipAndBudgetAndListsBadFiles() throws Exception {
        Path bad = dir.resolve("broken.wav");
        Files.write(bad, new byte[] {'R', 'I', 'F', 'F', 9});
        Path out = dir.resolve("curves.csv");
        CliRun run = CliRun.of("faithfulness", "--model", ae.toString(), "--method", "saliency", "--random", "2",
                data.resolve("valve").resolve("test").toString(), bad.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("broken.wav");
        assertThat(run.out()).contains("saliency curves of 3 clip(s)", "mean area", "gain");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("file,method,k,n_k,score,drop,random_mean_drop,area,random_mean_area,gain");
        assertThat(lines).hasSize(1 + 3 * 21);
        String[] first = lines.get(1).split(",");
        assertThat(first[1]).isEqualTo("saliency");
        assertThat(Double.parseDouble(first[2])).isZero();
        assertThat(Integer.parseInt(first[3])).isZero();
        assertThat(Double.parseDouble(first[5])).isZero();
        String[] last = lines.get(21).split(",");
        assertThat(Double.parseDouble(last[2])).isEqualTo(1.0);
        assertThat(Integer.parseInt(last[3])).isEqualTo(128 * 63); // a 2-s clip: 63 frames x 128 mels
        assertThat(Double.parseDouble(last[5])).isEqualTo(1.0);
    }

    @Test
    void faithfulnessRefusesAnUnknownMethod() {
        CliRun run = CliRun.of("faithfulness", "--model", ae.toString(), "--method", "lime",
                data.resolve("valve").resolve("test").toString(), "--out", dir.resolve("x.csv").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("lime");
        assertThat(dir.resolve("x.csv")).doesNotExist();
    }

    @Test
    void compareWritesTheTableCsvJsonFiguresAndSelfContainedHtml() throws Exception {
        Path out = dir.resolve("report");
        CliRun run = CliRun.of("compare", "--models", ae + "," + mae + "," + dense, "--methods", "error,gradcam",
                "--data", data.toString(), "--random", "2", "--units", "16x8", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("tiny-ae", "tiny-mae", "tiny-dense", "report.html", "not applicable");

        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summary.get(0)).startsWith("detector,method,clips,faithfulness_area,faithfulness_gain,gain_ci_low,"
                + "gain_ci_high,drop_at_1,drop_at_5,drop_at_10,loc_auroc,relevance_mass,temporal_auroc,sanity,ms_per_clip");
        assertThat(summary).hasSize(1 + 3 * 2);
        String[] aeError = summary.get(1).split(",", -1);
        assertThat(aeError[0]).isEqualTo("tiny-ae");
        assertThat(aeError[1]).isEqualTo("error");
        assertThat(aeError[2]).isEqualTo("2"); // the two anomalous test clips
        assertThat(Double.parseDouble(aeError[5])).isLessThanOrEqualTo(Double.parseDouble(aeError[4]));
        assertThat(Double.parseDouble(aeError[6])).isGreaterThanOrEqualTo(Double.parseDouble(aeError[4]));
        assertThat(Double.parseDouble(aeError[10])).isBetween(0.0, 1.0);
        assertThat(aeError[13]).isIn("pass", "fail");
        String[] denseGradCam = summary.get(6).split(",", -1);
        assertThat(denseGradCam[1]).isEqualTo("gradcam");
        assertThat(denseGradCam[2]).isEqualTo("0");
        assertThat(denseGradCam[3]).isEmpty();

        JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(json.get("rows")).hasSize(6);
        assertThat(json.at("/rows/0/k")).hasSize(21);
        assertThat(json.at("/rows/5/faithfulness_area/mean").isNull()).isTrue();
        assertThat(Files.readAllLines(out.resolve("clips.csv"))).hasSize(1 + 2 * 5); // 2 clips x (3 + 2) rows

        BufferedImage curves = ImageIO.read(out.resolve("curves_tiny-mae.png").toFile());
        assertThat(curves.getWidth()).isGreaterThan(500);
        assertThat(ImageIO.read(out.resolve("gain.png").toFile())).isNotNull();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<table>", "tiny-dense", "data:image/png;base64,").doesNotContain("src=\"curves_");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp"))).isEmpty();
        }
    }
}
