package io.auscult.metrics;

import java.util.Arrays;

/**
 * Spearman's rank correlation: the Pearson r of the average ranks, with the same t-distribution
 * p-value (n − 2 degrees of freedom), as SciPy's {@code spearmanr} computes it.
 */
public final class Spearman {

    private Spearman() {
    }

    public static Correlation of(double[] x, double[] y) {
        Correlation.check(x, y);
        double rho = Pearson.coefficient(ranks(x), ranks(y));
        return new Correlation("spearman", rho, Correlation.tTestP(rho, x.length), x.length);
    }

    /** 1-based ranks; tied values get the average of their positions (2, 2 at positions 2, 3: both 2.5). */
    public static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double average = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = average;
            }
            i = j + 1;
        }
        return ranks;
    }
}
