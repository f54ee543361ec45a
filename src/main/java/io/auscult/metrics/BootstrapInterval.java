package io.auscult.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A 95 % percentile bootstrap interval (the convention of the stats fixtures' README): B
 * replicates resampled with replacement from one seeded RNG, the statistic recomputed on each,
 * percentiles by linear interpolation (numpy's default, Hyndman–Fan type 7). Replicates whose
 * statistic is undefined are dropped and counted; more than 1 % dropped makes it unreliable.
 *
 * @param estimate  the statistic on the original sample
 * @param low       2.5th percentile of the replicates
 * @param high      97.5th percentile
 * @param replicates B
 * @param dropped   replicates whose statistic was undefined
 * @param seed      the RNG seed
 */
public record BootstrapInterval(double estimate, double low, double high, int replicates, int dropped, long seed) {

    public static final int DEFAULT_REPLICATES = 2000;

    /** More than 1 % of the replicates were undefined. */
    public boolean unreliable() {
        return dropped > 0.01 * replicates;
    }

    /** e.g. {@code 0.71 [0.64, 0.78] (95% percentile bootstrap, B = 2000, seed 12345)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f] (95%% percentile bootstrap, B = %d, seed %d%s)",
                estimate, low, high, replicates, seed,
                dropped == 0 ? "" : ", " + dropped + " undefined replicates dropped" + (unreliable() ? ", UNRELIABLE" : ""));
    }

    /**
     * Resamples (x, y) pairs (the unit: one model of the proxy lab) and recomputes a statistic.
     * A replicate on which the statistic throws {@link UndefinedMetricException} is dropped.
     */
    public static BootstrapInterval ofPairs(double[] x, double[] y, ToDoubleFunction<double[][]> statistic,
                                            int replicates, long seed) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("need equal, non-empty x and y, got " + x.length + " and " + y.length);
        }
        double estimate = statistic.applyAsDouble(new double[][] {x, y});
        SplittableRandom random = new SplittableRandom(seed);
        int n = x.length;
        double[] values = new double[replicates];
        int kept = 0;
        double[] rx = new double[n];
        double[] ry = new double[n];
        for (int b = 0; b < replicates; b++) {
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(n);
                rx[i] = x[k];
                ry[i] = y[k];
            }
            try {
                double v = statistic.applyAsDouble(new double[][] {rx.clone(), ry.clone()});
                if (Double.isFinite(v)) {
                    values[kept++] = v;
                }
            } catch (UndefinedMetricException e) {
                // dropped and counted below
            }
        }
        return fromReplicates(estimate, Arrays.copyOf(values, kept), replicates, seed);
    }

    /**
     * Resamples the normals and the anomalies separately (keeping both counts, so every replicate has
     * both classes) and recomputes a two-sample statistic such as the AUC.
     */
    public static BootstrapInterval ofTwoSamples(double[] normal, double[] anomalous,
                                                 ToDoubleFunction<double[][]> statistic, int replicates, long seed) {
        if (normal.length == 0 || anomalous.length == 0) {
            throw new UndefinedMetricException("a stratified bootstrap needs both classes");
        }
        double estimate = statistic.applyAsDouble(new double[][] {normal, anomalous});
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[replicates];
        int kept = 0;
        for (int b = 0; b < replicates; b++) {
            double[] rn = resample(normal, random);
            double[] ra = resample(anomalous, random);
            try {
                double v = statistic.applyAsDouble(new double[][] {rn, ra});
                if (Double.isFinite(v)) {
                    values[kept++] = v;
                }
            } catch (UndefinedMetricException e) {
                // dropped
            }
        }
        return fromReplicates(estimate, Arrays.copyOf(values, kept), replicates, seed);
    }

    private static double[] resample(double[] v, SplittableRandom random) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[random.nextInt(v.length)];
        }
        return out;
    }

    static BootstrapInterval fromReplicates(double estimate, double[] kept, int replicates, long seed) {
        if (kept.length == 0) {
            throw new UndefinedMetricException("every bootstrap replicate was undefined");
        }
        double[] sorted = kept.clone();
        Arrays.sort(sorted);
        return new BootstrapInterval(estimate, percentile(sorted, 0.025), percentile(sorted, 0.975), replicates,
                replicates - kept.length, seed);
    }

    /** numpy's default percentile (linear, type 7) of sorted values; q in [0, 1]. */
    public static double percentile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
