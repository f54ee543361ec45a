package io.auscult.detect;

import io.auscult.features.Spectrogram;

import java.util.List;

/**
 * How large each mel band's reconstruction error normally is: over a set of normal clips, the
 * mean and standard deviation of each clip's band error (the band's squared error averaged over
 * the clip's frames). With it, a clip's <b>band score</b> is the largest standardised band error,
 * {@code max over bands of (e_m - mean_m) / std_m}.
 *
 * <p>Why: the mean squared error over the whole grid dilutes a fault that lives in a few bands
 * (a whine is 2 of 128) among the bands the model always reconstructs poorly (clicks, hiss);
 * measured on the persistent-fault benchmark, 5-12 % of the error-map mass lay inside the fault
 * (docs/results.md). Scaling each band by its own normal spread and taking the worst band is the
 * usual remedy; it needs nothing but the detector's error maps.
 *
 * @param mean per band, the mean over the normal clips of the clip's band error
 * @param std  per band, their standard deviation (population), floored at {@link #FLOOR}
 */
public record BandErrorStatistics(double[] mean, double[] std) {

    /** Keeps a band whose error never varied from dividing by zero. */
    public static final double FLOOR = 1e-12;

    public BandErrorStatistics {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("need the same positive number of means and deviations, not "
                    + mean.length + " and " + std.length);
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Statistics of the error maps of normal clips (at least 2, all with the same bands). */
    public static BandErrorStatistics fit(List<Spectrogram> normalErrorMaps) {
        if (normalErrorMaps.size() < 2) {
            throw new IllegalArgumentException("band statistics need at least 2 normal clips, not "
                    + normalErrorMaps.size());
        }
        int mels = normalErrorMaps.get(0).mels();
        double[][] perClip = new double[normalErrorMaps.size()][];
        for (int i = 0; i < perClip.length; i++) {
            Spectrogram e = normalErrorMaps.get(i);
            if (e.mels() != mels) {
                throw new IllegalArgumentException("error map " + i + " has " + e.mels() + " bands, not " + mels);
            }
            perClip[i] = bandErrors(e);
        }
        double[] mean = new double[mels];
        double[] std = new double[mels];
        for (int m = 0; m < mels; m++) {
            double sum = 0;
            for (double[] c : perClip) {
                sum += c[m];
            }
            mean[m] = sum / perClip.length;
            double sq = 0;
            for (double[] c : perClip) {
                sq += (c[m] - mean[m]) * (c[m] - mean[m]);
            }
            std[m] = Math.max(FLOOR, Math.sqrt(sq / perClip.length));
        }
        return new BandErrorStatistics(mean, std);
    }

    /** Each band's squared error averaged over the clip's frames. */
    public static double[] bandErrors(Spectrogram errorMap) {
        double[] e = new double[errorMap.mels()];
        float[] v = errorMap.values();
        int mels = errorMap.mels();
        for (int f = 0; f < errorMap.frames(); f++) {
            for (int m = 0; m < mels; m++) {
                e[m] += v[f * mels + m];
            }
        }
        for (int m = 0; m < mels; m++) {
            e[m] /= errorMap.frames();
        }
        return e;
    }

    /** The clip's band score: its largest standardised band error. */
    public double score(Spectrogram errorMap) {
        if (errorMap.mels() != mean.length) {
            throw new IllegalArgumentException("error map has " + errorMap.mels() + " bands, statistics "
                    + mean.length);
        }
        return score(bandErrors(errorMap));
    }

    /** The band score of a clip's {@linkplain #bandErrors band errors}. */
    public double score(double[] bandErrors) {
        int worst = worstBand(bandErrors);
        return (bandErrors[worst] - mean[worst]) / std[worst];
    }

    /**
     * The band whose standardised error is largest (the lowest such band on a tie): the only band
     * the band score depends on near this clip, so its gradient is that band's mean squared error's,
     * divided by the band's standard deviation.
     */
    public int worstBand(double[] bandErrors) {
        if (bandErrors.length != mean.length) {
            throw new IllegalArgumentException(bandErrors.length + " band errors, statistics of " + mean.length);
        }
        int worst = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < bandErrors.length; m++) {
            double z = (bandErrors[m] - mean[m]) / std[m];
            if (z > best) {
                best = z;
                worst = m;
            }
        }
        return worst;
    }

    /** Mel bands the statistics cover. */
    public int bands() {
        return mean.length;
    }
}
