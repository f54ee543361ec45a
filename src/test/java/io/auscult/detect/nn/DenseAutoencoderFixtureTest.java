package io.auscult.detect.nn;

import io.auscult.detect.nn.DenseFixtures.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.Map;

import static io.auscult.detect.nn.DenseFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole recording-level computation in float64 against tiny_dense_ae.json. */
class DenseAutoencoderFixtureTest {

    private static final double FORWARD_RTOL = 1e-10;
    private static final double GRADIENT_RTOL = 1e-9;
    private static final Map<String, Tensor> FIXTURE = DenseFixtures.read("tiny_dense_ae.json");
    private static final double[] X = DenseFixtures.timeMajor(FIXTURE.get("x"));

    private static DenseAutoencoder network;

    @BeforeAll
    static void load() {
        network = DenseAutoencoder.of(DenseFixtures.tinyWeights(), DataType.DOUBLE, 1000);
    }

    @AfterAll
    static void close() {
        network.close();
    }

    @Test
    void scoreIsTheMeanWindowErrorOfPyTorch() {
        DenseEvaluation result = network.evaluate(List.of(X), false).get(0);
        assertClose("score", new double[] {result.score()}, FIXTURE.get("score").data(), FORWARD_RTOL);
    }

    @Test
    void errorMapAveragesEachBinOverItsWindows() {
        DenseEvaluation result = network.evaluate(List.of(X), false).get(0);
        assertClose("error_map", result.errorMap(), DenseFixtures.timeMajor(FIXTURE.get("error_map")), FORWARD_RTOL);
    }

    @Test
    void reconstructionAveragesEachBinOverItsWindows() {
        // The README's error-map formula applied to window_reconstruction, written out here on (mels, frames).
        double[] windows = FIXTURE.get("window_reconstruction").data();
        double[] expected = new double[8 * 12];
        for (int m = 0; m < 8; m++) {
            for (int f = 0; f < 12; f++) {
                double sum = 0;
                int count = 0;
                for (int s = Math.max(0, f - 4); s <= Math.min(7, f); s++) {
                    sum += windows[s * 40 + (f - s) * 8 + m];
                    count++;
                }
                expected[f * 8 + m] = sum / count;
            }
        }
        DenseEvaluation result = network.evaluate(List.of(X), false).get(0);
        assertClose("reconstruction", result.reconstruction(), expected, FORWARD_RTOL);
    }

    @Test
    void inputGradientMatchesPyTorchThroughTheStacking() {
        DenseEvaluation result = network.evaluate(List.of(X), true).get(0);
        assertClose("grad_score_x", result.gradient(), DenseFixtures.timeMajor(FIXTURE.get("grad_score_x")),
                GRADIENT_RTOL);
        assertClose("score with gradient", new double[] {result.score()}, FIXTURE.get("score").data(),
                FORWARD_RTOL);
    }

    @Test
    void inputGradientMatchesCentralFiniteDifferences() {
        double[] gradient = network.evaluate(List.of(X), true).get(0).gradient();
        // The score is piecewise quadratic in x (ReLU net), so central differences are exact but for
        // rounding, as long as no ReLU flips: the smallest pre-ReLU margin is 4.2e-3 >> h.
        double h = 1e-5;
        double[] numeric = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            double[] plus = X.clone();
            double[] minus = X.clone();
            plus[i] += h;
            minus[i] -= h;
            List<DenseEvaluation> both = network.evaluate(List.of(plus, minus), false);
            numeric[i] = (both.get(0).score() - both.get(1).score()) / (2 * h);
        }
        assertClose("finite differences", gradient, numeric, 1e-8);
    }
}
