package io.auscult.detect.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.auscult.detect.nn.ConvFixtures.assertClose;

/**
 * The plan in float32 at the shipped models' widths (32, 64, 128), where oneDNN runs the wide
 * layers and the plan's own formulations of some ops (a transposed conv without its bias, the
 * bias added by the crop; the one-channel layers as matrix products) differ from the SameDiff
 * graph's ops: reconstruction, input gradient and every block's activation and activation
 * gradient against the graph's, with random weights, biases and batch norms, a batch of 3
 * inputs whose 37 frames the network pads to 40, conv AE and MAE.
 *
 * <p>Tolerance 1e-4 of each array's largest magnitude: the two sides sum the same products in
 * different orders in float32 (unit rounding 6e-8, sums of up to 1,152 products per value and
 * six layers deep give differences near 1e-6 of the scale); a missed bias, a crop off by one row
 * or a wrong kernel tap changes values by a sizeable fraction of the scale.
 */
class ConvPlanFloatTest {

    private static final int MELS = 32;
    private static final int FRAMES = 37;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ae", "mae"})
    void planEqualsTheGraphInFloat(String kind) {
        boolean mae = kind.equals("mae");
        ConvBackboneWeights w = BatchNorms.randomised(ConvBackboneWeights.initial(mae ? 2 : 1, List.of(32, 64, 128), 11));
        MaeMasking masking = mae ? new MaeMasking(4, 4, 0.5, MaeMaskKind.PATCHES) : null;
        SplittableRandom random = new SplittableRandom(23);
        List<double[]> xs = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            double[] x = new double[MELS * FRAMES];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextGaussian();
            }
            xs.add(x);
        }
        try (ConvBackboneRunner plan = new ConvBackboneRunner(w, DataType.FLOAT, masking, MELS);
             ConvBackboneRunner graph = new ConvBackboneRunner(w, DataType.FLOAT, masking, MELS)) {
            graph.useGraphForGradients(true);
            List<ConvBackboneRunner.Result> a = plan.run(xs, FRAMES, true, null);
            List<ConvBackboneRunner.Result> b = graph.run(xs, FRAMES, true, null);
            List<ConvBackboneRunner.Result> scored = plan.run(xs, FRAMES, false, null);
            for (int n = 0; n < 3; n++) {
                assertClose(kind + " reconstruction " + n, a.get(n).reconstruction(), b.get(n).reconstruction(), 1e-4);
                assertClose(kind + " scored reconstruction " + n, scored.get(n).reconstruction(),
                        b.get(n).reconstruction(), 1e-4);
                assertClose(kind + " gradient " + n, a.get(n).gradient(), b.get(n).gradient(), 1e-4);
            }
            for (String layer : plan.blockNames()) {
                // The plan answers layer queries without an input gradient, the graph with one.
                ConvLayerGradient pl = plan.run(xs.subList(1, 2), FRAMES, false, layer).get(0).layer();
                ConvLayerGradient gl = graph.run(xs.subList(1, 2), FRAMES, true, layer).get(0).layer();
                assertClose(kind + " " + layer + " activation", pl.activation(), gl.activation(), 1e-4);
                assertClose(kind + " " + layer + " gradient", pl.gradient(), gl.gradient(), 1e-4);
            }
        }
    }
}
