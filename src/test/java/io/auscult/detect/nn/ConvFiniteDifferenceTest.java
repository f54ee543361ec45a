package io.auscult.detect.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.SplittableRandom;

import static io.auscult.detect.nn.ConvFixtures.assertClose;

/**
 * The input gradient against central finite differences of the score, in float64, on a random
 * input whose length needs padding (21 frames -> 24): every bin, conv AE and MAE (through its
 * K passes). The score is piecewise quadratic in x (ReLU network, squared error), so central
 * differences are exact away from ReLU kinks.
 */
class ConvFiniteDifferenceTest {

    private static final int MELS = 16;
    private static final int FRAMES = 21;
    private static final double H = 1e-4;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ae", "mae"})
    void inputGradientMatchesCentralDifferences(String kind) {
        boolean mae = kind.equals("mae");
        ConvBackboneWeights w = ConvFixtures.weights(mae ? "tiny_mae.weights.json" : "tiny_conv_ae.weights.json");
        MaeMasking masking = mae ? new MaeMasking(4, 4, 0.5, MaeMaskKind.PATCHES) : null;
        SplittableRandom random = new SplittableRandom(42);
        double[] x = new double[MELS * FRAMES];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        try (ConvBackboneRunner runner = new ConvBackboneRunner(w, DataType.DOUBLE, masking, MELS)) {
            double[] analytic = runner.run(List.of(x), FRAMES, true, null).get(0).gradient();
            double[] numeric = ConvFixtures.centralDifferences(runner, x, FRAMES, H);
            assertClose(kind + " gradient vs finite differences", analytic, numeric, 1e-6);
        }
    }
}
