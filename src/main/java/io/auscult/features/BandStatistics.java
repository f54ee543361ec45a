package io.auscult.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * Streaming per-band mean and population standard deviation (ddof 0) over the frames of many
 * spectrograms, in double: the statistics a detector standardises its inputs with.
 *
 * <p>Numerically stable: each spectrogram's per-band mean and sum of squared deviations are
 * computed in two passes, then merged into the running totals with Chan, Golub and LeVeque's
 * pairwise update ({@code M2 = M2a + M2b + delta^2 na nb / n}), which never subtracts two large
 * sums of squares. Two accumulators over disjoint data {@link #merge(BandStatistics) merge}
 * into the statistics of the union, so work can be split across threads (one accumulator per
 * thread; an instance itself is not thread-safe).
 */
public final class BandStatistics {

    private final int bands;
    private long count;
    private final double[] mean;
    private final double[] m2;
    private final double[] batchMean;
    private final double[] batchM2;

    public BandStatistics(int bands) {
        if (bands <= 0) {
            throw new IllegalArgumentException("bands must be positive, was " + bands);
        }
        this.bands = bands;
        this.mean = new double[bands];
        this.m2 = new double[bands];
        this.batchMean = new double[bands];
        this.batchM2 = new double[bands];
    }

    public int bands() {
        return bands;
    }

    /** Frames seen so far (each frame contributes one value to every band). */
    public long count() {
        return count;
    }

    /** Adds every frame of a spectrogram with {@link #bands()} bands. */
    public BandStatistics add(Spectrogram spectrogram) {
        Objects.requireNonNull(spectrogram, "spectrogram");
        if (spectrogram.mels() != bands) {
            throw new IllegalArgumentException("spectrogram has " + spectrogram.mels()
                    + " bands, these statistics have " + bands);
        }
        int frames = spectrogram.frames();
        if (frames == 0) {
            return this;
        }
        float[] v = spectrogram.values();
        Arrays.fill(batchMean, 0.0);
        Arrays.fill(batchM2, 0.0);
        for (int t = 0; t < frames; t++) {
            int o = t * bands;
            for (int b = 0; b < bands; b++) {
                batchMean[b] += v[o + b];
            }
        }
        for (int b = 0; b < bands; b++) {
            batchMean[b] /= frames;
        }
        for (int t = 0; t < frames; t++) {
            int o = t * bands;
            for (int b = 0; b < bands; b++) {
                double d = v[o + b] - batchMean[b];
                batchM2[b] += d * d;
            }
        }
        combine(frames, batchMean, batchM2);
        return this;
    }

    /** Adds the statistics of another accumulator (over other data) to this one. */
    public BandStatistics merge(BandStatistics other) {
        Objects.requireNonNull(other, "other");
        if (other.bands != bands) {
            throw new IllegalArgumentException("cannot merge statistics of " + other.bands
                    + " bands into statistics of " + bands);
        }
        if (other == this) {
            throw new IllegalArgumentException("cannot merge statistics with themselves");
        }
        if (other.count > 0) {
            combine(other.count, other.mean, other.m2);
        }
        return this;
    }

    private void combine(long nB, double[] meanB, double[] m2B) {
        long n = count + nB;
        double weightB = nB / (double) n;
        double cross = count * (double) nB / n;
        for (int b = 0; b < bands; b++) {
            double delta = meanB[b] - mean[b];
            mean[b] += delta * weightB;
            m2[b] += m2B[b] + delta * delta * cross;
        }
        count = n;
    }

    /** Per-band mean of everything added. */
    public double[] mean() {
        requireData();
        return mean.clone();
    }

    /** Per-band population standard deviation (divides by the count, ddof = 0). */
    public double[] std() {
        requireData();
        double[] std = new double[bands];
        for (int b = 0; b < bands; b++) {
            std[b] = Math.sqrt(m2[b] / count);
        }
        return std;
    }

    /** The standardiser with these means and deviations. */
    public Standardiser standardiser() {
        return new Standardiser(mean(), std());
    }

    private void requireData() {
        if (count == 0) {
            throw new IllegalStateException("no frames added: statistics need at least one spectrogram frame");
        }
    }
}
