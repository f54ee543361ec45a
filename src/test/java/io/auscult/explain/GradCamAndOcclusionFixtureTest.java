package io.auscult.explain;

import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.nn.ConvStateTensor;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.auscult.explain.ExplainFixtures.assertClose;
import static io.auscult.explain.ExplainFixtures.assertMapClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grad-CAM and occlusion of the tiny conv AE against PyTorch; Grad-CAM's refusal of the dense AE. */
class GradCamAndOcclusionFixtureTest {

    @Test
    void gradCamOnTheLastEncoderBlockMatchesPyTorchsUpsampledCam() {
        Map<String, ConvStateTensor> fx = ExplainFixtures.read("tiny_conv_ae.gradcam.json");
        try (ReconstructionNetwork net = ExplainFixtures.tinyConvAe()) {
            AttributionMap a = Attributions.create("gradcam", Map.of()).explain(
                    ExplanationTarget.of(net, ExplainFixtures.spectrogram(fx.get("x"))), Progress.NONE,
                    Cancellation.NEVER);
            assertThat(a.parameters()).containsEntry("layer", "enc3");
            assertMapClose("cam_upsampled", a.values(), fx.get("cam_upsampled"));
        }
    }

    @Test
    void bilinearUpsamplingIsPyTorchsAlignCornersFalse() {
        Map<String, ConvStateTensor> fx = ExplainFixtures.read("tiny_conv_ae.gradcam.json");
        double[] up = GradCam.upsample(fx.get("cam").data(), 2, 3, 16, 24);
        assertClose("upsampled", up, fx.get("cam_upsampled").data(), 1e-14);
    }

    @Test
    void gradCamRefusesTheDenseAutoencoderSayingWhy() {
        try (ReconstructionNetwork net = ExplainFixtures.tinyDenseAe()) {
            Map<String, ConvStateTensor> fx = ExplainFixtures.read("tiny_dense_ae.json");
            assertThatThrownBy(() -> Attributions.create("gradcam", Map.of()).explain(
                    ExplanationTarget.of(net, ExplainFixtures.spectrogram(fx.get("x"))), Progress.NONE,
                    Cancellation.NEVER))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dense")
                    .hasMessageContaining("convolutional");
        }
    }

    @Test
    void gradCamRefusesAnUnknownLayerListingTheLayers() {
        Map<String, ConvStateTensor> fx = ExplainFixtures.read("tiny_conv_ae.gradcam.json");
        try (ReconstructionNetwork net = ExplainFixtures.tinyConvAe()) {
            assertThatThrownBy(() -> Attributions.create("gradcam", Map.of("layer", "enc9")).explain(
                    ExplanationTarget.of(net, ExplainFixtures.spectrogram(fx.get("x"))), Progress.NONE,
                    Cancellation.NEVER))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enc9")
                    .hasMessageContaining("enc2");
        }
    }

    @Test
    void occlusionWithReconstructionPatchesMatchesPyTorch() {
        Map<String, ConvStateTensor> fx = ExplainFixtures.read("tiny_conv_ae.occlusion.json");
        try (ReconstructionNetwork net = ExplainFixtures.tinyConvAe()) {
            AttributionMap a = Attributions.create("occlusion", Map.of("patch_mels", "4", "patch_frames", "4"))
                    .explain(ExplanationTarget.of(net, ExplainFixtures.spectrogram(fx.get("x"))), Progress.NONE,
                            Cancellation.NEVER);
            assertMapClose("occlusion map", a.values(), fx.get("map"));
            assertClose("score", new double[] {a.score()}, fx.get("score").data(), ExplainFixtures.RTOL);
        }
    }
}
