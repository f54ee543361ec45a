package io.auscult.faithfulness;

import java.util.List;

/**
 * A reconstruction-replacement curve (DESIGN.md, "Faithfulness"): at each fraction k of the
 * grid, the n_k highest-ranked units of x are replaced by the reconstruction and the input is
 * scored again; {@code d(k) = (s(x) - s(x_k)) / (s(x) - s(x_hat))}; the area is the trapezoid
 * rule over the grid. d can leave [0, 1]: replacing part of an input can lower the model's score
 * below s(x_hat).
 *
 * @param fractions           k_i
 * @param units               n_k
 * @param scores              s(x_k)
 * @param drops               d(k)
 * @param area                trapezoid area under d
 * @param scoreInput          s(x)
 * @param scoreReconstruction s(x_hat), the score of the fully replaced input
 * @param budgets             the drops at the fixed budgets
 */
public record ReplacementCurve(double[] fractions, int[] units, double[] scores, double[] drops, double area,
                               double scoreInput, double scoreReconstruction, List<BudgetDrop> budgets) {

    public ReplacementCurve {
        fractions = fractions.clone();
        units = units.clone();
        scores = scores.clone();
        drops = drops.clone();
        budgets = List.copyOf(budgets);
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    @Override
    public int[] units() {
        return units.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public double[] drops() {
        return drops.clone();
    }

    /** The drop at a reported budget fraction (0.01, 0.05, 0.10 by default). */
    public double dropAt(double fraction) {
        for (BudgetDrop b : budgets) {
            if (b.fraction() == fraction) {
                return b.drop();
            }
        }
        throw new IllegalArgumentException("no budget " + fraction + " in this curve");
    }
}
