package io.auscult.features;

/**
 * Front-end settings. The defaults are the DCASE Task 2 convention, which equals librosa's
 * {@code melspectrogram(sr=16000, n_fft=1024, hop_length=512, center=True,
 * pad_mode="constant", n_mels=128, fmin=0, fmax=sr/2, htk=False, norm="slaney", power=2)}
 * followed by {@code power_to_db(ref=1, amin=1e-10, top_db=None)}.
 *
 * @param sampleRate the rate the model works at; other rates are resampled to it
 * @param nFft       FFT size and window length (periodic Hann)
 * @param hop        hop between frame centres, in samples
 * @param nMels      mel bands (Slaney scale, Slaney area normalisation)
 * @param fMin       lowest band edge in Hz
 * @param fMax       highest band edge in Hz; 0 means Nyquist
 */
public record FeatureSpec(int sampleRate, int nFft, int hop, int nMels, double fMin, double fMax) {

    /** The floor of the power before the logarithm: silence is exactly -100 dB. */
    public static final double AMIN = 1e-10;

    public static final FeatureSpec DCASE = new FeatureSpec(16000, 1024, 512, 128, 0.0, 0.0);

    public FeatureSpec {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive, was " + sampleRate);
        }
        if (nFft < 16 || Integer.bitCount(nFft) != 1) {
            throw new IllegalArgumentException("nFft must be a power of two >= 16, was " + nFft);
        }
        if (hop <= 0 || hop > nFft) {
            throw new IllegalArgumentException("hop must be in 1.." + nFft + ", was " + hop);
        }
        if (nMels <= 0 || nMels > nFft / 2 + 1) {
            throw new IllegalArgumentException("nMels must be in 1.." + (nFft / 2 + 1) + ", was " + nMels);
        }
        double nyquist = sampleRate / 2.0;
        if (fMin < 0 || fMin >= nyquist) {
            throw new IllegalArgumentException("fMin must be in [0, " + nyquist + "), was " + fMin);
        }
        if (fMax != 0 && (fMax <= fMin || fMax > nyquist)) {
            throw new IllegalArgumentException("fMax must be 0 (Nyquist) or in (fMin, " + nyquist + "], was " + fMax);
        }
    }

    /** The upper band edge in Hz, with 0 resolved to Nyquist. */
    public double upperHz() {
        return fMax == 0 ? sampleRate / 2.0 : fMax;
    }

    /** Number of FFT bins, nFft / 2 + 1. */
    public int bins() {
        return nFft / 2 + 1;
    }

    /** Frames of a centred STFT of {@code samples} samples: 1 + floor(samples / hop). */
    public int framesFor(int samples) {
        return 1 + samples / hop;
    }
}
