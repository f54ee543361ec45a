package io.auscult.detect.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.auscult.detect.nn.ConvFixtures.assertClose;

/**
 * The plan's hand-built backward pass (the transposes of the forward ops) against SameDiff's
 * automatic differentiation of the same graph and against PyTorch's gradient, in float64: a
 * batch of three inputs that need padding (21 frames -> 24), conv AE and MAE (K passes); and
 * every block's activation gradient (Grad-CAM's input).
 */
class ConvPlanGradientTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ae", "mae"})
    void planGradientsEqualSameDiffsAndPyTorchs(String kind) {
        boolean mae = kind.equals("mae");
        ConvBackboneWeights w = ConvFixtures.weights(mae ? "tiny_mae.weights.json" : "tiny_conv_ae.weights.json");
        MaeMasking masking = mae ? new MaeMasking(4, 4, 0.5, MaeMaskKind.PATCHES) : null;
        SplittableRandom random = new SplittableRandom(5);
        List<double[]> xs = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            double[] x = new double[16 * 21];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextGaussian();
            }
            xs.add(x);
        }
        try (ConvBackboneRunner plan = new ConvBackboneRunner(w, DataType.DOUBLE, masking, 16);
             ConvBackboneRunner graph = new ConvBackboneRunner(w, DataType.DOUBLE, masking, 16)) {
            graph.useGraphForGradients(true);
            List<ConvBackboneRunner.Result> a = plan.run(xs, 21, true, null);
            List<ConvBackboneRunner.Result> b = graph.run(xs, 21, true, null);
            for (int n = 0; n < 3; n++) {
                // Same mathematics, different summation order: float64 rounding only.
                assertClose(kind + " gradient " + n, a.get(n).gradient(), b.get(n).gradient(), 1e-12);
                assertClose(kind + " score " + n, new double[] {a.get(n).score()}, new double[] {b.get(n).score()},
                        1e-14);
            }
            for (String layer : plan.blockNames()) {
                ConvLayerGradient pl = plan.run(xs.subList(0, 1), 21, false, layer).get(0).layer();
                ConvLayerGradient gl = graph.run(xs.subList(0, 1), 21, false, layer).get(0).layer();
                assertClose(kind + " " + layer + " activation", pl.activation(), gl.activation(), 1e-12);
                assertClose(kind + " " + layer + " gradient", pl.gradient(), gl.gradient(), 1e-12);
            }
            Map<String, ConvStateTensor> fx = ConvFixtures.read(mae ? "tiny_mae.json" : "tiny_conv_ae.forward.json");
            double[] g = plan.run(List.of(fx.get("x").data()), 24, true, null).get(0).gradient();
            assertClose(kind + " grad_score_x vs PyTorch", g, fx.get("grad_score_x").data(), 1e-9);
        }
    }
}
