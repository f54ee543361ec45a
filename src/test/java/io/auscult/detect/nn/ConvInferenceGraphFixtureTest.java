package io.auscult.detect.nn;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.auscult.detect.nn.ConvFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

/** The tiny conv AE in float64 against PyTorch: every block, the score and the input gradient. */
class ConvInferenceGraphFixtureTest {

    private static final double FORWARD = 1e-10;
    private static final double GRADIENT = 1e-9;

    private static Map<String, ConvStateTensor> fx;
    private static ConvInferenceGraph graph;

    @BeforeAll
    static void load() {
        fx = ConvFixtures.read("tiny_conv_ae.forward.json");
        graph = new ConvInferenceGraph(ConvFixtures.weights("tiny_conv_ae.weights.json"), DataType.DOUBLE);
    }

    @AfterAll
    static void close() {
        graph.close();
    }

    private static Map<String, INDArray> placeholders(INDArray x) {
        long[] s = x.shape();
        long[] shape = graph.format().oneChannel(s[0], s[2], s[3]);
        INDArray w = Nd4j.valueArrayOf(shape, 1.0 / (s[2] * s[3]), DataType.DOUBLE);
        return Map.of(ConvInferenceGraph.X, x.reshape(shape), ConvInferenceGraph.LOSS_WEIGHT, w);
    }

    @Test
    void everyBlockOutputMatchesPyTorchInFloat64() {
        List<String> names = new ArrayList<>();
        for (String b : graph.blockNames()) {
            names.add(b);
            names.add(ConvInferenceGraph.preActivation(b));
        }
        names.addAll(List.of(ConvInferenceGraph.RECONSTRUCTION, ConvInferenceGraph.ERROR_MAP,
                ConvInferenceGraph.SCORE));
        Map<String, INDArray> out = graph.output(placeholders(ConvFixtures.array(fx.get("x"))), names,
                ConvFixtures::detached);
        for (String b : graph.blockNames()) {
            // Folded batch norm: the conv output is already PyTorch's batch-norm output.
            assertClose(b + ".bn", ConvArrays.toDoubles(graph.nchw(b, out.get(ConvInferenceGraph.preActivation(b)))),
                    fx.get(b + ".bn").data(), FORWARD);
            assertClose(b + ".relu", ConvArrays.toDoubles(graph.nchw(b, out.get(b))), fx.get(b + ".relu").data(), FORWARD);
        }
        assertClose("reconstruction", ConvArrays.toDoubles(out.get("reconstruction")),
                fx.get("reconstruction").data(), FORWARD);
        assertClose("dec3.deconv", ConvArrays.toDoubles(out.get("reconstruction")),
                fx.get("dec3.deconv").data(), FORWARD);
        assertClose("error_map", ConvArrays.toDoubles(out.get("error_map")), fx.get("error_map").data(), FORWARD);
        assertClose("score", ConvArrays.toDoubles(out.get("score")), fx.get("score").data(), FORWARD);
        assertThat(out.get("score").getDouble(0)).isCloseTo(1.060764123743383, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void inputGradientMatchesPyTorchInFloat64() {
        OutAndGrad r = graph.gradients(placeholders(ConvFixtures.array(fx.get("x"))),
                List.of(ConvInferenceGraph.SCORE), List.of(ConvInferenceGraph.X), ConvFixtures::detached);
        assertClose("grad_score_x", ConvArrays.toDoubles(r.getGradients().get(ConvInferenceGraph.X)),
                fx.get("grad_score_x").data(), GRADIENT);
        assertClose("score", ConvArrays.toDoubles(r.getOutputs().get("score")), fx.get("score").data(), FORWARD);
    }

    @Test
    void aBatchOfThreeIsScoredAndDifferentiatedPerExample() {
        OutAndGrad r = graph.gradients(placeholders(ConvFixtures.array(fx.get("batch.x"))),
                List.of(ConvInferenceGraph.SCORE, ConvInferenceGraph.RECONSTRUCTION), List.of(ConvInferenceGraph.X),
                ConvFixtures::detached);
        assertClose("batch.reconstruction", ConvArrays.toDoubles(r.getOutputs().get("reconstruction")),
                fx.get("batch.reconstruction").data(), FORWARD);
        assertClose("batch.score", ConvArrays.toDoubles(r.getOutputs().get("score")),
                fx.get("batch.score").data(), FORWARD);
        assertClose("batch.grad_sum_scores_x", ConvArrays.toDoubles(r.getGradients().get(ConvInferenceGraph.X)),
                fx.get("batch.grad_sum_scores_x").data(), GRADIENT);
    }
}
