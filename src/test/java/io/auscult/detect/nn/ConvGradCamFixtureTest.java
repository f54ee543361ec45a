package io.auscult.detect.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.Map;

import static io.auscult.detect.nn.ConvFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

/** What Grad-CAM needs from the network: the last encoder block's activation and ds/dA, against PyTorch. */
class ConvGradCamFixtureTest {

    @Test
    void lastEncoderActivationAndItsGradientMatchPyTorch() {
        Map<String, ConvStateTensor> fx = ConvFixtures.read("tiny_conv_ae.gradcam.json");
        Map<String, ConvStateTensor> fwd = ConvFixtures.read("tiny_conv_ae.forward.json");
        try (ConvBackboneRunner runner = new ConvBackboneRunner(ConvFixtures.weights("tiny_conv_ae.weights.json"),
                DataType.DOUBLE, null, 16)) {
            ConvBackboneRunner.Result r = runner.run(List.of(fwd.get("x").data()), 24, false, "enc3").get(0);
            ConvLayerGradient g = r.layer();
            assertThat(List.of(g.passes(), g.channels(), g.rows(), g.columns())).containsExactly(1, 16, 2, 3);
            assertClose("activation", g.activation(), fx.get("activation").data(), 1e-10);
            assertClose("grad_activation", g.gradient(), fx.get("grad_activation").data(), 1e-9);
            assertClose("score", new double[] {g.score()}, fwd.get("score").data(), 1e-10);
        }
    }
}
