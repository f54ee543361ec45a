package io.auscult.features;

import io.auscult.audio.AudioClip;
import java.util.Objects;

/**
 * The front end: samples to a log-mel {@link Spectrogram} in dB, equal to librosa's
 * {@code power_to_db(melspectrogram(y, sr, n_fft, hop_length, center=True,
 * pad_mode='constant', power=2, htk=False, norm='slaney'), ref=1, amin=1e-10, top_db=None)}
 * (see {@link FeatureSpec}): centred {@link Stft} frames with periodic Hann window, power
 * {@code |X|^2} in double, the sparse {@link MelFilterBank} product in double, then
 * {@code 10 log10(max(mel, 1e-10))} in double, cast to float. Silence is exactly -100 dB.
 *
 * <p>Window, FFT and power stay in double because a float32 FFT's rounding noise sits about
 * 140 dB below a frame's peak and misses the 1e-3 dB tolerance on quiet bands next to a loud
 * tone (fixtures README, "float32 versus float64").
 *
 * <p><b>Thread confinement:</b> an extractor keeps scratch buffers and an FFT plan, so use
 * one per thread. Creating one is cheap (the filter bank and window are cached per spec),
 * so {@code new LogMelExtractor(spec).extract(samples)} is the intended use.
 */
public final class LogMelExtractor {

    private final FeatureSpec spec;
    private final MelFilterBank bank;
    private final Stft stft;
    private final double[] power;
    private final double[] mel;

    public LogMelExtractor(FeatureSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.bank = MelFilterBank.of(spec);
        this.stft = new Stft(spec);
        this.power = new double[spec.bins()];
        this.mel = new double[spec.nMels()];
    }

    public FeatureSpec spec() {
        return spec;
    }

    public MelFilterBank filterBank() {
        return bank;
    }

    /**
     * The log-mel of a clip.
     *
     * @throws IllegalArgumentException if the clip's rate is not the spec's (resample it
     *                                  when loading) or the clip has no samples
     */
    public Spectrogram extract(AudioClip clip) {
        checkClip(clip);
        return extract(clip.samples());
    }

    /**
     * The log-mel in dB of mono samples at the spec's rate: frames = 1 + floor(n / hop).
     *
     * @throws IllegalArgumentException if there are no samples
     */
    public Spectrogram extract(float[] samples) {
        return melSpectrogram(samples, true);
    }

    /** The linear power mel of a clip (before the dB step); same checks as {@link #extract(AudioClip)}. */
    public Spectrogram powerMel(AudioClip clip) {
        checkClip(clip);
        return powerMel(clip.samples());
    }

    /**
     * The linear power mel ({@code sum_k W[m][k] |X[k]|^2}, before the dB step) of mono
     * samples, as float: for comparing the mel energy of signals.
     */
    public Spectrogram powerMel(float[] samples) {
        return melSpectrogram(samples, false);
    }

    /** One pass over the frames: the power mel, in dB when {@code db}. */
    private Spectrogram melSpectrogram(float[] samples, boolean db) {
        checkSamples(samples);
        int frames = stft.frames(samples.length);
        int mels = spec.nMels();
        float[] out = new float[frames * mels];
        for (int t = 0; t < frames; t++) {
            melFrame(samples, t);
            int o = t * mels;
            for (int m = 0; m < mels; m++) {
                out[o + m] = (float) (db ? toDb(mel[m]) : mel[m]);
            }
        }
        return spectrogram(out, frames);
    }

    /** {@code 10 log10(max(power, 1e-10))}: the dB step, in double (1e-10 gives exactly -100). */
    public static double toDb(double power) {
        return 10.0 * Math.log10(Math.max(power, FeatureSpec.AMIN));
    }

    /** The inverse of the dB step above the floor: {@code 10^(dB / 10)}. */
    public static double toPower(double db) {
        return Math.pow(10.0, db / 10.0);
    }

    /** A power mel (from {@link #powerMel(float[])}) converted to dB, on the same grid. */
    public static Spectrogram toDb(Spectrogram powerMel) {
        float[] v = powerMel.values();
        float[] db = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            db[i] = (float) toDb(v[i]);
        }
        return powerMel.withValues(db);
    }

    /** A log-mel in dB converted back to linear power mel, on the same grid. */
    public static Spectrogram toPower(Spectrogram logMelDb) {
        float[] v = logMelDb.values();
        float[] p = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            p[i] = (float) toPower(v[i]);
        }
        return logMelDb.withValues(p);
    }

    private void melFrame(float[] samples, int t) {
        stft.powerFrame(samples, t, power, 0);
        bank.apply(power, 0, mel, 0);
    }

    private Spectrogram spectrogram(float[] values, int frames) {
        return new Spectrogram(values, frames, spec.nMels(), spec.hop(), spec.sampleRate(),
                bank.centresShared().clone());
    }

    private void checkClip(AudioClip clip) {
        Objects.requireNonNull(clip, "clip");
        if (clip.sampleRate() != spec.sampleRate()) {
            throw new IllegalArgumentException(clip.source() + ": sample rate " + clip.sampleRate()
                    + " Hz does not match the front end's " + spec.sampleRate()
                    + " Hz; resample the clip when loading it");
        }
        if (clip.length() == 0) {
            throw new IllegalArgumentException(clip.source() + ": no samples");
        }
    }

    private static void checkSamples(float[] samples) {
        Objects.requireNonNull(samples, "samples");
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples: a log-mel needs at least one sample");
        }
    }
}
