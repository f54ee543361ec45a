package io.auscult.metrics;

import java.util.Arrays;

/**
 * Corrections for testing many hypotheses at once: Benjamini–Hochberg (false discovery rate,
 * as SciPy's {@code false_discovery_control(p, method='bh')}) and Holm (family-wise error).
 * A hypothesis is rejected iff its adjusted value is ≤ alpha.
 */
public final class MultipleTesting {

    private MultipleTesting() {
    }

    /** BH adjusted p-values, in input order: q(i) = min over j ≥ i of p(j)·(m/j) on the sorted values. */
    public static double[] benjaminiHochberg(double[] p) {
        int m = check(p);
        Integer[] order = ascending(p);
        double[] sorted = new double[m];
        for (int i = 0; i < m; i++) {
            // m / i first, then the product: this order lands the exact-alpha boundary exactly.
            sorted[i] = ((double) m / (i + 1)) * p[order[i]];
        }
        for (int i = m - 2; i >= 0; i--) {
            sorted[i] = Math.min(sorted[i], sorted[i + 1]);
        }
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[order[i]] = sorted[i];
        }
        return out;
    }

    /** Holm adjusted p-values, in input order: q(i) = max over j ≤ i of min(1, (m − j + 1)·p(j)). */
    public static double[] holm(double[] p) {
        int m = check(p);
        Integer[] order = ascending(p);
        double[] out = new double[m];
        double running = 0;
        for (int i = 0; i < m; i++) {
            running = Math.max(running, Math.min(1, (m - i) * p[order[i]]));
            out[order[i]] = running;
        }
        return out;
    }

    /** adjusted ≤ alpha, element by element. */
    public static boolean[] reject(double[] adjusted, double alpha) {
        boolean[] out = new boolean[adjusted.length];
        for (int i = 0; i < adjusted.length; i++) {
            out[i] = adjusted[i] <= alpha;
        }
        return out;
    }

    private static int check(double[] p) {
        if (p.length == 0) {
            throw new IllegalArgumentException("no p-values to correct");
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " is " + p[i] + ", not in [0, 1]");
            }
        }
        return p.length;
    }

    private static Integer[] ascending(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        return order;
    }
}
