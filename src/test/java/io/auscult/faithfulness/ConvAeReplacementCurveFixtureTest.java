package io.auscult.faithfulness;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.detect.nn.ConvStateDictJson;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.auscult.faithfulness.FaithfulnessFixtures.assertClose;
import static io.auscult.faithfulness.FaithfulnessFixtures.timeMajor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Case 3: the tiny conv AE re-scores every perturbed input. The order comes from the fixture's
 * float64 error map (so the ranks can be compared exactly); the model sees float inputs, so the
 * scores are compared at the README's float32 tolerance 1e-4 (float rounding of the inputs moves
 * them by about 1e-7 relative, and no ReLU is closer than 4.8e-5 to flipping).
 */
class ConvAeReplacementCurveFixtureTest {

    private static final int MELS = 16;
    private static final int FRAMES = 24;
    private static final double FLOAT_INPUTS = 1e-4;

    @Test
    void convAeCurveMatchesFixture() throws IOException {
        FaithfulnessFixtures fx = FaithfulnessFixtures.read("case3_conv_ae.json");
        double[] x = timeMajor(fx.data("x"), MELS, FRAMES);
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        Spectrogram input = new Spectrogram(xf, FRAMES, MELS, 512, 16000, bands());
        try (ConvAutoencoder ae = new ConvAutoencoder(ConvStateDictJson.readWeights(
                FaithfulnessFixtures.MODEL_DIR.resolve("tiny_conv_ae.weights.json")), MELS, ConvPrecision.DOUBLE)) {
            Reconstruction r = ae.reconstruct(List.of(input)).get(0);
            ReplacementClip clip = ReplacementClip.of(input, r);
            assertClose("x_hat", clip.reconstruction(), timeMajor(fx.data("x_hat"), MELS, FRAMES), FLOAT_INPUTS);
            assertClose("score_x", clip.score(), fx.scalar("score_x"), FLOAT_INPUTS);

            ReplacementUnits units = ReplacementUnits.bins(FRAMES, MELS);
            UnitOrder order = UnitOrder.byAttribution(timeMajor(fx.data("attribution"), MELS, FRAMES));
            assertThat(order.ranks()).containsExactly(timeMajor(fx.ints("unit_rank"), MELS, FRAMES));

            List<Integer> batchSizes = new ArrayList<>();
            NetworkScorer network = new NetworkScorer(ae, input);
            BatchScorer counting = inputs -> {
                batchSizes.add(inputs.size());
                return network.scores(inputs);
            };
            ReplacementCurve curve = ReplacementPerturbation.standard().curve(clip, units, order, counting);
            assertThat(curve.units()).containsExactly(fx.ints("n_k"));
            assertThat(batchSizes).as("one scoring call for the whole curve").containsExactly(21);
            assertClose("score_x_hat", curve.scoreReconstruction(), fx.scalar("score_x_hat"), FLOAT_INPUTS);
            assertClose("score_x_k", curve.scores(), fx.data("score_x_k"), FLOAT_INPUTS);
            assertClose("drop", curve.drops(), fx.data("drop"), FLOAT_INPUTS);
            assertClose("area", curve.area(), fx.scalar("area"), FLOAT_INPUTS);
            double[] budgetDrop = fx.data("budget_drop");
            int[] budgetN = fx.ints("budget_n_k");
            for (int b = 0; b < 3; b++) {
                assertThat(curve.budgets().get(b).units()).isEqualTo(budgetN[b]);
                assertClose("budget_drop " + b, curve.budgets().get(b).drop(), budgetDrop[b], FLOAT_INPUTS);
            }
        }
    }

    private static double[] bands() {
        double[] b = new double[MELS];
        for (int m = 0; m < MELS; m++) {
            b[m] = 100.0 * (m + 1);
        }
        return b;
    }
}
