package io.auscult.detect.nn;

import io.auscult.detect.BandErrorStatistics;
import io.auscult.detect.Reconstruction;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.auscult.detect.nn.ConvFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A conv AE or MAE scored by its worst standardised band: the score is the band statistics' score of
 * its own error map, its input gradient matches central finite differences (float64, plan and
 * SameDiff paths), the layer gradient carries the same score, the float scoring path agrees, and a
 * save-load round trip keeps the statistics and the scores.
 */
class ConvBandScoreTest {

    private static final int MELS = 16;
    private static final int FRAMES = 21;
    private static final double H = 1e-4;

    private static ConvBackboneWeights weights(boolean mae) {
        return ConvFixtures.weights(mae ? "tiny_mae.weights.json" : "tiny_conv_ae.weights.json");
    }

    private static MaeMasking masking(boolean mae) {
        return mae ? new MaeMasking(4, 4, 0.5, MaeMaskKind.PATCHES) : null;
    }

    private static double[] gaussian(SplittableRandom random, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * random.nextGaussian();
        }
        return x;
    }

    /** Statistics of the band errors of eight random "normal" inputs, as training fits them. */
    private static BandErrorStatistics statistics(ConvBackboneRunner runner, SplittableRandom random) {
        List<double[]> normals = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            normals.add(gaussian(random, MELS * FRAMES, 1));
        }
        List<Spectrogram> maps = new ArrayList<>();
        for (ConvBackboneRunner.Result r : runner.run(normals, FRAMES, false, null)) {
            maps.add(spectrogram(r.errorMap()));
        }
        return BandErrorStatistics.fit(maps);
    }

    private static Spectrogram spectrogram(double[] melsByFrames) {
        float[] t = ConvFixtures.toTimeMajor(melsByFrames, MELS, FRAMES);
        double[] centres = new double[MELS];
        for (int m = 0; m < MELS; m++) {
            centres[m] = 100 * (m + 1);
        }
        return new Spectrogram(t, FRAMES, MELS, 512, 16000, centres);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ae", "mae"})
    void bandScoreAndItsGradientAreExact(String kind) {
        boolean mae = kind.equals("mae");
        SplittableRandom random = new SplittableRandom(7);
        try (ConvBackboneRunner plan = new ConvBackboneRunner(weights(mae), DataType.DOUBLE, masking(mae), MELS);
             ConvBackboneRunner graph = new ConvBackboneRunner(weights(mae), DataType.DOUBLE, masking(mae), MELS)) {
            BandErrorStatistics stats = statistics(plan, random);
            plan.bandScore(stats);
            graph.bandScore(stats);
            graph.useGraphForGradients(true);
            // An "anomalous" input: band 11 much louder, so one band stands out.
            double[] x = gaussian(random, MELS * FRAMES, 1);
            for (int f = 0; f < FRAMES; f++) {
                x[11 * FRAMES + f] += 3;
            }
            ConvBackboneRunner.Result r = plan.run(List.of(x), FRAMES, true, null).get(0);
            double[] perBand = new double[MELS];
            for (int m = 0; m < MELS; m++) {
                for (int f = 0; f < FRAMES; f++) {
                    perBand[m] += r.errorMap()[m * FRAMES + f] / FRAMES;
                }
            }
            assertThat(r.score()).isCloseTo(stats.score(perBand), within(1e-12));
            assertThat(r.score()).as("the standardised worst band of an anomalous input").isGreaterThan(1);

            double[] numeric = ConvFixtures.centralDifferences(plan, x, FRAMES, H);
            assertClose(kind + " plan gradient vs finite differences", r.gradient(), numeric, 1e-6);
            ConvBackboneRunner.Result g = graph.run(List.of(x), FRAMES, true, null).get(0);
            assertClose(kind + " SameDiff gradient vs finite differences", g.gradient(), numeric, 1e-6);
            assertThat(g.score()).isCloseTo(r.score(), within(1e-12));

            ConvLayerGradient layer = plan.run(List.of(x), FRAMES, false, "enc2").get(0).layer();
            assertThat(layer.score()).isCloseTo(r.score(), within(1e-12));

            float[] timeMajor = ConvFixtures.toTimeMajor(x, MELS, FRAMES);
            ConvBackboneRunner.Scored s = plan.score(List.of(timeMajor), FRAMES, false).get(0);
            // The inputs rounded to float on this path.
            assertThat(s.score()).isCloseTo(r.score(), within(1e-6 * r.score()));

            // Without the statistics the same runner scores by the mean squared error again.
            plan.bandScore(null);
            double mse = java.util.Arrays.stream(r.errorMap()).sum() / (MELS * FRAMES);
            assertThat(plan.run(List.of(x), FRAMES, false, null).get(0).score()).isCloseTo(mse, within(1e-12));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ae", "mae"})
    void saveAndLoadKeepTheBandScore(String kind) throws IOException {
        boolean mae = kind.equals("mae");
        SplittableRandom random = new SplittableRandom(11);
        ConvBackboneNetwork net = mae
                ? new MaskedAutoencoder(weights(true), MELS, masking(true), ConvPrecision.FLOAT)
                : new ConvAutoencoder(weights(false), MELS, ConvPrecision.FLOAT);
        try (net) {
            List<Spectrogram> normals = new ArrayList<>();
            for (int n = 0; n < 6; n++) {
                normals.add(spectrogram(gaussian(random, MELS * FRAMES, 1)));
            }
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            net.save(plain);
            BandErrorStatistics stats = BandErrorStatistics.fit(
                    net.reconstruct(normals).stream().map(Reconstruction::errorMap).toList());
            net.useBandScore(stats);
            List<Reconstruction> before = net.reconstruct(normals);
            for (Reconstruction rec : before) {
                assertThat(rec.score()).isCloseTo(stats.score(rec.errorMap()), within(1e-6));
            }
            assertThat(net.scores(normals)).containsExactly(before.stream().mapToDouble(Reconstruction::score)
                    .toArray());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.save(bytes);
            // A network scored by the mean squared error keeps format version 1, byte for byte.
            assertThat(java.nio.ByteBuffer.wrap(plain.toByteArray(), 20, 4).getInt()).isEqualTo(1);
            assertThat(java.nio.ByteBuffer.wrap(bytes.toByteArray(), 20, 4).getInt()).isEqualTo(2);
            ConvBackboneNetwork back = mae ? MaskedAutoencoder.load(new ByteArrayInputStream(bytes.toByteArray()))
                    : ConvAutoencoder.load(new ByteArrayInputStream(bytes.toByteArray()));
            try (back) {
                assertThat(back.bandScore()).isPresent();
                assertThat(back.bandScore().get().mean()).containsExactly(stats.mean());
                assertThat(back.bandScore().get().std()).containsExactly(stats.std());
                assertThat(back.scores(normals)).containsExactly(net.scores(normals));
            }
            ConvBackboneNetwork plainBack = mae
                    ? MaskedAutoencoder.load(new ByteArrayInputStream(plain.toByteArray()))
                    : ConvAutoencoder.load(new ByteArrayInputStream(plain.toByteArray()));
            try (plainBack) {
                assertThat(plainBack.bandScore()).isEmpty();
            }
        }
    }
}
