package io.auscult.data.synth;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;

/**
 * Renders machine-like recordings, deterministically from a {@link ClipSpec}, with the
 * ground-truth mask of their anomaly: for tests, the bundled demo, and the localisation
 * metrics (real anomalies come without region labels).
 *
 * <h2>A clip</h2>
 * The machine of the spec's type and id (see {@link MachineType}) plays for the spec's
 * length; a plant background (coloured noise and distant mains hum, different in the target
 * domain) is added at the spec's SNR, measured as the ratio of the normal machine sound's
 * power to the background's power over the clip. The mix is scaled to an RMS of
 * {@value #TARGET_RMS} (less if its peak would pass {@value #PEAK_LIMIT}) and rounded to the
 * 16-bit grid, so a 16-bit WAV of it reads back exactly.
 *
 * <h2>The anomaly and its mask</h2>
 * Its kind and extent (one event, or a fault that lasts the whole clip: {@link AnomalyExtent})
 * come from the spec; its time, frequencies and strength from the seed (see
 * {@link AnomalyKind#strengthMeaning()}). An added sound (whine, burst) is scaled so that,
 * in the bins where it is within 10 dB of its own maximum, it stands a median of
 * {@code strength} dB above the normal sound. The <b>mask</b> is defined by effect: the clip
 * is rendered twice from the same random streams, once without and once with the anomaly
 * (identical background, identical everything else), both go through the DCASE log-mel
 * front end ({@link FeatureSpec#DCASE}: 16 kHz, n_fft 1024, hop 512, 128 mels; 313 frames for
 * 10 s), and a bin belongs to the mask when {@code |L_anomalous - L_normal| >=}
 * {@value AnomalyMask#THRESHOLD_DB} dB ({@link AnomalyMask#THRESHOLD_DB}). So it also marks
 * what a missing impact removes and where a harmonic shift moves energy from and to. Should
 * a placement change fewer than {@value #MIN_MASK_BINS} bins (an anomaly lost in a loud
 * background), it is drawn again from the same stream, up to {@value #MAX_PLACEMENTS} times.
 *
 * <h2>Determinism</h2>
 * The output depends only on the spec: every random choice comes from streams derived from
 * the spec's seed, in a fixed order; the arithmetic is sequential and uses {@link StrictMath}
 * for every transcendental that reaches the samples. Each part (machine, background,
 * anomaly) has its own stream, so adding an anomaly leaves the rest untouched.
 *
 * <p>Not thread-safe (it keeps a front end with scratch buffers): use one per thread.
 */
public final class MachineSoundSynthesizer {

    /** Generator name, as written into dataset manifests. */
    public static final String NAME = "auscult-synth";
    /**
     * Generator version: raised whenever the same spec would render different bytes, so a
     * manifest says which generator made it.
     */
    public static final String VERSION = "1";
    /** The front end of the masks and log-mels. */
    public static final FeatureSpec FRONT_END = FeatureSpec.DCASE;
    /** Sample rate of every clip. */
    public static final int SAMPLE_RATE = 16000;
    /** RMS of the normal mix after scaling (about -26 dBFS). */
    public static final double TARGET_RMS = 0.05;
    /** Peak of the normal mix is kept at or below this, so anomalies have headroom. */
    public static final double PEAK_LIMIT = 0.7;
    /** A placement that changes fewer log-mel bins than this is drawn again. */
    public static final int MIN_MASK_BINS = 6;
    /** Most placements tried per clip. */
    public static final int MAX_PLACEMENTS = 8;

    /** Bins within this many dB of the added sound's maximum count for its strength. */
    private static final double CORE_DB = 10.0;

    private final LogMelExtractor frontEnd = new LogMelExtractor(FRONT_END);
    private final PlantBackground plant = new PlantBackground(SAMPLE_RATE);
    private final AnomalyDesigner designer = new AnomalyDesigner(SAMPLE_RATE);

