package io.auscult.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-band standardisation of a spectrogram, {@code z = (x - mean[band]) / scale[band]}, with
 * statistics of the training set (see {@link BandStatistics}); {@link #invert(Spectrogram)}
 * undoes it. Arithmetic in double, results stored as float.
 *
 * <p>A band that never varied in training (std 0, e.g. a band that was always silent at
 * -100 dB) would divide by zero, so the scale is {@code max(std, MIN_STD)} with
 * {@link #MIN_STD} = 1e-3 dB: the smallest change the front end resolves (its tolerance
 * against librosa). Below that a deviation is rounding noise, and dividing by it would turn
 * noise into huge z-scores.
 *
 * @param mean per-band mean (dB)
 * @param std  per-band population standard deviation (dB), as measured (not floored)
 */
public record Standardiser(double[] mean, double[] std) {

    /** The floor of the divisor, in dB; see the class comment. */
    public static final double MIN_STD = 1e-3;

    public Standardiser {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " bands and std " + std.length
                    + "; they must match and not be empty");
        }
        for (int b = 0; b < mean.length; b++) {
            if (!Double.isFinite(mean[b])) {
                throw new IllegalArgumentException("mean of band " + b + " is " + mean[b]);
            }
            if (!Double.isFinite(std[b]) || std[b] < 0) {
                throw new IllegalArgumentException("std of band " + b + " must be finite and >= 0, was " + std[b]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    public int bands() {
        return mean.length;
    }

    /** The divisor used for band b: max(std[b], MIN_STD). */
    public double scale(int band) {
        return Math.max(std[band], MIN_STD);
    }

    /** z-scores per band, on the same grid. */
    public Spectrogram apply(Spectrogram spectrogram) {
        check(spectrogram);
        int bands = mean.length;
        double[] inverseScale = new double[bands];
        for (int b = 0; b < bands; b++) {
            inverseScale[b] = 1.0 / scale(b);
        }
        float[] v = spectrogram.values();
        float[] z = new float[v.length];
        for (int i = 0; i < v.length; i += bands) {
            for (int b = 0; b < bands; b++) {
                z[i + b] = (float) ((v[i + b] - mean[b]) * inverseScale[b]);
            }
        }
        return spectrogram.withValues(z);
    }

    /** Back from z-scores to the original units: {@code x = z * scale[band] + mean[band]}. */
    public Spectrogram invert(Spectrogram standardised) {
        check(standardised);
        int bands = mean.length;
        float[] z = standardised.values();
        float[] x = new float[z.length];
        for (int i = 0; i < z.length; i += bands) {
            for (int b = 0; b < bands; b++) {
                x[i + b] = (float) (z[i + b] * scale(b) + mean[b]);
            }
        }
        return standardised.withValues(x);
    }

    private void check(Spectrogram s) {
        Objects.requireNonNull(s, "spectrogram");
        if (s.mels() != mean.length) {
            throw new IllegalArgumentException("spectrogram has " + s.mels() + " bands, the standardiser "
                    + mean.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardiser other && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Standardiser[" + mean.length + " bands]";
    }
}
