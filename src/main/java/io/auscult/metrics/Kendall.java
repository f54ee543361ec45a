package io.auscult.metrics;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Kendall's tau-b with SciPy's {@code method='auto'} p-value: exact (Mahonian distribution of
 * inversions) without ties when n ≤ 33 or the statistic is extreme, else the asymptotic normal
 * approximation with tie corrections.
 */
public final class Kendall {

    private Kendall() {
    }

    /** tau-b, its p-value, which rule gave p, and C − D. */
    public record Result(Correlation correlation, String pMethod, long concordantMinusDiscordant) {
    }

    public static Result of(double[] x, double[] y) {
        Correlation.check(x, y);
        int n = x.length;
        long c = 0;
        long d = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
                if (s > 0) {
                    c++;
                } else if (s < 0) {
                    d++;
                }
            }
        }
        long n0 = (long) n * (n - 1) / 2;
        long[] tx = tieSums(x);
        long[] ty = tieSums(y);
        double tau = (c - d) / Math.sqrt((double) (n0 - tx[0]) * (n0 - ty[0]));
        tau = Math.max(-1, Math.min(1, tau));
        boolean ties = tx[0] != 0 || ty[0] != 0;
        double p;
        String method;
        if (!ties && (n <= 33 || Math.min(d, n0 - d) <= 1)) {
            method = "exact";
            p = c == d ? 1.0 : exactP(n, Math.min(c, d));
        } else {
            method = "asymptotic";
            double nn = n;
            double v = (nn * (nn - 1) * (2 * nn + 5) - tx[1] - ty[1]) / 18.0
                    + (double) tx[2] * ty[2] / (2 * nn * (nn - 1))
                    + (double) tx[3] * ty[3] / (9 * nn * (nn - 1) * (nn - 2));
            double z = (c - d) / Math.sqrt(v);
            p = org.apache.commons.math3.special.Erf.erfc(Math.abs(z) / Math.sqrt(2));
        }
        return new Result(new Correlation("kendall", tau, p, n), method, c - d);
    }

    /** Over tie groups of size t: {Σt(t−1)/2, Σt(t−1)(2t+5), Σt(t−1), Σt(t−1)(t−2)}. */
    private static long[] tieSums(double[] v) {
        Map<Double, Long> counts = new HashMap<>();
        for (double d : v) {
            counts.merge(d, 1L, Long::sum);
        }
        long[] s = new long[4];
        for (long t : counts.values()) {
            s[0] += t * (t - 1) / 2;
            s[1] += t * (t - 1) * (2 * t + 5);
            s[2] += t * (t - 1);
            s[3] += t * (t - 1) * (t - 2);
        }
        return s;
    }

    /** min(1, 2·P(K ≤ k)), K the inversions of a uniformly random permutation of n (exact integers). */
    private static double exactP(int n, long k) {
        int max = n * (n - 1) / 2;
        BigInteger[] counts = new BigInteger[max + 1];
        java.util.Arrays.fill(counts, BigInteger.ZERO);
        counts[0] = BigInteger.ONE;
        int reach = 0;
        for (int m = 2; m <= n; m++) {
            // Inserting the m-th element adds 0..m-1 inversions: a sliding-window sum.
            BigInteger[] next = new BigInteger[max + 1];
            BigInteger window = BigInteger.ZERO;
            reach += m - 1;
            for (int j = 0; j <= max; j++) {
                window = window.add(counts[j]);
                if (j - m >= 0) {
                    window = window.subtract(counts[j - m]);
                }
                next[j] = j <= reach ? window : BigInteger.ZERO;
            }
            counts = next;
        }
        BigInteger below = BigInteger.ZERO;
        for (int j = 0; j <= k; j++) {
            below = below.add(counts[j]);
        }
        BigInteger total = BigInteger.ONE;
        for (int m = 2; m <= n; m++) {
            total = total.multiply(BigInteger.valueOf(m));
        }
        double p = 2 * new java.math.BigDecimal(below).divide(new java.math.BigDecimal(total),
                java.math.MathContext.DECIMAL128).doubleValue();
        return Math.min(1, p);
    }
}
