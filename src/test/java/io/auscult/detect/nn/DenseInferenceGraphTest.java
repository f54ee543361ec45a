package io.auscult.detect.nn;

import io.auscult.detect.nn.DenseFixtures.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

import static io.auscult.detect.nn.DenseFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

class DenseInferenceGraphTest {

    private static final double FORWARD_RTOL = 1e-10;
    private static final Map<String, Tensor> FIXTURE = DenseFixtures.read("tiny_dense_ae.json");

    private static INDArray fixtureWindows() {
        Tensor windows = FIXTURE.get("windows");
        INDArray array = DenseArrays.create(DataType.DOUBLE, windows.shape()[0], windows.shape()[1]);
        DenseArrays.write(windows.data(), array);
        return array;
    }

    @Test
    void everyLayerMatchesPyTorchWithBatchNormWrittenOut() {
        try (DenseInferenceGraph graph = new DenseInferenceGraph(DenseFixtures.tinyWeights(), DataType.DOUBLE)) {
            List<String> names = graph.layerOutputs();
            assertThat(names).hasSize(6 * 3 - 2);
            Map<String, INDArray> out = graph.activations(fixtureWindows(), names);
            for (String name : names) {
                assertClose(name, DenseArrays.read(out.get(name)), FIXTURE.get(name).data(), FORWARD_RTOL);
            }
        }
    }

    @Test
    void foldedBatchNormGivesPyTorchsNormalisedActivations() {
        try (DenseInferenceGraph graph = new DenseInferenceGraph(DenseFixtures.tinyWeights().foldedBatchNorm(),
                DataType.DOUBLE)) {
            Map<String, INDArray> out = graph.activations(fixtureWindows(), graph.layerOutputs());
            for (int n = 1; n <= 5; n++) {
                // Folded, the linear map already includes the batch norm.
                assertClose("fc" + n + ".bn", DenseArrays.read(out.get("fc" + n + ".linear")),
                        FIXTURE.get("fc" + n + ".bn").data(), FORWARD_RTOL);
                assertClose("fc" + n + ".relu", DenseArrays.read(out.get("fc" + n + ".relu")),
                        FIXTURE.get("fc" + n + ".relu").data(), FORWARD_RTOL);
            }
            double[] reconstruction = DenseArrays.read(graph.reconstruct(fixtureWindows()));
            assertClose("window_reconstruction", reconstruction, FIXTURE.get("window_reconstruction").data(),
                    FORWARD_RTOL);
            double[] windows = FIXTURE.get("windows").data();
            double[] squares = new double[windows.length];
            double[] mse = new double[8];
            for (int i = 0; i < windows.length; i++) {
                squares[i] = (reconstruction[i] - windows[i]) * (reconstruction[i] - windows[i]);
                mse[i / 40] += squares[i] / 40;
            }
            assertClose("window_sq_error", squares, FIXTURE.get("window_sq_error").data(), FORWARD_RTOL);
            assertClose("window_mse", mse, FIXTURE.get("window_mse").data(), FORWARD_RTOL);
        }
    }

    @Test
    void floatGraphReconstructsWithin1e4WhenOnlyTheReconstructionIsAsked() {
        // Guards against SameDiff's fused xw_plus_b, which is wrong in float32 on reused buffers.
        try (DenseInferenceGraph graph = new DenseInferenceGraph(DenseFixtures.tinyWeights().foldedBatchNorm(),
                DataType.FLOAT)) {
            Tensor windows = FIXTURE.get("windows");
            INDArray input = DenseArrays.create(DataType.FLOAT, 8, 40);
            DenseArrays.write(windows.data(), input);
            for (int repeat = 0; repeat < 3; repeat++) {
                assertClose("window_reconstruction, float", DenseArrays.read(graph.reconstruct(input)),
                        FIXTURE.get("window_reconstruction").data(), 1e-4);
            }
        }
    }
}
