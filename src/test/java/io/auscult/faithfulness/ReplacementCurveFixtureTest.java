package io.auscult.faithfulness;

import io.auscult.engine.Cancellation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.auscult.faithfulness.FaithfulnessFixtures.assertClose;
import static io.auscult.faithfulness.FaithfulnessFixtures.timeMajor;
import static org.assertj.core.api.Assertions.assertThat;

/** The model-free cases of the faithfulness fixtures: bins and 2 x 2 patches, float64 at 1e-12. */
class ReplacementCurveFixtureTest {

    private static final int MELS = 6;
    private static final int FRAMES = 10;
    private static final double EXACT = 1e-12;

    /** s(z) = mean over the bins of (z - x_hat)^2, counting how it is called. */
    private static final class DistanceScorer implements BatchScorer {
        final double[] xHat;
        final List<Integer> calls = new ArrayList<>();

        DistanceScorer(double[] xHat) {
            this.xHat = xHat;
        }

        double score(double[] z) {
            double s = 0;
            for (int i = 0; i < z.length; i++) {
                s += (z[i] - xHat[i]) * (z[i] - xHat[i]);
            }
            return s / z.length;
        }

        @Override
        public double[] scores(List<double[]> inputs) {
            calls.add(inputs.size());
            return inputs.stream().mapToDouble(this::score).toArray();
        }
    }

    private record Case(FaithfulnessFixtures fx, ReplacementClip clip, DistanceScorer scorer, double[] map) {
        static Case read(String file) {
            FaithfulnessFixtures fx = FaithfulnessFixtures.read(file);
            double[] x = timeMajor(fx.data("x"), MELS, FRAMES);
            double[] xHat = timeMajor(fx.data("x_hat"), MELS, FRAMES);
            DistanceScorer scorer = new DistanceScorer(xHat);
            ReplacementClip clip = new ReplacementClip(FRAMES, MELS, x, xHat, scorer.score(x));
            return new Case(fx, clip, scorer, timeMajor(fx.data("attribution"), MELS, FRAMES));
        }
    }

