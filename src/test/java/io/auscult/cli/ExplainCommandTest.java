package io.auscult.cli;

import io.auscult.detect.DetectorKind;
import io.auscult.detect.Provenance;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.Threshold;
import io.auscult.detect.TrainedDetector;
import io.auscult.detect.TrainingCurve;
import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.detect.nn.ConvStateDictJson;
import io.auscult.detect.nn.ConvStateTensor;
import io.auscult.detect.nn.DenseAutoencoder;
import io.auscult.detect.nn.DenseAutoencoderWeights;
import io.auscult.features.FeatureSpec;
import io.auscult.features.Standardiser;
import io.auscult.store.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auscult explain} end to end on a demo clip with the fixtures' tiny networks saved as
 * model files (16 and 8 mel bands: milliseconds per method instead of a trained full-size model).
 */
class ExplainCommandTest {

    private static final Path FIXTURES = Path.of("..", "shared", "fixtures", "model");
    private static final String CLIP = "samples/fan/test/anomaly_id_00_00000000.wav";

    private static Provenance provenance() {
        return new Provenance("0.1.0", "1.0.0-M2.1", 1, Map.of("model", "test"), "fixture weights", Map.of(),
                new TrainingCurve(List.of(1.0), List.of(1.0), 1), Map.of());
    }

    private static Standardiser standardiser(int mels) {
        double[] mean = new double[mels];
        double[] std = new double[mels];
        Arrays.fill(mean, -45);
        Arrays.fill(std, 12);
        return new Standardiser(mean, std);
    }

    private static Path convModel(Path dir) throws Exception {
        Path file = dir.resolve("tiny-ae.auscult");
        ReconstructionNetwork net = new ConvAutoencoder(ConvStateDictJson.readWeights(
                FIXTURES.resolve("tiny_conv_ae.weights.json")), 16, ConvPrecision.FLOAT);
        try (TrainedDetector d = new TrainedDetector(DetectorKind.AE, new FeatureSpec(16000, 1024, 512, 16, 0, 0),
                standardiser(16), net, new Threshold(0.5, "test"), provenance())) {
            ModelFile.write(file, d);
        }
        return file;
    }

    private static Path denseModel(Path dir) throws Exception {
        Path file = dir.resolve("tiny-dense.auscult");
        Map<String, ConvStateTensor> t;
        try (InputStream in = Files.newInputStream(FIXTURES.resolve("tiny_dense_ae.weights.json"))) {
            t = ConvStateDictJson.read(in);
        }
        Map<String, double[]> data = new LinkedHashMap<>();
        t.forEach((k, v) -> data.put(k, v.data()));
        ReconstructionNetwork net = DenseAutoencoder.of(DenseAutoencoderWeights.fromStateDict(data,
                t.get("bn_eps").data()[0], 5), DataType.FLOAT, 1000);
        try (TrainedDetector d = new TrainedDetector(DetectorKind.DENSE, new FeatureSpec(16000, 1024, 512, 8, 0, 0),
                standardiser(8), net, new Threshold(0.5, "test"), provenance())) {
            ModelFile.write(file, d);
        }
        return file;
    }

