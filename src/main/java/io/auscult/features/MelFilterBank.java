package io.auscult.features;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Triangular mel filters on the FFT bins, built as librosa's {@code filters.mel(htk=False,
 * norm='slaney')} does: {@code nMels + 2} edges equally spaced on the Slaney {@link MelScale}
 * from {@code fMin} to {@code fMax}; band m rises linearly from edge m to a peak of 1 at edge
 * m+1 and falls to 0 at edge m+2, and is then scaled by {@code 2 / (edge[m+2] - edge[m])}
 * (Slaney area normalisation, so a band's weight per Hz does not grow with its width).
 *
 * <p>Each band is nonzero on a short run of bins only, so the bank is kept sparse (first
 * nonzero bin + the run of weights) for the mel product; the dense matrix is available for
 * tests and inspection. Immutable and thread-safe; {@link #of(FeatureSpec)} caches one per spec.
 */
public final class MelFilterBank {

    private static final ConcurrentHashMap<FeatureSpec, MelFilterBank> CACHE = new ConcurrentHashMap<>();

    private final FeatureSpec spec;
    private final double[] edgesHz;
    private final double[] centresHz;
    private final int[] firstBin;
    private final double[][] weights;

    private MelFilterBank(FeatureSpec spec) {
        this.spec = spec;
        int nMels = spec.nMels();
        int bins = spec.bins();
        edgesHz = melEdges(spec);
        centresHz = Arrays.copyOfRange(edgesHz, 1, nMels + 1);

        // Bin frequencies as numpy.fft.rfftfreq gives them: k * (1 / (nFft / sr)).
        double binHz = 1.0 / (spec.nFft() / (double) spec.sampleRate());
        firstBin = new int[nMels];
        weights = new double[nMels][];
        double[] row = new double[bins];
        for (int m = 0; m < nMels; m++) {
            double lowerWidth = edgesHz[m + 1] - edgesHz[m];
            double upperWidth = edgesHz[m + 2] - edgesHz[m + 1];
            double norm = 2.0 / (edgesHz[m + 2] - edgesHz[m]);
            int first = -1;
            int last = -1;
            for (int k = 0; k < bins; k++) {
                double f = k * binHz;
                double rising = (f - edgesHz[m]) / lowerWidth;
                double falling = (edgesHz[m + 2] - f) / upperWidth;
                double w = Math.max(0.0, Math.min(rising, falling)) * norm;
                row[k] = w;
                if (w > 0) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            // A band narrower than one bin spacing can miss every bin (librosa warns about
            // "empty filters"); it stays empty and its mel energy is 0.
            firstBin[m] = Math.max(first, 0);
            weights[m] = first < 0 ? new double[0] : Arrays.copyOfRange(row, first, last + 1);
        }
    }

    /** The bank for a spec, built once and shared. */
    public static MelFilterBank of(FeatureSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return CACHE.computeIfAbsent(spec, MelFilterBank::new);
    }

    /**
     * The {@code nMels + 2} band edges in Hz, as {@code librosa.mel_frequencies(nMels + 2,
     * fmin, fmax, htk=False)}: numpy-style linspace in mel (i * step + start, last point set
     * to the stop exactly), converted back to Hz.
     */
    private static double[] melEdges(FeatureSpec spec) {
        int points = spec.nMels() + 2;
        double lo = MelScale.hzToMel(spec.fMin());
        double hi = MelScale.hzToMel(spec.upperHz());
        double step = (hi - lo) / (points - 1);
        double[] hz = new double[points];
        for (int i = 0; i < points; i++) {
            double mel = i == points - 1 ? hi : i * step + lo;
            hz[i] = MelScale.melToHz(mel);
        }
        return hz;
    }

    public FeatureSpec spec() {
        return spec;
    }

    /** Number of mel bands. */
    public int bands() {
        return weights.length;
    }

    /** Number of FFT bins the bank applies to, nFft / 2 + 1. */
    public int bins() {
        return spec.bins();
    }

    /** The nMels + 2 band edges in Hz, ascending: band m spans edge m .. edge m+2. */
    public double[] bandEdgesHz() {
        return edgesHz.clone();
    }

    /** The peak of each band's triangle in Hz (edge m+1), ascending. */
    public double[] bandCentresHz() {
        return centresHz.clone();
    }

    /** Shared centres array for spectrograms made in this package (read-only by contract). */
    double[] centresShared() {
        return centresHz;
    }

    /** The full bands x bins weight matrix, a fresh copy (for tests and inspection). */
    public double[][] denseWeights() {
        double[][] dense = new double[weights.length][spec.bins()];
        for (int m = 0; m < weights.length; m++) {
            System.arraycopy(weights[m], 0, dense[m], firstBin[m], weights[m].length);
        }
        return dense;
    }

    /** The first FFT bin with a nonzero weight in band m (0 for an empty band). */
    public int firstBin(int band) {
        return firstBin[band];
    }

    /** Band m's nonzero run of weights, starting at {@link #firstBin(int)}; a fresh copy. */
    public double[] bandWeights(int band) {
        return weights[band].clone();
    }

    /**
     * The mel product for one frame: {@code mel[melOffset + m] = sum_k W[m][k] power[powerOffset + k]}.
     */
    public void apply(double[] power, int powerOffset, double[] mel, int melOffset) {
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            int base = powerOffset + firstBin[m];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * power[base + i];
            }
            mel[melOffset + m] = sum;
        }
    }

    /**
     * The transposed product for one frame: {@code out[outOffset + k] = sum_m W[m][k] mel[melOffset + m]}
     * (overwrites all bins of the frame).
     */
    public void applyTransposed(double[] mel, int melOffset, double[] out, int outOffset) {
        Arrays.fill(out, outOffset, outOffset + spec.bins(), 0.0);
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            int base = outOffset + firstBin[m];
            double v = mel[melOffset + m];
            for (int i = 0; i < w.length; i++) {
                out[base + i] += w[i] * v;
            }
        }
    }
}
