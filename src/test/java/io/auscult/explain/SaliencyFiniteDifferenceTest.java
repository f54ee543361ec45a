package io.auscult.explain;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.auscult.explain.ExplainFixtures.assertClose;

/**
 * Saliency through the public method against central finite differences of the detector's own
 * score, in float64 (the tiny networks run in double), on a random input that needs padding
 * (21 frames -> 24), every bin: conv AE, MAE (through its K passes) and the dense AE.
 *
 * <p>Spectrogram values are float; the input is drawn on a grid of h = 2^-20 within (-4, 4)
 * (float's spacing there is at most 2^-22), so x, x + h and x - h are all exact in float and the
 * differences are taken in double. The score is piecewise quadratic in x (ReLU networks, squared
 * error): central differences are exact up to rounding (~1e-10 here) unless a ReLU changes sign
 * within h of x; with h = 2^-14 one did, for the dense AE (a 4-unit bottleneck), so h is small.
 */
class SaliencyFiniteDifferenceTest {

    private static final int MELS = 16;
    private static final int FRAMES = 21;
    private static final double H = 1.0 / (1 << 20);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ae", "mae", "dense"})
    void saliencyIsTheAbsoluteCentralDifference(String kind) {
        int mels = kind.equals("dense") ? 8 : MELS;
        try (ReconstructionNetwork net = switch (kind) {
            case "ae" -> ExplainFixtures.tinyConvAe();
            case "mae" -> ExplainFixtures.tinyMae();
            default -> ExplainFixtures.tinyDenseAe();
        }) {
            SplittableRandom random = new SplittableRandom(11);
            float[] x = new float[FRAMES * mels];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (Math.round(Math.max(-3.9, Math.min(3.9, random.nextGaussian())) / H) * H);
            }
            Spectrogram input = new Spectrogram(x, FRAMES, mels, 160, 16000, new double[mels]);
            AttributionMap saliency = Attributions.create("saliency", Map.of())
                    .explain(ExplanationTarget.of(net, input), Progress.NONE, Cancellation.NEVER);
            List<Spectrogram> perturbed = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                float[] plus = x.clone();
                plus[i] += (float) H;
                float[] minus = x.clone();
                minus[i] -= (float) H;
                perturbed.add(input.withValues(plus));
                perturbed.add(input.withValues(minus));
            }
            List<Reconstruction> scores = net.reconstruct(perturbed);
            double[] numeric = new double[x.length];
            double[] analytic = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                numeric[i] = Math.abs((scores.get(2 * i).score() - scores.get(2 * i + 1).score()) / (2 * H));
                analytic[i] = saliency.values().values()[i];
            }
            // 1e-6 of the largest entry: float output rounding is 6e-8, difference rounding ~1e-9.
            assertClose(kind + " saliency vs finite differences", analytic, numeric, 1e-6);
        }
    }
}
