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

/** Error maps and saliency of the three tiny detectors against the PyTorch fixtures. */
class SaliencyAndErrorMapFixtureTest {

    private static AttributionMap explain(String method, ReconstructionNetwork net, ConvStateTensor x) {
        return Attributions.create(method, Map.of()).explain(ExplanationTarget.of(net, ExplainFixtures.spectrogram(x)),
                Progress.NONE, Cancellation.NEVER);
    }

    @Test
    void convAeErrorMapAndSaliencyMatchPyTorch() {
        Map<String, ConvStateTensor> fx = ExplainFixtures.read("tiny_conv_ae.forward.json");
        try (ReconstructionNetwork net = ExplainFixtures.tinyConvAe()) {
            AttributionMap error = explain("error", net, fx.get("x"));
            assertMapClose("error map", error.values(), fx.get("error_map"));
            assertClose("score", new double[] {error.score()}, fx.get("score").data(), ExplainFixtures.RTOL);
            AttributionMap saliency = explain("saliency", net, fx.get("x"));
            assertMapClose("saliency", saliency.values(), fx.get("saliency"));
            assertThat(saliency.method()).isEqualTo("saliency");
            assertThat(saliency.completenessDelta()).isEmpty();
        }
    }

    @Test
    void maeSaliencyRunsThroughBothInferencePasses() {
        Map<String, ConvStateTensor> fx = ExplainFixtures.read("tiny_mae.json");
        try (ReconstructionNetwork net = ExplainFixtures.tinyMae()) {
            assertMapClose("mae error map", explain("error", net, fx.get("x")).values(), fx.get("error_map"));
            AttributionMap saliency = explain("saliency", net, fx.get("x"));
            double[] expected = fx.get("grad_score_x").data().clone();
            for (int i = 0; i < expected.length; i++) {
                expected[i] = Math.abs(expected[i]);
            }
            assertClose("mae saliency", ExplainFixtures.melsByFrames(saliency.values()), expected,
                    ExplainFixtures.RTOL);
            assertClose("mae score", new double[] {saliency.score()}, fx.get("score").data(), ExplainFixtures.RTOL);
        }
    }

    @Test
    void denseAeSaliencyRunsThroughTheFrameStacking() {
        Map<String, ConvStateTensor> fx = ExplainFixtures.read("tiny_dense_ae.json");
        try (ReconstructionNetwork net = ExplainFixtures.tinyDenseAe()) {
            assertMapClose("dense error map", explain("error", net, fx.get("x")).values(), fx.get("error_map"));
            AttributionMap saliency = explain("saliency", net, fx.get("x"));
            double[] expected = fx.get("grad_score_x").data().clone();
            for (int i = 0; i < expected.length; i++) {
                expected[i] = Math.abs(expected[i]);
            }
            assertClose("dense saliency", ExplainFixtures.melsByFrames(saliency.values()), expected,
                    ExplainFixtures.RTOL);
        }
    }
}
