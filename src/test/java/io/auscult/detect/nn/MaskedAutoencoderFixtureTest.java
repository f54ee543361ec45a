package io.auscult.detect.nn;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.auscult.detect.nn.ConvFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

/** The tiny MAE in float64 against PyTorch: groups, masks, both passes, the combined K-pass score and its gradient. */
class MaskedAutoencoderFixtureTest {

    private static final double FORWARD = 1e-10;
    private static final double GRADIENT = 1e-9;
    private static final int MELS = 16;
    private static final int FRAMES = 24;
    private static final MaeMasking TINY = new MaeMasking(4, 4, 0.5, MaeMaskKind.PATCHES);

    private static Map<String, ConvStateTensor> fx;
    private static ConvBackboneWeights weights;
    private static ConvBackboneRunner runner;

    @BeforeAll
    static void load() {
        fx = ConvFixtures.read("tiny_mae.json");
        weights = ConvFixtures.weights("tiny_mae.weights.json");
        runner = new ConvBackboneRunner(weights, DataType.DOUBLE, TINY, MELS);
    }

    @AfterAll
    static void close() {
        runner.close();
    }

    @Test
    void patchGroupsAndMasksFollowTheFixtureCheckerboard() {
        double[] group = new double[MELS * FRAMES];
        double[] masks = new double[2 * MELS * FRAMES];
        for (int m = 0; m < MELS; m++) {
            for (int f = 0; f < FRAMES; f++) {
                group[m * FRAMES + f] = TINY.group(m, f);
            }
        }
        TINY.inferenceMask(0, MELS, FRAMES, masks, 0);
        TINY.inferenceMask(1, MELS, FRAMES, masks, MELS * FRAMES);
        assertThat(group).containsExactly(fx.get("patch_group").data());
        assertThat(masks).containsExactly(fx.get("masks").data());
    }

    @Test
    void bothPassesMatchPyTorchBlockByBlock() {
        double[] x = fx.get("x").data();
        double[] twice = new double[2 * x.length];
        System.arraycopy(x, 0, twice, 0, x.length);
        System.arraycopy(x, 0, twice, x.length, x.length);
        try (ConvInferenceGraph graph = new ConvInferenceGraph(weights, DataType.DOUBLE)) {
            long[] shape = graph.format().oneChannel(2, MELS, FRAMES);
            List<String> names = new ArrayList<>(graph.blockNames());
            names.add(ConvInferenceGraph.PASS_INPUT);
            names.add(ConvInferenceGraph.RECONSTRUCTION);
            Map<String, INDArray> out = graph.output(Map.of(
                    ConvInferenceGraph.X, ConvArrays.create(DataType.DOUBLE, twice, shape),
                    ConvInferenceGraph.MASK, ConvFixtures.array(fx.get("masks")).reshape(shape),
                    ConvInferenceGraph.LOSS_WEIGHT, Nd4j.zeros(DataType.DOUBLE, shape)), names, ConvFixtures::detached);
            assertClose("pass_input", ConvArrays.toDoubles(graph.nchw(ConvInferenceGraph.PASS_INPUT, out.get(ConvInferenceGraph.PASS_INPUT))),
                    fx.get("pass_input").data(), FORWARD);
            for (String b : graph.blockNames()) {
                assertClose("pass." + b + ".relu", ConvArrays.toDoubles(graph.nchw(b, out.get(b))), fx.get("pass." + b + ".relu").data(),
                        FORWARD);
            }
            assertClose("pass_output", ConvArrays.toDoubles(out.get(ConvInferenceGraph.RECONSTRUCTION)),
                    fx.get("pass_output").data(), FORWARD);
        }
    }

    @Test
    void combinedReconstructionScoreAndGradientMatchPyTorch() {
        ConvBackboneRunner.Result r = runner.run(List.of(fx.get("x").data()), FRAMES, true, null).get(0);
        assertClose("reconstruction", r.reconstruction(), fx.get("reconstruction").data(), FORWARD);
        assertClose("error_map", r.errorMap(), fx.get("error_map").data(), FORWARD);
        assertClose("score", new double[] {r.score()}, fx.get("score").data(), FORWARD);
        assertClose("grad_score_x", r.gradient(), fx.get("grad_score_x").data(), GRADIENT);
    }

    @Test
    void withoutGradientTheSameScoreComesOut() {
        ConvBackboneRunner.Result r = runner.run(List.of(fx.get("x").data()), FRAMES, false, null).get(0);
        assertThat(r.gradient()).isNull();
        assertClose("score", new double[] {r.score()}, fx.get("score").data(), FORWARD);
    }
}
