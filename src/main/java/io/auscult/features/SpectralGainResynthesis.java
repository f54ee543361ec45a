package io.auscult.features;

import io.auscult.audio.AudioClip;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes an edit of a log-mel audible: audio whose log-mel approximates an edited spectrogram (a
 * detector's reconstruction, an input with its top-k units replaced, a hand-painted repair),
 * made from the original recording by changing only magnitudes, so the original STFT phase is
 * kept. That sounds like the recording with some bands turned up or down, not like
 * Griffin-Lim's phase guess (no phasiness or smearing where nothing was edited).
 *
 * <p>Per frame t and mel band m the edit asks for an amplitude gain
 * {@code g[t][m] = 10^((target_dB - original_dB) / 20)}; a band's power is
 * {@code sum_k W[m][k] |X[k]|^2}, so scaling every bin under the band by g scales its power by
 * g^2, its dB by exactly the difference. Bands overlap (each bin lies under two triangles), so a
 * bin takes the weighted mean of its bands' gains, {@code G[k] = sum_m W[m][k] g_m / sum_m W[m][k]}:
 * a uniform edit gives every bin the same gain (exact), a smooth edit a smooth gain. The complex
 * STFT is multiplied by G (the phase unchanged) and inverted ({@link Stft}, the front end's own
 * framing, window-sum-square overlap-add), cut to the original's length.
 *
 * <p>Bins no band covers (0 Hz and Nyquist when fMin = 0 and fMax = Nyquist; everything outside
 * [fMin, fMax] otherwise) take the gain of the nearest covered bin, not 1: otherwise a uniform
 * edit (say, the whole clip 6 dB louder) would leave the DC offset and out-of-range content at
 * the old level, and the result would not be the scaled original.
 *
 * <p>Gains are clamped to [{@link #MIN_GAIN_DB}, {@link #MAX_GAIN_DB}]. Why: where the original
 * is at the front end's -100 dB floor (digital silence, a band a recording never reaches) a
 * reconstruction can ask for +80 dB or more, which would blow up rounding noise into a loud
 * hiss that is not what the model expects either (no phase there to keep); +40 dB is more than
 * any edit of real content needs. Below -80 dB a band is inaudible next to the rest of the clip
 * (16-bit audio spans 96 dB), so a deeper cut changes nothing one can hear.
 *
 * <p>Re-analysed, the result is close to the target but not exact: the edited STFT is not the
 * STFT of any signal (neighbouring frames overlap by half), and the overlap-add is the
 * least-squares signal nearest to it, so sharp edits spread over about one frame in time and
 * leak through the window's side lobes in frequency.
 *
 * <p><b>Thread confinement:</b> holds an {@link Stft}; use one instance per thread (the static
 * {@link #render} makes its own).
 */
public final class SpectralGainResynthesis {

    /** Lowest gain applied, in dB; see the class comment. */
    public static final double MIN_GAIN_DB = -80.0;
    /** Highest gain applied, in dB; see the class comment. */
    public static final double MAX_GAIN_DB = 40.0;

    private final FeatureSpec spec;
    private final MelFilterBank bank;
    private final Stft stft;
    /** sum_m W[m][k]: the total band weight on each bin. */
    private final double[] coverage;
    /** For each bin, the covered bin whose gain it takes (itself when covered). */
    private final int[] gainSource;

    public SpectralGainResynthesis(FeatureSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.bank = MelFilterBank.of(spec);
        this.stft = new Stft(spec);
        int bins = spec.bins();
        double[] ones = new double[spec.nMels()];
        Arrays.fill(ones, 1.0);
        coverage = new double[bins];
        bank.applyTransposed(ones, 0, coverage, 0);
        gainSource = nearestCovered(coverage);
    }

    /**
     * The single entry point: with the original recording, its phase is kept (gain
     * resynthesis); without it, {@link MelInverter} (Griffin-Lim) invents one from the target.
     * Pass both spectrograms through the same steps (e.g. both through
     * {@link Standardiser#invert}), so that bins the edit did not touch cancel exactly.
     *
     * @param original   the recording the spectrograms came from, when there is one
     * @param spec       the front end that made them
     * @param originalDb the original's log-mel in dB
     * @param targetDb   the edited log-mel in dB, on the same grid
     * @return audio at the spec's rate: as long as the original, or {@code hop * (frames - 1)}
     *         samples from Griffin-Lim
     */
    public static AudioClip render(Optional<AudioClip> original, FeatureSpec spec, Spectrogram originalDb,
                                   Spectrogram targetDb) {
        Objects.requireNonNull(original, "original");
        if (original.isPresent()) {
            return new SpectralGainResynthesis(spec).apply(original.get(), originalDb, targetDb);
        }
        checkGrids(spec, originalDb, targetDb);
        return new MelInverter(spec).invertToClip(targetDb, "Griffin-Lim resynthesis");
    }

    /**
     * {@link #render} for model inputs (standardised log-mels, as the detector and the
     * faithfulness explorer hold them): both go back to dB through the same
     * {@link Standardiser#invert}, so bins the edit left alone get gain 1 exactly.
     *
     * @param input  the standardised input the edit started from (x)
     * @param edited the edited standardised input (x_hat, or x_k with some units replaced)
     */
    public static AudioClip renderStandardised(Optional<AudioClip> original, FeatureSpec spec,
                                               Standardiser standardiser, Spectrogram input, Spectrogram edited) {
        Objects.requireNonNull(standardiser, "standardiser");
        return render(original, spec, standardiser.invert(input), standardiser.invert(edited));
    }

    public FeatureSpec spec() {
        return spec;
    }

    /** The original with the edit applied, as a clip named after it. */
    public AudioClip apply(AudioClip original, Spectrogram originalDb, Spectrogram targetDb) {
        Objects.requireNonNull(original, "original");
        if (original.sampleRate() != spec.sampleRate()) {
            throw new IllegalArgumentException(original.source() + ": sample rate " + original.sampleRate()
                    + " Hz, the spectrograms are at " + spec.sampleRate() + " Hz");
        }
        if (original.length() == 0) {
            throw new IllegalArgumentException(original.source() + ": no samples to resynthesise");
        }
        checkGrids(spec, originalDb, targetDb);
        if (spec.framesFor(original.length()) != originalDb.frames()) {
            throw new IllegalArgumentException(original.source() + ": " + original.length() + " samples make "
                    + spec.framesFor(original.length()) + " frames, the spectrograms have " + originalDb.frames()
                    + ": they are not of this recording");
        }
        float[] out = apply(original.samples(), originalDb, targetDb);
        return new AudioClip(out, original.sampleRate(), original.source() + " (resynthesised)",
                original.channel());
    }

    /**
     * The samples with the edit applied, as many as given.
     *
     * @param samples    mono samples at the spec's rate; their log-mel is {@code originalDb}
     * @param originalDb log-mel in dB of the samples
     * @param targetDb   edited log-mel in dB on the same grid
     */
    public float[] apply(float[] samples, Spectrogram originalDb, Spectrogram targetDb) {
        Objects.requireNonNull(samples, "samples");
        checkGrids(spec, originalDb, targetDb);
        if (spec.framesFor(samples.length) != originalDb.frames()) {
            throw new IllegalArgumentException(samples.length + " samples make " + spec.framesFor(samples.length)
                    + " frames, the spectrograms have " + originalDb.frames());
        }
        double[] signal = new double[samples.length];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = samples[i];
        }
        ComplexSpectrogram x = stft.forward(signal);
        double[] re = x.re().clone();
        double[] im = x.im().clone();
        int bins = spec.bins();
        double[] gain = new double[bins];
        for (int t = 0; t < x.frames(); t++) {
            binGains(originalDb, targetDb, t, gain);
            int o = t * bins;
            for (int k = 0; k < bins; k++) {
                re[o + k] *= gain[k];
                im[o + k] *= gain[k];
            }
        }
        double[] y = stft.inverse(new ComplexSpectrogram(re, im, x.frames(), bins), samples.length);
        float[] out = new float[y.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) y[i];
        }
        return out;
    }

    /**
     * The amplitude gain of every FFT bin in frame t (into {@code out}, nFft/2 + 1 values): the
     * band gains, clamped, spread to bins by the filter-bank weights.
     */
    public void binGains(Spectrogram originalDb, Spectrogram targetDb, int frame, double[] out) {
        int mels = spec.nMels();
        double[] bandGain = new double[mels];
        float[] o = originalDb.values();
        float[] n = targetDb.values();
        for (int m = 0; m < mels; m++) {
            int i = frame * mels + m;
            double diff = (double) n[i] - o[i];
            if (!Double.isFinite(diff)) {
                throw new IllegalArgumentException("frame " + frame + ", band " + m + ": the spectrograms hold "
                        + o[i] + " and " + n[i] + " dB; both must be finite");
            }
            // A band the edit leaves alone keeps gain exactly 1 (10^0), bit for bit.
            bandGain[m] = diff == 0 ? 1.0
                    : Math.pow(10.0, Math.max(MIN_GAIN_DB, Math.min(MAX_GAIN_DB, diff)) / 20.0);
        }
        bank.applyTransposed(bandGain, 0, out, 0);
        for (int k = 0; k < out.length; k++) {
            if (coverage[k] > 0) {
                out[k] /= coverage[k];
            }
        }
        for (int k = 0; k < out.length; k++) {
            if (gainSource[k] != k) {
                out[k] = out[gainSource[k]];
            }
        }
    }

    private static int[] nearestCovered(double[] coverage) {
        int[] source = new int[coverage.length];
        int last = -1;
        for (int k = 0; k < coverage.length; k++) {
            if (coverage[k] > 0) {
                last = k;
            }
            source[k] = last;
        }
        int next = -1;
        for (int k = coverage.length - 1; k >= 0; k--) {
            if (coverage[k] > 0) {
                next = k;
            }
            if (source[k] != k) {
                int below = source[k];
                // Nearest covered bin; a tie goes to the lower one.
                source[k] = below < 0 ? next : next < 0 || k - below <= next - k ? below : next;
            }
        }
        for (int s : source) {
            if (s < 0) {
                throw new IllegalStateException("no FFT bin lies under any mel band");
            }
        }
        return source;
    }

    private static void checkGrids(FeatureSpec spec, Spectrogram originalDb, Spectrogram targetDb) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(originalDb, "originalDb");
        Objects.requireNonNull(targetDb, "targetDb");
        if (originalDb.frames() != targetDb.frames() || originalDb.mels() != targetDb.mels()) {
            throw new IllegalArgumentException("the original spectrogram is " + originalDb.frames() + " x "
                    + originalDb.mels() + " and the edited one " + targetDb.frames() + " x " + targetDb.mels()
                    + " (frames x mels); they must be on the same grid");
        }
        if (originalDb.mels() != spec.nMels() || originalDb.hop() != spec.hop()
                || originalDb.sampleRate() != spec.sampleRate()) {
            throw new IllegalArgumentException("the spectrograms have " + originalDb.mels() + " bands, hop "
                    + originalDb.hop() + " at " + originalDb.sampleRate() + " Hz; the front end makes "
                    + spec.nMels() + " bands, hop " + spec.hop() + " at " + spec.sampleRate() + " Hz");
        }
    }
}
