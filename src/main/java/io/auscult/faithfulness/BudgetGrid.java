package io.auscult.faithfulness;

import java.util.Arrays;

/**
 * The fractions k of the input at which the faithfulness curve is taken, and how many units a
 * fraction means: {@code n_k = ceil(k N - 1e-9)}.
 *
 * <p>Why the guard: {@code 0.55 * 100} is {@code 55.00000000000001} in double, and a bare
 * ceiling would replace 56 units instead of 55. The guard is far below {@code 1/N} for any grid
 * a spectrogram can have, so it only removes such representation errors.
 *
 * @param fractions ascending, from 0 to 1 inclusive (the area is taken over them)
 */
public record BudgetGrid(double[] fractions) {

    /** The fixtures' and the paper's grid: k = i/20, i = 0..20. */
    public static final BudgetGrid DEFAULT = uniform(20);

    /** The fixed budgets reported beside the area: 1 %, 5 % and 10 % of the input. */
    public static final double[] REPORTED_BUDGETS = {0.01, 0.05, 0.10};

    public BudgetGrid {
        fractions = fractions.clone();
        if (fractions.length < 2 || fractions[0] != 0.0 || fractions[fractions.length - 1] != 1.0) {
            throw new IllegalArgumentException("a budget grid runs from 0 to 1 with at least two points, not "
                    + Arrays.toString(fractions));
        }
        for (int i = 1; i < fractions.length; i++) {
            if (!(fractions[i] > fractions[i - 1])) {
                throw new IllegalArgumentException("budget fractions must be strictly ascending: "
                        + Arrays.toString(fractions));
            }
        }
    }

    /** k_i = i / intervals for i = 0..intervals, each computed as one division in double. */
    public static BudgetGrid uniform(int intervals) {
        if (intervals < 1) {
            throw new IllegalArgumentException("a grid needs at least one interval, not " + intervals);
        }
        double[] k = new double[intervals + 1];
        for (int i = 0; i <= intervals; i++) {
            k[i] = i / (double) intervals;
        }
        return new BudgetGrid(k);
    }

    /** Number of units replaced at fraction k of N units: {@code ceil(k N - 1e-9)}, within 0..N. */
    public static int unitsAt(double k, int n) {
        if (!(k >= 0 && k <= 1)) {
            throw new IllegalArgumentException("a budget is a fraction in [0, 1], not " + k);
        }
        return (int) Math.max(0, Math.min(n, Math.ceil(k * n - 1e-9)));
    }

    /** n_k for every fraction of the grid. */
    public int[] units(int n) {
        int[] out = new int[fractions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = unitsAt(fractions[i], n);
        }
        return out;
    }

    public int size() {
        return fractions.length;
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    /** Trapezoid area of values over the grid: {@code sum (k_(i+1) - k_i) (d_i + d_(i+1)) / 2}. */
    public double area(double[] values) {
        if (values.length != fractions.length) {
            throw new IllegalArgumentException(values.length + " values for a grid of " + fractions.length);
        }
        double a = 0;
        for (int i = 0; i + 1 < values.length; i++) {
            a += (fractions[i + 1] - fractions[i]) * (values[i] + values[i + 1]) / 2;
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BudgetGrid g && Arrays.equals(fractions, g.fractions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fractions);
    }

    @Override
    public String toString() {
        return "BudgetGrid" + Arrays.toString(fractions);
    }
}
