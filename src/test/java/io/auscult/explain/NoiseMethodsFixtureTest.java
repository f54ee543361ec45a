package io.auscult.explain;

import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.nn.ConvStateTensor;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.auscult.explain.ExplainFixtures.assertClose;
import static io.auscult.explain.ExplainFixtures.assertMapClose;

/**
 * SmoothGrad and GradientSHAP with the fixture's random draws injected (tiny_conv_ae.noise.json):
 * the wrapper logic exactly, without depending on a random generator.
 */
class NoiseMethodsFixtureTest {

    private static final Map<String, ConvStateTensor> FX = ExplainFixtures.read("tiny_conv_ae.noise.json");
    private static final int MELS = 16;
    private static final int FRAMES = 24;

    @Test
    void smoothGradIsTheMeanAbsoluteGradientOverTheNoisyCopies() {
        Spectrogram x = ExplainFixtures.spectrogram(FX.get("x"));
        double[] noise = FX.get("smoothgrad.noise").data();
        SmoothGrad.NoiseSource injected = (seed, sample, length, stdev) -> {
            // The fixture's sigma is 0.15 x the input's range, as ours.
            assertClose("stdev", new double[] {stdev}, FX.get("smoothgrad.sigma").data(), 1e-6);
            return ExplainFixtures.spectrogram(noise, sample, MELS, FRAMES).values();
        };
        try (ReconstructionNetwork net = ExplainFixtures.tinyConvAe()) {
            for (int batch : new int[] {1, 3}) {
                AttributionMap a = new SmoothGrad(new Saliency(), 3, 0.15, batch, injected)
                        .explain(ExplanationTarget.of(net, x), Progress.NONE, Cancellation.NEVER);
                assertMapClose("smoothgrad map, batch " + batch, a.values(), FX.get("smoothgrad.map"));
            }
        }
    }

    @Test
    void gradientShapIsTheMeanOfGradientTimesInputMinusBaseline() {
        Spectrogram x = ExplainFixtures.spectrogram(FX.get("x"));
        double[] baselines = FX.get("gradientshap.baselines").data();
        double[] alphas = FX.get("gradientshap.alphas").data();
        GradientShap.Draws injected = (target, sample) -> new GradientShap.Draw(
                ExplainFixtures.spectrogram(baselines, sample, MELS, FRAMES).values(), alphas[sample]);
        try (ReconstructionNetwork net = ExplainFixtures.tinyConvAe()) {
            AttributionMap a = new GradientShap(3, 2, injected).explain(
                    new ExplanationTarget(net, x, List.of(), 7), Progress.NONE, Cancellation.NEVER);
            assertMapClose("gradientshap map", a.values(), FX.get("gradientshap.map"));
        }
    }
}
