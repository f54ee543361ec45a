package io.auscult.metrics;

/** Pearson's product-moment correlation with the t-test p-value (SciPy's {@code pearsonr}). */
public final class Pearson {

    private Pearson() {
    }

    /** @throws UndefinedMetricException if x or y is constant or there are fewer than 3 pairs */
    public static Correlation of(double[] x, double[] y) {
        Correlation.check(x, y);
        double r = coefficient(x, y);
        return new Correlation("pearson", r, Correlation.tTestP(r, x.length), x.length);
    }

    /** r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²), clipped to [−1, 1]. */
    static double coefficient(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1, Math.min(1, r));
    }
}
