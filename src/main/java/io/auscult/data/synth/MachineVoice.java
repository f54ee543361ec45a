package io.auscult.data.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.auscult.data.Domain;

/**
 * A machine of one type and id: its fixed character (fundamental, resonances, rhythm), drawn
 * once from a stream seeded by type and id only, so "fan id 0" is the same machine for every
 * dataset seed. {@link #perform} makes one clip's random choices from the clip's stream.
 *
 * <p>The subclasses hold each type's recipe; the shared pieces (speed, slow wander,
 * resonance weighting, envelopes) live here.
 */
abstract class MachineVoice {

    /** Per-clip speed spread around the domain's speed: +-1 %. */
    private static final double SPEED_SPREAD = 0.01;
    /** Slow speed wander: a new target value every 0.4 s. */
    private static final double WANDER_KNOT_SECONDS = 0.4;

    protected final int id;
    protected final int sampleRate;
    /** The speed factor of the target domain (other operating point), fixed per id. */
    protected final double targetSpeed;

    protected MachineVoice(int id, int sampleRate, SplittableRandom character) {
        this.id = id;
        this.sampleRate = sampleRate;
        this.targetSpeed = character.nextBoolean()
                ? uniform(character, 1.12, 1.25)
                : uniform(character, 0.78, 0.88);
    }

    /** The voice of machine {@code id} of {@code type}. */
    static MachineVoice of(MachineType type, int id, int sampleRate) {
        SplittableRandom character = new SplittableRandom(SeedDerivation.derive(
                SeedDerivation.label("machine-character"), SeedDerivation.label(type.folderName()), id));
        return switch (type) {
            case FAN -> new FanVoice(id, sampleRate, character);
            case PUMP -> new PumpVoice(id, sampleRate, character);
            case SLIDER -> new SliderVoice(id, sampleRate, character);
            case VALVE -> new ValveVoice(id, sampleRate, character);
        };
    }

    /** One clip of this machine: all random choices drawn from {@code rnd}. */
    abstract MachinePerformance perform(Domain domain, int samples, SplittableRandom rnd);

    /** The nominal speed factor of a domain: 1 in the source domain, {@link #targetSpeed} in the target. */
    double domainSpeed(Domain domain) {
        return domain == Domain.TARGET ? targetSpeed : 1.0;
    }

    /** This clip's speed factor: the domain's speed, spread by +-1 %. */
    protected double speed(Domain domain, SplittableRandom rnd) {
        return domainSpeed(domain) * (1 + SPEED_SPREAD * (2 * rnd.nextDouble() - 1));
    }

    /**
     * The fundamental per control block: {@code hz} times a slow random wander of relative
     * size {@code depth} (machines never hold their speed exactly).
     */
    protected double[] wanderingFundamental(double hz, double depth, int samples, SplittableRandom rnd) {
        int blocks = (samples + MachinePerformance.BLOCK - 1) / MachinePerformance.BLOCK;
        double[] curve = slowCurve(blocks, MachinePerformance.BLOCK, depth, rnd);
        for (int b = 0; b < blocks; b++) {
            curve[b] = hz * (1 + curve[b]);
        }
        return curve;
    }

    /**
     * A smooth random curve of {@code points} points spaced {@code step} samples apart:
     * knots uniform in [-depth, depth] every {@link #WANDER_KNOT_SECONDS}, joined by
     * raised-cosine ramps.
     */
    protected double[] slowCurve(int points, int step, double depth, SplittableRandom rnd) {
        int knotSpacing = (int) Math.round(WANDER_KNOT_SECONDS * sampleRate);
        int knots = (int) ((long) points * step / knotSpacing) + 2;
        double[] knot = new double[knots];
        for (int i = 0; i < knots; i++) {
            knot[i] = depth * (2 * rnd.nextDouble() - 1);
        }
        double[] curve = new double[points];
        for (int p = 0; p < points; p++) {
            long s = (long) p * step;
            int k = (int) (s / knotSpacing);
            double x = (s - (long) k * knotSpacing) / (double) knotSpacing;
            double w = SineTable.ramp(x);
            curve[p] = knot[k] + w * (knot[k + 1] - knot[k]);
        }
        return curve;
    }

