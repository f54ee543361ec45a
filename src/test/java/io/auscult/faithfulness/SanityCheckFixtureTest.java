package io.auscult.faithfulness;

import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.ScoreGradient;
import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvLayerWeights;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.detect.nn.ConvStateDictJson;
import io.auscult.detect.nn.DenseLayer;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.explain.Attribution;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.ExplanationTarget;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static io.auscult.faithfulness.FaithfulnessFixtures.assertClose;
import static io.auscult.faithfulness.FaithfulnessFixtures.timeMajor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * sanity.json: saliency of the tiny conv AE under cascading randomisation, with the fixture's
 * re-drawn tensors injected. The network runs in float64 on float-rounded inputs, so saliency is
 * compared at 1e-4 and rho at 1e-5: a rounding-induced swap of two adjacent ranks among 384 moves
 * rho by about 2e-7, and the saliencies are far from equal anyway.
 */
class SanityCheckFixtureTest {

    private static final int MELS = 16;
    private static final int FRAMES = 24;

    /** Saliency |ds/dx|, the method the fixture uses (test-local: the methods live in explain). */
    static final class TestSaliency implements Attribution {
        @Override
        public String method() {
            return "saliency";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public AttributionMap explain(ExplanationTarget target, Progress progress, Cancellation cancel) {
            ScoreGradient g = target.network().scoreGradients(List.of(target.input())).get(0);
            float[] v = g.gradient().values().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.abs(v[i]);
            }
            return new AttributionMap("saliency", Map.of(), g.gradient().withValues(v), g.score(),
                    OptionalDouble.empty());
        }
    }

    /** The fixture's re-drawn kernels and biases. */
    private record FixtureDraw(FaithfulnessFixtures fx) implements LayerDraw {
        @Override
        public ConvLayerWeights redraw(String layer, ConvLayerWeights o) {
            List<String> order = List.of("dec3", "dec2", "dec1", "enc3", "enc2", "enc1");
            String p = "cascade" + order.indexOf(layer) + "." + layer + (o.transposed() ? ".deconv." : ".conv.");
            return new ConvLayerWeights(o.transposed(), o.inChannels(), o.outChannels(), fx.data(p + "weight"),
                    fx.data(p + "bias"), o.batchNorm());
        }

        @Override
        public DenseLayer redraw(String layer, DenseLayer original) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void cascadingRandomisationMatchesFixture() throws IOException {
        FaithfulnessFixtures fx = FaithfulnessFixtures.read("sanity.json");
        Spectrogram input = spectrogram(timeMajor(fx.data("x"), MELS, FRAMES));
        try (ConvAutoencoder ae = new ConvAutoencoder(ConvStateDictJson.readWeights(
                FaithfulnessFixtures.MODEL_DIR.resolve("tiny_conv_ae.weights.json")), MELS, ConvPrecision.DOUBLE)) {
            assertThat(ModelRandomisation.cascade(ae)).containsExactly("dec3", "dec2", "dec1", "enc3", "enc2", "enc1");
            ExplanationTarget target = ExplanationTarget.of(ae, input);
            TestSaliency saliency = new TestSaliency();
            AttributionMap original = saliency.explain(target, Progress.NONE, Cancellation.NEVER);
            assertClose("saliency_original", ReplacementClip.toDoubles(original.values().values()),
                    timeMajor(fx.data("saliency_original"), MELS, FRAMES), 1e-4);

            // Each step's network and map, against the fixture.
            for (int s = 0; s < 6; s++) {
                try (ReconstructionNetwork r = ModelRandomisation.randomised(ae, s + 1, new FixtureDraw(fx))) {
                    AttributionMap m = saliency.explain(ExplanationTarget.of(r, input), Progress.NONE,
                            Cancellation.NEVER);
                    assertClose("cascade" + s + ".score", m.score(), fx.scalar("cascade" + s + ".score"), 1e-4);
                    assertClose("cascade" + s + ".saliency", ReplacementClip.toDoubles(m.values().values()),
                            timeMajor(fx.data("cascade" + s + ".saliency"), MELS, FRAMES), 1e-4);
                }
            }

            SanityResult result = new SanityCheck(new FixtureDraw(fx), 0.5)
                    .run(saliency, target, original, Progress.NONE, Cancellation.NEVER);
            assertThat(result.steps()).extracting(SanityStep::layer)
                    .containsExactly("dec3", "dec2", "dec1", "enc3", "enc2", "enc1");
            for (int s = 0; s < 6; s++) {
                assertThat(result.steps().get(s).rankCorrelation()).as("spearman step " + s)
                        .isCloseTo(fx.scalar("cascade" + s + ".spearman"), org.assertj.core.data.Offset.offset(1e-5));
            }
            assertThat(result.passed()).as("rho 0.13 with every layer re-drawn").isTrue();
            assertThat(SanityResult.of("saliency", result.steps(), 0.1).passed()).as("stricter threshold").isFalse();
        }
    }

    @Test
    void spearmanOfFixtureSaliencyMatchesScipyExactly() {
        FaithfulnessFixtures fx = FaithfulnessFixtures.read("sanity.json");
        for (int s = 0; s < 6; s++) {
            assertClose("spearman " + s, RankCorrelation.spearman(fx.data("saliency_original"),
                    fx.data("cascade" + s + ".saliency")), fx.scalar("cascade" + s + ".spearman"), 1e-12);
        }
    }

    @Test
    void heNormalDrawIsSeededPerLayerAndKeepsBatchNorm() throws IOException {
        try (ConvAutoencoder ae = new ConvAutoencoder(ConvStateDictJson.readWeights(
                FaithfulnessFixtures.MODEL_DIR.resolve("tiny_conv_ae.weights.json")), MELS, ConvPrecision.DOUBLE)) {
            ConvLayerWeights enc2 = ae.weights().encoder().get(1);
            ConvLayerWeights a = LayerDraw.heNormal(5).redraw("enc2", enc2);
            assertThat(a).isEqualTo(LayerDraw.heNormal(5).redraw("enc2", enc2));
            assertThat(a.weight()).isNotEqualTo(LayerDraw.heNormal(6).redraw("enc2", enc2).weight());
            assertThat(a.weight()).isNotEqualTo(enc2.weight());
            assertThat(a.batchNorm()).isEqualTo(enc2.batchNorm());
            // He-normal: std sqrt(2 / (4 * 9)) = 0.236 over 288 values (sample std within ~15 %).
            double ss = 0;
            for (double w : a.weight()) {
                ss += w * w;
            }
            assertThat(Math.sqrt(ss / a.weight().length)).isBetween(0.236 * 0.8, 0.236 * 1.2);
            try (ReconstructionNetwork r = ModelRandomisation.randomised(ae, 2, LayerDraw.heNormal(5))) {
                ConvAutoencoder copy = (ConvAutoencoder) r;
                assertThat(copy.weights().encoder()).isEqualTo(ae.weights().encoder());
                assertThat(copy.weights().decoder().get(0)).isEqualTo(ae.weights().decoder().get(0));
                assertThat(copy.weights().decoder().get(1)).isNotEqualTo(ae.weights().decoder().get(1));
                assertThat(copy.precision()).isEqualTo(ConvPrecision.DOUBLE);
            }
        }
    }

    private static Spectrogram spectrogram(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        double[] bands = new double[MELS];
        for (int m = 0; m < MELS; m++) {
            bands[m] = 100.0 * (m + 1);
        }
        return new Spectrogram(f, FRAMES, MELS, 512, 16000, bands);
    }
}
