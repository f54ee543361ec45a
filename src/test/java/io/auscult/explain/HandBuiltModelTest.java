package io.auscult.explain;

import io.auscult.detect.nn.ConvLayerGradient;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Methods on models whose answers can be written down: a score of one region, hand-built layer activations. */
class HandBuiltModelTest {

    private static final int MELS = 16;
    private static final int FRAMES = 32;

    private static Spectrogram input(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[MELS * FRAMES];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() + 0.5);
        }
        return new Spectrogram(v, FRAMES, MELS, 160, 16000, new double[MELS]);
    }

    private static AttributionMap explain(String method, Map<String, String> p, RegionNetwork net, Spectrogram x) {
        return Attributions.create(method, p).explain(new ExplanationTarget(net, x, List.of(), 3), Progress.NONE,
                Cancellation.NEVER);
    }

    @Test
    void occlusionFindsTheOnlyRegionTheScoreDependsOn() {
        // The region covers exactly patches (mels 4..11, frames 8..15) of a 4 x 4 grid.
        RegionNetwork net = new RegionNetwork(MELS, 4, 12, 8, 16);
        Spectrogram x = input(1);
        AttributionMap a = explain("occlusion", Map.of("patch_mels", "4", "patch_frames", "4"), net, x);
        float[] v = x.values();
        for (int i = 0; i < v.length; i++) {
            if (net.inRegion(i)) {
                // Replacing a region patch by its reconstruction (0) removes its bins' share of the score.
                int f = i / MELS;
                int m = i % MELS;
                double patchShare = 0;
                for (int ff = f / 4 * 4; ff < f / 4 * 4 + 4; ff++) {
                    for (int mm = m / 4 * 4; mm < m / 4 * 4 + 4; mm++) {
                        patchShare += (double) v[ff * MELS + mm] * v[ff * MELS + mm];
                    }
                }
                assertThat((double) a.values().values()[i]).as("bin " + i)
                        .isCloseTo(patchShare / v.length, within(1e-6));
            } else {
                assertThat(a.values().values()[i]).as("bin " + i + " outside the region").isZero();
            }
        }
    }

    @Test
    void integratedGradientsOfAQuadraticScoreIsItsErrorMapWithZeroDelta() {
        // s(x) = sum_R x^2 / N: IG from zeros is exactly x^2 / N in R (Gauss-Legendre is exact for
        // this polynomial path integrand), and complete.
        RegionNetwork net = new RegionNetwork(MELS, 2, 9, 5, 20);
        Spectrogram x = input(2);
        AttributionMap ig = explain("ig", Map.of("baseline", "zeros", "steps", "4"), net, x);
        AttributionMap error = explain("error", Map.of(), net, x);
        for (int i = 0; i < x.values().length; i++) {
            assertThat((double) ig.values().values()[i]).isCloseTo(error.values().values()[i] / x.values().length,
                    within(1e-8));
        }
        assertThat(ig.completenessDelta().getAsDouble()).isCloseTo(0, within(1e-6 * ig.score()));
    }

    @Test
    void saliencyIsZeroOutsideTheRegionAndTwiceXOverNInside() {
        RegionNetwork net = new RegionNetwork(MELS, 0, 4, 0, 8);
        Spectrogram x = input(3);
        AttributionMap s = explain("saliency", Map.of(), net, x);
        for (int i = 0; i < x.values().length; i++) {
            double expected = net.inRegion(i) ? Math.abs(2.0 * x.values()[i] / x.values().length) : 0;
            assertThat((double) s.values().values()[i]).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void gradCamWeighsChannelsByTheirMeanGradientSumsPassesAndCutsPadding() {
        // 2 passes x 2 channels on a 1 x 2 grid; input of 3 frames padded to 4.
        double[] activation = {1, 2, 3, 0, /* pass 1 */ 0.5, 0.5, 1, 1};
        double[] gradient = {0.2, 0.4, -1, -1, /* pass 1 */ 2, 0, 0, 0};
        ConvLayerGradient g = new ConvLayerGradient("enc1", 1.0, 2, 2, 1, 2, 3, 4, activation, gradient);
        // Weights: pass 0 (0.3, -1), pass 1 (1, 0): cam = (0.3*1 - 3 + 0.5, 0.3*2 - 0 + 0.5) -> ReLU.
        double[] cam = GradCam.camOnLayerGrid(g);
        assertThat(cam[0]).isZero();
        assertThat(cam[1]).isCloseTo(1.1, within(1e-12));
        // Upsampled 1 x 2 -> 2 x 4: columns at source x = max(0, (X + 0.5)/2 - 0.5) = 0, 0.25, 0.75, 1.25->1.
        double[] up = GradCam.upsample(cam, 1, 2, 2, 4);
        assertThat(up).containsExactly(new double[] {0, 0.275, 0.825, 1.1, 0, 0.275, 0.825, 1.1}, within(1e-12));
    }
}
