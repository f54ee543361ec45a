package io.auscult.faithfulness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Computes reconstruction-replacement curves: {@code x_k = (1 - M_k) x + M_k x_hat}, where M_k
 * marks the first n_k units of an order, scored for every distinct n_k of the grid and the
 * budgets in <em>one</em> call of the scorer (the network batches them).
 *
 * <p>x_0 = x is not re-scored (its score comes with the clip); x_N = x_hat is, since s(x_hat)
 * is the model's score of the reconstruction, not 0.
 */
public final class ReplacementPerturbation {

    private final BudgetGrid grid;
    private final double[] budgets;

    /**
     * @param grid    the fractions the area is taken over
     * @param budgets fixed fractions to report drops at
     */
    public ReplacementPerturbation(BudgetGrid grid, double[] budgets) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.budgets = budgets.clone();
        for (double b : this.budgets) {
            BudgetGrid.unitsAt(b, 1); // validates the fraction
        }
    }

    /** The default grid (k = i/20) and budgets (1, 5, 10 %). */
    public static ReplacementPerturbation standard() {
        return new ReplacementPerturbation(BudgetGrid.DEFAULT, BudgetGrid.REPORTED_BUDGETS);
    }

    public BudgetGrid grid() {
        return grid;
    }

    /** The curve of an order of the clip's units. */
    public ReplacementCurve curve(ReplacementClip clip, ReplacementUnits units, UnitOrder order, BatchScorer scorer) {
        requireMatching(clip, units, order);
        int n = units.count();
        int[] gridUnits = grid.units(n);
        int[] budgetUnits = new int[budgets.length];
        TreeSet<Integer> distinct = new TreeSet<>();
        for (int u : gridUnits) {
            distinct.add(u);
        }
        for (int b = 0; b < budgets.length; b++) {
            budgetUnits[b] = BudgetGrid.unitsAt(budgets[b], n);
            distinct.add(budgetUnits[b]);
        }
        distinct.remove(0);
        int[] counts = distinct.stream().mapToInt(Integer::intValue).toArray();
        List<double[]> inputs = perturbedInputs(clip, units, order, counts);
        double[] scored = scorer.scores(inputs);
        if (scored.length != counts.length) {
            throw new IllegalStateException("the scorer returned " + scored.length + " scores for "
                    + counts.length + " inputs");
        }
        double[] scoreByUnits = new double[n + 1];
        scoreByUnits[0] = clip.score();
        for (int i = 0; i < counts.length; i++) {
            if (!Double.isFinite(scored[i])) {
                throw new IllegalStateException("the score with " + counts[i] + " units replaced is " + scored[i]);
            }
            scoreByUnits[counts[i]] = scored[i];
        }
        double sx = clip.score();
        double sHat = scoreByUnits[n];
        double denominator = sx - sHat;
        if (denominator == 0) {
            throw new IllegalArgumentException("the normalised drop is undefined: replacing the whole input by its "
                    + "reconstruction leaves the score unchanged (" + sx + ")");
        }
        double[] scores = new double[gridUnits.length];
        double[] drops = new double[gridUnits.length];
        for (int i = 0; i < gridUnits.length; i++) {
            scores[i] = scoreByUnits[gridUnits[i]];
            drops[i] = (sx - scores[i]) / denominator;
        }
        List<BudgetDrop> budgetDrops = new ArrayList<>();
        for (int b = 0; b < budgets.length; b++) {
            double s = scoreByUnits[budgetUnits[b]];
            budgetDrops.add(new BudgetDrop(budgets[b], budgetUnits[b], s, (sx - s) / denominator));
        }
        return new ReplacementCurve(grid.fractions(), gridUnits, scores, drops, grid.area(drops), sx, sHat,
                budgetDrops);
    }

    /**
     * x_k for each count of replaced units (ascending), built incrementally: each array is the
     * previous one with the next units replaced.
     */
    public static List<double[]> perturbedInputs(ReplacementClip clip, ReplacementUnits units, UnitOrder order,
                                                 int[] ascendingCounts) {
        requireMatching(clip, units, order);
        double[] x = clip.input().clone();
        double[] xHat = clip.reconstruction();
        List<double[]> out = new ArrayList<>(ascendingCounts.length);
        int done = 0;
        for (int count : ascendingCounts) {
            if (count < done || count > units.count()) {
                throw new IllegalArgumentException("unit counts must ascend within 0.." + units.count()
                        + ", not " + count + " after " + done);
            }
            for (; done < count; done++) {
                for (int bin : units.binsOf(order.unitAt(done))) {
                    x[bin] = xHat[bin];
                }
            }
            out.add(x.clone());
        }
        return out;
    }

    /** M_k as a time-major mask: true where the first {@code count} units of the order lie. */
    public static boolean[] replacedBins(ReplacementUnits units, UnitOrder order, int count) {
        if (order.size() != units.count()) {
            throw new IllegalArgumentException("the order has " + order.size() + " units, the grid " + units.count());
        }
        boolean[] mask = new boolean[units.frames() * units.mels()];
        for (int r = 0; r < count; r++) {
            for (int bin : units.binsOf(order.unitAt(r))) {
                mask[bin] = true;
            }
        }
        return mask;
    }

    private static void requireMatching(ReplacementClip clip, ReplacementUnits units, UnitOrder order) {
        if (clip.frames() != units.frames() || clip.mels() != units.mels()) {
            throw new IllegalArgumentException("the units are for a " + units.frames() + " x " + units.mels()
                    + " grid, the clip is " + clip.frames() + " x " + clip.mels());
        }
        if (order.size() != units.count()) {
            throw new IllegalArgumentException("the order has " + order.size() + " units, the grid " + units.count());
        }
    }
}
