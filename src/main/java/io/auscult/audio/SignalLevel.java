package io.auscult.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The level of a signal, and what about it a user should be warned of before analysing it:
 * digital silence, a very low level, samples at full scale (likely clipping), samples that
 * are not numbers. A file with such a signal still decodes: these are warnings, not errors.
 *
 * <p>Levels are in dBFS relative to 1.0 (full scale). The RMS level is unweighted and has no
 * AES17 +3 dB offset, so a full-scale sine reads -3.01 dBFS RMS.
 *
 * @param length           number of samples measured
 * @param peak             largest |x| over the finite samples (0 for none)
 * @param rms              root mean square over the finite samples (0 for none)
 * @param fullScaleSamples samples with |x| at or above {@link #FULL_SCALE}
 * @param nonFiniteSamples NaN or infinite samples (possible in float WAVs)
 */
public record SignalLevel(int length, double peak, double rms, int fullScaleSamples, int nonFiniteSamples) {

    /**
     * A peak below this (-140 dBFS) is digital silence: the smallest non-zero 24-bit sample is
     * 2^-23 = 1.19e-7, so an integer recording of up to 24 bits below it holds only zeros.
     */
    public static final double SILENCE_PEAK = 1e-7;
    /** A peak below -60 dBFS is very quiet: 10 bits below full scale, barely above 16-bit noise. */
    public static final double QUIET_PEAK_DBFS = -60.0;
    /**
     * |x| from here up counts as full scale (-0.0087 dBFS). 16-bit full scale is 32767/32768,
     * so this catches samples within 33 steps of it, where clipped recordings pile up.
     */
    public static final double FULL_SCALE = 0.999;

    public SignalLevel {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        if (!(peak >= 0) || Double.isInfinite(peak)) {
            throw new IllegalArgumentException("peak must be finite and >= 0, was " + peak);
        }
        if (!(rms >= 0) || Double.isInfinite(rms)) {
            throw new IllegalArgumentException("rms must be finite and >= 0, was " + rms);
        }
        if (fullScaleSamples < 0 || fullScaleSamples > length) {
            throw new IllegalArgumentException("full-scale samples must be in 0.." + length + ", was " + fullScaleSamples);
        }
        if (nonFiniteSamples < 0 || nonFiniteSamples > length) {
            throw new IllegalArgumentException("non-finite samples must be in 0.." + length + ", was " + nonFiniteSamples);
        }
    }

    /** Measures every sample once. */
    public static SignalLevel measure(float[] samples) {
        double peak = 0;
        double sumSquares = 0;
        int fullScale = 0;
        int nonFinite = 0;
        for (float x : samples) {
            if (!Float.isFinite(x)) {
                nonFinite++;
                continue;
            }
            double a = Math.abs(x);
            peak = Math.max(peak, a);
            sumSquares += a * a;
            if (a >= FULL_SCALE) {
                fullScale++;
            }
        }
        int finite = samples.length - nonFinite;
        double rms = finite == 0 ? 0 : Math.sqrt(sumSquares / finite);
        return new SignalLevel(samples.length, peak, rms, fullScale, nonFinite);
    }

    /**
     * True when every sample is digital silence (|x| below {@link #SILENCE_PEAK}); stops at
     * the first sample that is not. A NaN sample is not silence.
     */
    public static boolean isSilent(float[] samples) {
        for (float x : samples) {
            if (!(Math.abs(x) < SILENCE_PEAK)) {
                return false;
            }
        }
        return true;
    }

    /** Every sample is digital silence (an empty signal counts as silent). */
    public boolean isSilent() {
        return nonFiniteSamples == 0 && peak < SILENCE_PEAK;
    }

    /** Audible content, but its peak is below {@link #QUIET_PEAK_DBFS}. */
    public boolean isVeryQuiet() {
        return !isSilent() && peakDbfs() < QUIET_PEAK_DBFS;
    }

    /** Some samples reach full scale, so the recording may be clipped. */
    public boolean reachesFullScale() {
        return fullScaleSamples > 0;
    }

    /** 20 log10(peak); negative infinity for silence. */
    public double peakDbfs() {
        return 20 * Math.log10(peak);
    }

    /** 20 log10(rms); negative infinity for silence. */
    public double rmsDbfs() {
        return 20 * Math.log10(rms);
    }

    /**
     * What a user should hear about this signal, one clause per problem, worded to follow a
     * file name as in "{@code machine.wav: is silent: every sample is zero}". Empty when all
     * is well.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (nonFiniteSamples > 0) {
            out.add("has " + count(nonFiniteSamples, "sample that is not a number", "samples that are not numbers")
                    + " (NaN or infinite)");
        }
        if (length == 0) {
            out.add("has no samples");
        } else if (isSilent()) {
            out.add("is silent: every sample is zero");
        } else if (isVeryQuiet()) {
            out.add(String.format(Locale.ROOT, "is very quiet: its peak is %.1f dBFS", peakDbfs()));
        }
        if (reachesFullScale()) {
            out.add("may be clipped: " + count(fullScaleSamples, "sample reaches", "samples reach") + " full scale");
        }
        return List.copyOf(out);
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
