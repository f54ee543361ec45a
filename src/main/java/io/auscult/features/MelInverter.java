package io.auscult.features;

import io.auscult.audio.AudioClip;
import java.util.Arrays;
import java.util.Objects;

/**
 * Log-mel back to audio, as librosa's {@code feature.inverse.mel_to_audio}: dB to power mel
 * ({@code 10^(dB/10)}), power mel to a linear power spectrum by non-negative least squares
 * against the {@link MelFilterBank}, magnitude {@code sqrt(power)}, then {@link GriffinLim}.
 * Used to listen to a spectrogram, e.g. a detector's reconstruction or a repaired input.
 *
 * <p>The mel step keeps 128 numbers of 513, so the spectrum is not unique. The least-squares
 * fit {@code min ||W p - mel||^2, p >= 0} (librosa solves it with L-BFGS-B) is solved per
 * frame by Lee and Seung's
 * multiplicative update {@code p <- p * (W^T mel) / (W^T W p)}, which keeps p non-negative
 * (a plain pseudo-inverse gives negative power) and, being scale-free per bin, converges on
 * quiet bands as fast as on loud ones. It starts from each band's power spread evenly over its
 * bins (exact for a flat spectrum), and runs a fixed number of iterations, so the result is
 * deterministic. Bins no band covers (0 Hz and Nyquist for the DCASE spec) get no power.
 *
 * <p>The audio is not clipped to [-1, 1]. <b>Thread confinement:</b> holds a
 * {@link GriffinLim}; use one instance per thread.
 */
public final class MelInverter {

    /** Default multiplicative-update iterations of the non-negative least-squares step. */
    public static final int DEFAULT_NNLS_ITERATIONS = 200;

    private final FeatureSpec spec;
    private final MelFilterBank bank;
    private final GriffinLim griffinLim;
    private final int nnlsIterations;
    private final double[] bandArea;
    private final double[] binCoverage;

    public MelInverter(FeatureSpec spec) {
        this(spec, GriffinLim.Options.DEFAULT, DEFAULT_NNLS_ITERATIONS);
    }

    public MelInverter(FeatureSpec spec, GriffinLim.Options options, int nnlsIterations) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (nnlsIterations < 0) {
            throw new IllegalArgumentException("nnlsIterations must be >= 0, was " + nnlsIterations);
        }
        this.bank = MelFilterBank.of(spec);
        this.griffinLim = new GriffinLim(spec, options);
        this.nnlsIterations = nnlsIterations;
        // W 1 (each band's total weight) and W^T 1 (each bin's total weight) for the start point.
        double[] ones = new double[spec.bins()];
        Arrays.fill(ones, 1.0);
        bandArea = new double[spec.nMels()];
        bank.apply(ones, 0, bandArea, 0);
        double[] bandOnes = new double[spec.nMels()];
        Arrays.fill(bandOnes, 1.0);
        binCoverage = new double[spec.bins()];
        bank.applyTransposed(bandOnes, 0, binCoverage, 0);
    }

    /** Audio samples ({@code hop * (frames - 1)} of them) whose log-mel approximates {@code logMelDb}. */
    public float[] invert(Spectrogram logMelDb) {
        check(logMelDb);
        int frames = logMelDb.frames();
        if (frames == 0) {
            return new float[0];
        }
        PowerSpectrogram power = linearPower(LogMelExtractor.toPower(logMelDb));
        double[] magnitude = power.values().clone();
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = Math.sqrt(magnitude[i]);
        }
        double[] signal = griffinLim.reconstruct(magnitude, frames);
        float[] samples = new float[signal.length];
        for (int i = 0; i < signal.length; i++) {
            samples[i] = (float) signal[i];
        }
        return samples;
    }

    /** {@link #invert(Spectrogram)} as a clip at the spec's rate, named {@code source}. */
    public AudioClip invertToClip(Spectrogram logMelDb, String source) {
        return AudioClip.of(invert(logMelDb), spec.sampleRate(), source);
    }

    /**
     * A non-negative linear power spectrum whose mel product approximates {@code powerMel}
     * (linear power, as {@link LogMelExtractor#powerMel(float[])} gives).
     */
    public PowerSpectrogram linearPower(Spectrogram powerMel) {
        check(powerMel);
        int frames = powerMel.frames();
        int mels = spec.nMels();
        int bins = spec.bins();
        float[] v = powerMel.values();
        double[] out = new double[frames * bins];
        double[] target = new double[mels];
        double[] density = new double[mels];
        double[] numerator = new double[bins];
        double[] fitted = new double[mels];
        double[] denominator = new double[bins];
        double[] p = new double[bins];
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < mels; m++) {
                target[m] = Math.max(v[t * mels + m], 0.0);
                density[m] = bandArea[m] > 0 ? target[m] / bandArea[m] : 0.0;
            }
            // Start: each bin gets the coverage-weighted mean power density of its bands.
            bank.applyTransposed(density, 0, p, 0);
            for (int k = 0; k < bins; k++) {
                p[k] = binCoverage[k] > 0 ? p[k] / binCoverage[k] : 0.0;
            }
            bank.applyTransposed(target, 0, numerator, 0);
            for (int iteration = 0; iteration < nnlsIterations; iteration++) {
                bank.apply(p, 0, fitted, 0);
                bank.applyTransposed(fitted, 0, denominator, 0);
                for (int k = 0; k < bins; k++) {
                    if (denominator[k] > 0) {
                        p[k] *= numerator[k] / denominator[k];
                    }
                }
            }
            System.arraycopy(p, 0, out, t * bins, bins);
        }
        return new PowerSpectrogram(out, frames, bins);
    }

    private void check(Spectrogram s) {
        Objects.requireNonNull(s, "spectrogram");
        if (s.mels() != spec.nMels() || s.hop() != spec.hop() || s.sampleRate() != spec.sampleRate()) {
            throw new IllegalArgumentException("spectrogram has " + s.mels() + " bands, hop " + s.hop() + " at "
                    + s.sampleRate() + " Hz; this inverter expects " + spec.nMels() + " bands, hop "
                    + spec.hop() + " at " + spec.sampleRate() + " Hz");
        }
    }
}
