package io.auscult.metrics;

/**
 * A correlation coefficient with its two-sided p-value, over {@code n} pairs.
 *
 * @param method "pearson", "spearman" or "kendall"
 * @param r      the coefficient (Pearson r, Spearman rho, Kendall tau-b), in [-1, 1]
 * @param p      two-sided p-value of "no association"
 * @param n      number of pairs
 */
public record Correlation(String method, double r, double p, int n) {

    /**
     * Two-sided p of a correlation coefficient under Student's t with n − 2 degrees of freedom,
     * computed as the regularised incomplete beta {@code I(1 − r², (n−2)/2, 1/2)} in one step:
     * exact in relative terms even for tiny p, where {@code 2(1 − cdf)} loses digits.
     */
    static double tTestP(double r, int n) {
        if (n < 3) {
            throw new UndefinedMetricException("a correlation p-value needs at least 3 pairs, got " + n);
        }
        double r2 = r * r;
        if (r2 >= 1) {
            return 0;
        }
        return org.apache.commons.math3.special.Beta.regularizedBeta(1 - r2, (n - 2) / 2.0, 0.5);
    }

    static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
        }
        if (x.length < 3) {
            throw new UndefinedMetricException("a correlation needs at least 3 pairs, got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("pair " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
            }
        }
        if (constant(x) || constant(y)) {
            throw new UndefinedMetricException("correlation undefined: " + (constant(x) ? "x" : "y")
                    + " is constant (all " + x.length + " values equal)");
        }
    }

    static boolean constant(double[] v) {
        for (double d : v) {
            if (d != v[0]) {
                return false;
            }
        }
        return true;
    }
}
