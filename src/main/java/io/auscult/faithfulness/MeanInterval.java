package io.auscult.faithfulness;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A mean over clips with its 95 % confidence interval, {@code mean +- t(0.975, n-1) s / sqrt(n)}
 * (Student's t: the clip counts of a test set are small). NaN values (undefined for a clip) are
 * left out; the interval is NaN below two values, the mean NaN with none.
 *
 * @param mean the mean
 * @param low  lower end of the 95 % interval
 * @param high upper end
 * @param n    values used
 */
public record MeanInterval(double mean, double low, double high, int n) {

    public static MeanInterval of(double[] values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new MeanInterval(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        if (n == 1) {
            return new MeanInterval(mean, Double.NaN, Double.NaN, 1);
        }
        double ss = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(ss / (n - 1) / n);
        return new MeanInterval(mean, mean - half, mean + half, n);
    }
}