    @Test
    void writesTheMapAsCsvWithTheInputsShapeAndReportsIgCompleteness(@TempDir Path dir) throws Exception {
        Path model = convModel(dir);
        Path csv = dir.resolve("ig.csv");
        CliRun run = CliRun.of("explain", "--model", model.toString(), "--method", "ig", "--param", "steps=16",
                CLIP, "--out", csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ig of anomaly_id_00_00000000.wav: score", "completeness delta", "Wrote");
        List<String> rows = Files.readAllLines(csv);
        // 10 s at 16 kHz, hop 512: 1 + 160000 / 512 = 313 frames; 16 bands.
        assertThat(rows).hasSize(1 + 313);
        assertThat(rows.get(0).split(",")).hasSize(16).startsWith("m0");
        for (String v : rows.get(100).split(",")) {
            assertThat(Double.isFinite(Double.parseDouble(v))).isTrue();
        }
    }

    @Test
    void drawsAPngFigureOfTheMapOverTheSpectrogram(@TempDir Path dir) throws Exception {
        Path model = convModel(dir);
        Path png = dir.resolve("gradcam.png");
        CliRun run = CliRun.of("explain", "--model", model.toString(), "--method", "gradcam", CLIP,
                "--out", png.toString(), "--display", "positive");
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(313);
        assertThat(image.getHeight()).isGreaterThan(16 * 3);
    }

    @Test
    void aGroundTruthMaskBesideTheClipIsOutlinedAndABrokenOneIsNamedAndSkipped(@TempDir Path dir) throws Exception {
        Path model = Path.of("samples/models/fan-ae.auscult"); // the full 128-band front end, as the mask
        Path clip = dir.resolve("anomaly.wav");
        java.nio.file.Files.copy(Path.of(CLIP), clip);
        Path withMask = dir.resolve("with-mask.png");
        java.nio.file.Files.copy(Path.of(CLIP.replace(".wav", ".mask.csv")), dir.resolve("anomaly.mask.csv"));
        CliRun good = CliRun.of("explain", "--model", model.toString(), "--method", "error", clip.toString(),
                "--out", withMask.toString());
        assertThat(good.exitCode()).as(good.err()).isZero();
        assertThat(good.err()).doesNotContain("mask");
        java.nio.file.Files.writeString(dir.resolve("anomaly.mask.csv"), "m0,m1\n1,0\n");
        Path broken = dir.resolve("broken-mask.png");
        CliRun bad = CliRun.of("explain", "--model", model.toString(), "--method", "error", clip.toString(),
                "--out", broken.toString());
        assertThat(bad.exitCode()).as(bad.err()).isZero();
        assertThat(bad.err()).contains("anomaly.mask.csv", "not drawn");
        // Same map, same figure, except the outline: the files differ.
        assertThat(java.nio.file.Files.readAllBytes(broken)).isNotEqualTo(java.nio.file.Files.readAllBytes(withMask));
    }

    @Test
    void gradCamOnADenseModelAndUnknownMethodsAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path dense = denseModel(dir);
        CliRun cam = CliRun.of("explain", "--model", dense.toString(), "--method", "gradcam", CLIP,
                "--out", dir.resolve("x.png").toString());
        assertThat(cam.exitCode()).isEqualTo(2);
        assertThat(cam.err()).contains("Grad-CAM", "dense");
        assertThat(dir.resolve("x.png")).doesNotExist();

        CliRun saliency = CliRun.of("explain", "--model", dense.toString(), CLIP, "--out",
                dir.resolve("s.csv").toString());
        assertThat(saliency.exitCode()).as(saliency.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("s.csv"))).hasSize(314);

        CliRun unknown = CliRun.of("explain", "--model", dense.toString(), "--method", "lime", CLIP, "--out",
                dir.resolve("y.csv").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("lime", "saliency");

        Path broken = dir.resolve("broken.wav");
        Files.write(broken, new byte[] {'R', 'I', 'F', 'F', 1});
        CliRun bad = CliRun.of("explain", "--model", dense.toString(), broken.toString(), "--out",
                dir.resolve("z.csv").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("broken.wav");
    }

    @Test
    void gradientShapTakesItsBaselinesFromReferenceRecordings(@TempDir Path dir) throws Exception {
        Path model = convModel(dir);
        CliRun none = CliRun.of("explain", "--model", model.toString(), "--method", "gradshap", CLIP, "--out",
                dir.resolve("a.csv").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("normal");
        CliRun with = CliRun.of("explain", "--model", model.toString(), "--method", "gradshap", "--param",
                "samples=4", "--references", "samples/fan/train", "--max-references", "3", CLIP, "--out",
                dir.resolve("b.csv").toString());
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("b.csv"))).hasSize(314);
    }
}