    @Test
    void binsCurveMatchesFixtureWithTimeMajorTieBreak() {
        Case c = Case.read("case1_bins.json");
        ReplacementUnits units = ReplacementUnits.bins(FRAMES, MELS);
        UnitOrder order = UnitOrder.byAttribution(units.unitAttribution(c.map()));
        assertThat(order.ranks()).containsExactly(timeMajor(c.fx().ints("unit_rank"), MELS, FRAMES));

        ReplacementCurve curve = ReplacementPerturbation.standard().curve(c.clip(), units, order, c.scorer());
        assertThat(curve.units()).containsExactly(c.fx().ints("n_k"));
        assertThat(curve.fractions()).containsExactly(c.fx().data("k"));
        assertClose("score_x", curve.scoreInput(), c.fx().scalar("score_x"), EXACT);
        assertThat(curve.scoreReconstruction()).isEqualTo(0.0);
        assertClose("score_x_k", curve.scores(), c.fx().data("score_x_k"), EXACT);
        assertClose("drop", curve.drops(), c.fx().data("drop"), EXACT);
        assertClose("area", curve.area(), c.fx().scalar("area"), EXACT);
        assertBudgets(curve, c.fx());
        // All 21 perturbed inputs (20 grid points after k = 0, plus the 1 % budget) in one call.
        assertThat(c.scorer().calls).containsExactly(21);

        // The rule matters: breaking ties mel-first gives a curve up to 0.09 away.
        double[] melFirst = c.fx().data("diagnostic.drop_if_ties_broken_mel_first");
        double maxDiff = 0;
        for (int i = 0; i < melFirst.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(melFirst[i] - curve.drops()[i]));
        }
        assertThat(maxDiff).isGreaterThan(0.05);
    }

    @Test
    void replacementMasksMatchFixture() {
        Case c = Case.read("case1_bins.json");
        ReplacementUnits units = ReplacementUnits.bins(FRAMES, MELS);
        UnitOrder order = UnitOrder.byAttribution(units.unitAttribution(c.map()));
        assertMasks(c.fx(), units, order);
    }

    @Test
    void guardKeepsCeilingFromOvershooting() {
        FaithfulnessFixtures fx = FaithfulnessFixtures.read("case1_bins.json");
        int n = (int) fx.scalar("guard_example.N");
        assertThat(BudgetGrid.DEFAULT.units(n)).containsExactly(fx.ints("guard_example.n_k"));
        assertThat(BudgetGrid.unitsAt(0.55, 100)).isEqualTo(55);
        assertThat(Math.ceil(0.55 * 100)).as("the trap the guard avoids").isEqualTo(56.0);
    }

    @Test
    void binsRandomReferenceAndGainMatchFixture() {
        assertRandomReference(Case.read("case1_bins.json"), ReplacementUnits.bins(FRAMES, MELS), MELS, FRAMES);
    }

    @Test
    void patchCurveMatchesFixture() {
        Case c = Case.read("case2_patches.json");
        ReplacementUnits units = ReplacementUnits.patches(FRAMES, MELS, 2, 2);
        assertThat(units.count()).isEqualTo(15);
        double[] unitAttribution = units.unitAttribution(c.map());
        assertClose("unit_attribution", unitAttribution, timeMajor(c.fx().data("unit_attribution"), 3, 5), EXACT);
        UnitOrder order = UnitOrder.byAttribution(unitAttribution);
        assertThat(order.ranks()).containsExactly(timeMajor(c.fx().ints("unit_rank"), 3, 5));

        ReplacementCurve curve = ReplacementPerturbation.standard().curve(c.clip(), units, order, c.scorer());
        assertThat(curve.units()).containsExactly(c.fx().ints("n_k"));
        assertClose("score_x_k", curve.scores(), c.fx().data("score_x_k"), EXACT);
        assertClose("drop", curve.drops(), c.fx().data("drop"), EXACT);
        assertClose("area", curve.area(), c.fx().scalar("area"), EXACT);
        assertBudgets(curve, c.fx());
        assertMasks(c.fx(), units, order);
    }

    @Test
    void patchRandomReferenceAndGainMatchFixture() {
        assertRandomReference(Case.read("case2_patches.json"), ReplacementUnits.patches(FRAMES, MELS, 2, 2), 3, 5);
    }

    @Test
    void edgePatchesAreSmallerAndAveragedOverTheirOwnBins() {
        ReplacementUnits units = ReplacementUnits.patches(5, 3, 2, 2); // 2 x 3 patches, the last row/column partial
        assertThat(units.count()).isEqualTo(6);
        double[] map = new double[15];
        for (int i = 0; i < map.length; i++) {
            map[i] = i; // time-major: frame * 3 + mel
        }
        double[] a = units.unitAttribution(map);
        // unit 1 = mel patch 1 (mel 2 only) x frames 0-1: bins 2 and 5.
        assertThat(units.binsOf(1)).containsExactly(2, 5);
        assertThat(a[1]).isEqualTo(3.5);
        // unit 5 = mel 2 of frame 4 alone: bin 14.
        assertThat(units.binsOf(5)).containsExactly(14);
        assertThat(a[5]).isEqualTo(14.0);
    }

    @Test
    void seededRandomOrdersAreReproducibleAndDistinct() {
        FaithfulnessMeasure m = FaithfulnessMeasure.standard(42);
        assertThat(m.randomOrder(100, 0)).isEqualTo(FaithfulnessMeasure.standard(42).randomOrder(100, 0));
        assertThat(m.randomOrder(100, 0)).isNotEqualTo(m.randomOrder(100, 1));
        assertThat(m.randomOrder(100, 0)).isNotEqualTo(FaithfulnessMeasure.standard(43).randomOrder(100, 0));
    }

    @Test
    void measureUsesSignedAttributionAndOneCallPerCurve() {
        Case c = Case.read("case1_bins.json");
        ReplacementUnits units = ReplacementUnits.bins(FRAMES, MELS);
        FaithfulnessMeasure measure = new FaithfulnessMeasure(ReplacementPerturbation.standard(), 4, 7);
        RandomReference ref = measure.reference(c.clip(), units, c.scorer(), Cancellation.NEVER);
        Faithfulness f = measure.measure(c.clip(), units, c.map(), ref, c.scorer());
        assertThat(c.scorer().calls).hasSize(5);
        assertClose("area", f.curve().area(), c.fx().scalar("area"), EXACT);
        assertThat(f.gain()).isEqualTo(f.curve().area() - ref.meanArea());
        assertThat(ref.spread()).isGreaterThan(0);
    }

    @Test
    void unchangedScoreIsRefusedAsUndefined() {
        ReplacementClip clip = new ReplacementClip(2, 1, new double[] {1, 2}, new double[] {0, 0}, 3.0);
        BatchScorer constant = inputs -> inputs.stream().mapToDouble(z -> 3.0).toArray();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReplacementPerturbation.standard().curve(clip,
                        ReplacementUnits.bins(2, 1), UnitOrder.byAttribution(new double[] {1, 0}), constant))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("undefined");
    }

    private static void assertRandomReference(Case c, ReplacementUnits units, int unitRows, int unitColumns) {
        List<ReplacementCurve> curves = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            UnitOrder order = UnitOrder.fromRanks(timeMajor(c.fx().ints("random" + r + ".unit_rank"), unitRows,
                    unitColumns));
            ReplacementCurve curve = ReplacementPerturbation.standard().curve(c.clip(), units, order, c.scorer());
            assertClose("random" + r + ".drop", curve.drops(), c.fx().data("random" + r + ".drop"), EXACT);
            assertClose("random" + r + ".area", curve.area(), c.fx().scalar("random" + r + ".area"), EXACT);
            curves.add(curve);
        }
        RandomReference ref = RandomReference.of(curves);
        assertClose("random_mean_area", ref.meanArea(), c.fx().scalar("random_mean_area"), EXACT);
        UnitOrder order = UnitOrder.byAttribution(units.unitAttribution(c.map()));
        Faithfulness f = Faithfulness.of(ReplacementPerturbation.standard().curve(c.clip(), units, order, c.scorer()),
                ref);
        assertClose("faithfulness_gain", f.gain(), c.fx().scalar("faithfulness_gain"), EXACT);
    }

    private static void assertBudgets(ReplacementCurve curve, FaithfulnessFixtures fx) {
        double[] k = fx.data("budget_k");
        int[] n = fx.ints("budget_n_k");
        double[] d = fx.data("budget_drop");
        assertThat(curve.budgets()).hasSize(3);
        for (int b = 0; b < 3; b++) {
            assertThat(curve.budgets().get(b).fraction()).isEqualTo(k[b]);
            assertThat(curve.budgets().get(b).units()).isEqualTo(n[b]);
            assertClose("budget_drop " + k[b], curve.dropAt(k[b]), d[b], EXACT);
        }
    }

    private static void assertMasks(FaithfulnessFixtures fx, ReplacementUnits units, UnitOrder order) {
        int[] masks = fx.ints("mask_k");
        int[] nk = fx.ints("n_k");
        int bins = MELS * FRAMES;
        for (int i = 0; i < nk.length; i++) {
            int[] expected = new int[bins];
            System.arraycopy(masks, i * bins, expected, 0, bins);
            boolean[] mask = ReplacementPerturbation.replacedBins(units, order, nk[i]);
            int[] actual = new int[bins];
            for (int b = 0; b < bins; b++) {
                actual[b] = mask[b] ? 1 : 0;
            }
            assertThat(actual).as("mask_k at k index " + i).containsExactly(timeMajor(expected, MELS, FRAMES));
        }
    }
}
