package io.auscult.faithfulness;

/**
 * The normalised drop at one fixed budget, computed by the curve's formula (not interpolated).
 *
 * @param fraction k
 * @param units    n_k, the units replaced
 * @param score    s(x_k)
 * @param drop     d(k)
 */
public record BudgetDrop(double fraction, int units, double score, double drop) {
}