    /** Renders one clip, with its anomaly and mask if the spec asks for one. */
    public SyntheticClip render(ClipSpec spec) {
        Objects.requireNonNull(spec, "spec");
        int samples = (int) Math.round(spec.seconds() * SAMPLE_RATE);
        MachineVoice voice = MachineVoice.of(spec.machine(), spec.machineId(), SAMPLE_RATE);
        MachinePerformance machine = voice.perform(spec.domain(), samples,
                SeedDerivation.stream(spec.seed(), "machine"));
        double[] background = plant.render(spec.domain(), samples, SeedDerivation.stream(spec.seed(), "background"));
        double[] normalMachine = machine.render(Perturbation.NONE);

        double machinePower = meanSquare(normalMachine);
        double backgroundPower = meanSquare(background);
        double backgroundGain = backgroundPower > 0 && machinePower > 0
                ? Math.sqrt(machinePower / backgroundPower / StrictMath.pow(10, spec.snrDb() / 10))
                : 1;
        double[] normalMix = new double[samples];
        for (int i = 0; i < samples; i++) {
            normalMix[i] = normalMachine[i] + backgroundGain * background[i];
        }
        double rms = Math.sqrt(meanSquare(normalMix));
        double peak = 0;
        for (double v : normalMix) {
            peak = Math.max(peak, Math.abs(v));
        }
        double outputGain = rms > 0 ? Math.min(TARGET_RMS / rms, PEAK_LIMIT / peak) : 1;
        float[] normal = quantise(normalMix, outputGain);
        Spectrogram normalLogMel = frontEnd.extract(normal);
        if (!spec.isAnomalous()) {
            return new SyntheticClip(spec, normal, SAMPLE_RATE, normalLogMel, null, null);
        }

        SplittableRandom anomalyStream = SeedDerivation.stream(spec.seed(), "anomaly");
        SyntheticClip best = null;
        int bestCount = -1;
        for (int attempt = 0; attempt < MAX_PLACEMENTS; attempt++) {
            AnomalyDesigner.Placed placed = designer.place(spec.anomaly(), spec.extent(), machine, anomalyStream);
            double[] mix;
            if (placed.addition() != null) {
                double scale = additionScale(placed, normalLogMel, outputGain);
                double[] add = placed.addition();
                mix = new double[samples];
                for (int i = 0; i < samples; i++) {
                    mix[i] = normalMix[i] + scale * add[i];
                }
            } else {
                double[] changed = machine.render(placed.perturbation());
                mix = new double[samples];
                for (int i = 0; i < samples; i++) {
                    mix[i] = changed[i] + backgroundGain * background[i];
                }
            }
            float[] anomalous = quantise(mix, outputGain);
            Spectrogram logMel = frontEnd.extract(anomalous);
            AnomalyMask mask = AnomalyMask.between(normalLogMel, logMel);
            int count = mask.count();
            if (count > bestCount) {
                best = new SyntheticClip(spec, anomalous, SAMPLE_RATE, logMel, placed.event(), mask);
                bestCount = count;
            }
            if (count >= MIN_MASK_BINS) {
                break;
            }
        }
        return best;
    }

    /**
     * The factor that brings an added sound to its strength: the median, over the bins where
     * the sound alone is within {@link #CORE_DB} of its maximum, of its level above the normal
     * clip's. Rounded to 0.01 dB so that rounding noise in the front end cannot reach the
     * samples.
     */
    private double additionScale(AnomalyDesigner.Placed placed, Spectrogram normalLogMel, double outputGain) {
        double[] add = placed.addition();
        int hop = FRONT_END.hop();
        int first = 0;
        while (first < add.length && add[first] == 0) {
            first++;
        }
        int last = add.length - 1;
        while (last > first && add[last] == 0) {
            last--;
        }
        if (first >= add.length) {
            return 0;
        }
        // the added sound is zero outside [first, last], so a slice starting on a hop
        // boundary with a window's margin on both sides has exactly the global frames
        int margin = FRONT_END.nFft();
        int from = Math.max(0, (first - margin) / hop * hop);
        int to = Math.min(add.length, last + margin + 1);
        float[] slice = new float[to - from];
        for (int i = from; i < to; i++) {
            slice[i - from] = (float) (add[i] * outputGain);
        }
        Spectrogram alone = frontEnd.extract(slice);
        int offset = from / hop;
        int mels = alone.mels();
        float[] a = alone.values();
        float max = Float.NEGATIVE_INFINITY;
        for (float v : a) {
            max = Math.max(max, v);
        }
        int frames = Math.min(alone.frames(), normalLogMel.frames() - offset);
        double[] contrast = new double[frames * mels];
        int n = 0;
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < mels; m++) {
                float v = a[t * mels + m];
                if (v >= max - CORE_DB) {
                    contrast[n++] = v - normalLogMel.get(t + offset, m);
                }
            }
        }
        Arrays.sort(contrast, 0, n);
        double median = n % 2 == 1 ? contrast[n / 2] : 0.5 * (contrast[n / 2 - 1] + contrast[n / 2]);
        double gainDb = Math.rint((placed.event().strength() - median) * 100) / 100;
        return StrictMath.pow(10, gainDb / 20);
    }

    /** Scales and rounds to the 16-bit grid, clipping to [-1, 32767/32768]. */
    private static float[] quantise(double[] mix, double gain) {
        float[] out = new float[mix.length];
        for (int i = 0; i < mix.length; i++) {
            long v = Math.round(mix[i] * gain * 32768.0);
            out[i] = Math.max(-32768, Math.min(32767, v)) / 32768f;
        }
        return out;
    }

    private static double meanSquare(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return x.length == 0 ? 0 : sum / x.length;
    }
}