    /** Random starting phases, one per partial. */
    protected static int[] randomPhases(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = rnd.nextInt();
        }
        return p;
    }

    /**
     * Partial amplitudes {@code rolloff(k)} shaped by the machine's resonances: the same
     * bodies that colour its noise also lift the partials near them. The result is scaled
     * so the partials' total RMS is {@code rms}.
     */
    protected static double[] shapedAmplitudes(double[] ratios, double[] rolloff, double f0,
                                               List<Resonator> resonances, double floor, double rms) {
        double[] a = new double[ratios.length];
        double power = 0;
        for (int k = 0; k < ratios.length; k++) {
            double weight = floor;
            for (Resonator r : resonances) {
                weight += r.relativePowerAt(ratios[k] * f0);
            }
            a[k] = rolloff[k] * Math.sqrt(weight);
            power += a[k] * a[k] / 2;
        }
        double scale = power > 0 ? rms / Math.sqrt(power) : 0;
        for (int k = 0; k < a.length; k++) {
            a[k] *= scale;
        }
        return a;
    }

    /** Resonators for weighting partials, from noise bands of the resonant shape. */
    protected List<Resonator> resonatorsOf(List<NoiseBand> bands) {
        List<Resonator> out = new ArrayList<>();
        for (NoiseBand b : bands) {
            if (b.shape() == NoiseBand.Shape.RESONANT) {
                out.add(new Resonator(b.hz(), b.bandwidthHz(), sampleRate));
            }
        }
        return out;
    }

    /**
     * A gate envelope per sample: {@code low} outside the spans, {@code high} inside, with
     * raised-cosine fades of {@code fadeSeconds} at each edge (inside the span).
     */
    protected double[] gate(int samples, List<double[]> spansSeconds, double low, double high,
                            double fadeSeconds) {
        double[] env = new double[samples];
        Arrays.fill(env, low);
        int fade = Math.max(1, (int) Math.round(fadeSeconds * sampleRate));
        for (double[] span : spansSeconds) {
            int a = (int) Math.round(span[0] * sampleRate);
            int b = (int) Math.round(span[1] * sampleRate);
            int from = Math.max(0, a);
            int to = Math.min(samples, b);
            for (int s = from; s < to; s++) {
                double w = Math.min(SineTable.ramp((s - a) / (double) fade), SineTable.ramp((b - s) / (double) fade));
                env[s] = low + (high - low) * w;
            }
        }
        return env;
    }

    /**
     * A pulse envelope per sample: {@code 1 + depth e^{-(t - t_k) / decay}} after each pulse
     * time {@code t_k} (the latest pulse counts), for sound that swells with each stroke.
     */
    protected double[] pulseEnvelope(int samples, List<Impact> pulses, double depth, double decaySeconds) {
        double[] env = new double[samples];
        Arrays.fill(env, 1.0);
        double r = StrictMath.exp(-1.0 / (decaySeconds * sampleRate));
        for (int i = 0; i < pulses.size(); i++) {
            int from = Math.max(0, pulses.get(i).startSample());
            int to = i + 1 < pulses.size() ? pulses.get(i + 1).startSample() : samples;
            double g = depth;
            for (int s = from; s < Math.min(to, samples); s++) {
                env[s] += g;
                g *= r;
            }
        }
        return env;
    }

    /** A periodic modulation envelope {@code 1 + depth sin(2 pi hz t + phase)} per sample. */
    protected double[] periodicEnvelope(int samples, double hz, double depth, int phase) {
        double[] env = new double[samples];
        int inc = SineTable.increment(hz, sampleRate);
        int ph = phase;
        for (int s = 0; s < samples; s++) {
            env[s] = 1 + depth * SineTable.sin(ph);
            ph += inc;
        }
        return env;
    }

    protected static double uniform(SplittableRandom rnd, double low, double high) {
        return low + (high - low) * rnd.nextDouble();
    }

    /** The whole clip as the one active span. */
    protected List<double[]> wholeClip(int samples) {
        return List.of(new double[] {0, samples / (double) sampleRate});
    }
}
