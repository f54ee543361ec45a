package io.auscult.data.synth;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One clip's worth of a machine playing: every random choice already made (speed wander,
 * impact times, noise seed), so that rendering is a pure function of the perturbation.
 * That is what lets the synthesiser render a clip with and without its anomaly and have
 * everything else identical.
 *
 * <p>Three parts, added: a harmonic series (the rotating or buzzing part), coloured noise
 * (flow, air, rolling), and impacts. The first two together are the continuous sound, which
 * the envelopes switch on and off (a valve's buzz only while it is open).
 */
final class MachinePerformance {

    /** Samples per control block: partial frequencies are held constant within a block (2 ms). */
    static final int BLOCK = 32;

    /** Partials are faded out towards Nyquist so nothing aliases: full below 0.85, none above 0.95 Nyquist. */
    private static final double FADE_FROM = 0.85;
    private static final double FADE_TO = 0.95;

    private final int samples;
    private final int sampleRate;
    private final Tonal tonal;
    private final Noise noise;
    private final List<Impact> impacts;
    private final List<double[]> activeSeconds;

    /**
     * The harmonic series.
     *
     * @param ratios     partial frequencies as multiples of the fundamental
     * @param amplitudes partial amplitudes
     * @param phases     starting phases (2^32 per turn)
     * @param f0Hz       the fundamental per control block of {@link #BLOCK} samples
     * @param envelope   gain per sample, or {@code null} for always on
     */
    record Tonal(double[] ratios, double[] amplitudes, int[] phases, double[] f0Hz, double[] envelope) {
        Tonal {
            if (ratios.length != amplitudes.length || ratios.length != phases.length) {
                throw new IllegalArgumentException("partial arrays differ in length");
            }
        }
    }

    /**
     * The coloured noise: one white stream through each band, summed.
     *
     * @param bands    the parts and their levels
     * @param envelope gain per sample, or {@code null} for always on
     * @param seed     seed of the white stream
     */
    record Noise(List<NoiseBand> bands, double[] envelope, long seed) {
    }

    /**
     * @param activeSeconds the time spans [start, end] in which the continuous sound is on,
     *                      where detuning or modulating it can be heard
     */
    MachinePerformance(int samples, int sampleRate, Tonal tonal, Noise noise, List<Impact> impacts,
                       List<double[]> activeSeconds) {
        this.samples = samples;
        this.sampleRate = sampleRate;
        this.tonal = Objects.requireNonNull(tonal, "tonal");
        this.noise = Objects.requireNonNull(noise, "noise");
        this.impacts = List.copyOf(impacts);
        this.activeSeconds = List.copyOf(activeSeconds);
        if (tonal.f0Hz().length < blocks()) {
            throw new IllegalArgumentException("fundamental track has " + tonal.f0Hz().length
                    + " blocks, needs " + blocks());
        }
    }

    int samples() {
        return samples;
    }

    int sampleRate() {
        return sampleRate;
    }

    List<Impact> impacts() {
        return impacts;
    }

    List<double[]> activeSeconds() {
        return activeSeconds;
    }

    int blocks() {
        return (samples + BLOCK - 1) / BLOCK;
    }

    /** Mean fundamental over the clip. */
    double meanFundamentalHz() {
        double sum = 0;
        int n = blocks();
        for (int b = 0; b < n; b++) {
            sum += tonal.f0Hz()[b];
        }
        return sum / n;
    }

    /**
     * The frequencies spanned by the partials that can be seen (amplitude at least 1 % of the
     * strongest, below the anti-alias fade), at the mean fundamental: {low, high}.
     */
    double[] tonalRangeHz() {
        double f0 = meanFundamentalHz();
        double max = 0;
        for (double a : tonal.amplitudes()) {
            max = Math.max(max, a);
        }
        double low = Double.MAX_VALUE;
        double high = 0;
        for (int p = 0; p < tonal.ratios().length; p++) {
            double f = tonal.ratios()[p] * f0;
            if (tonal.amplitudes()[p] >= 0.01 * max && f < FADE_TO * sampleRate / 2) {
                low = Math.min(low, f);
                high = Math.max(high, f);
            }
        }
        return new double[] {low, high};
    }

    /** The frequencies spanned by the noise bands: {low, high}. */
    double[] noiseRangeHz() {
        double low = Double.MAX_VALUE;
        double high = 0;
        for (NoiseBand b : noise.bands()) {
            switch (b.shape()) {
                case RESONANT -> {
                    low = Math.min(low, b.hz() - b.bandwidthHz());
                    high = Math.max(high, b.hz() + b.bandwidthHz());
                }
                case LOWPASS -> {
                    low = 0;
                    high = Math.max(high, 2 * b.hz());
                }
                case WHITE -> {
                    low = 0;
                    high = sampleRate / 2.0;
                }
            }
        }
        return new double[] {Math.max(0, low), Math.min(sampleRate / 2.0, high)};
    }

    /**
     * The cycles of the fundamental that a detuning of relative size 1 over {@code window}
     * would add: {@code sum over blocks of f0 * weight * block length / rate}. A detuning of
     * {@code N / detuneCycles} adds exactly N cycles to the fundamental and N k cycles to
     * partial k, so after the window every harmonic partial is back on its normal phase and
     * the clip continues exactly as without the anomaly.
     */
    double detuneCycles(EventWindow window) {
        double cycles = 0;
        int blocks = blocks();
        for (int b = 0; b < blocks; b++) {
            int s0 = b * BLOCK;
            int len = Math.min(BLOCK, samples - s0);
            cycles += tonal.f0Hz()[b] * window.weight(s0 + len / 2) * len / sampleRate;
        }
        return cycles;
    }

    /** The machine's sound with the perturbation applied. */
    double[] render(Perturbation p) {
        double[] out = new double[samples];
        addTonal(out, p);
        addNoise(out);
        if (p.modulation() != null) {
            modulate(out, p.modulation(), p.modulationHz(), p.modulationDepth());
        }
        for (int i = 0; i < impacts.size(); i++) {
            Impact impact = impacts.get(i);
            (p.drops(i) ? impact.scaled(p.droppedGain()) : impact).addTo(out, sampleRate);
        }
        for (Impact extra : p.extraImpacts()) {
            extra.addTo(out, sampleRate);
        }
        return out;
    }

    private void addTonal(double[] out, Perturbation p) {
        double[] ratios = tonal.ratios();
        double[] amps = tonal.amplitudes();
        int[] phases = tonal.phases().clone();
        double[] f0 = tonal.f0Hz();
        double[] env = tonal.envelope();
        double[] block = new double[BLOCK];
        double nyquist = sampleRate / 2.0;
        int blocks = blocks();
        for (int b = 0; b < blocks; b++) {
            int s0 = b * BLOCK;
            int len = Math.min(BLOCK, samples - s0);
            double fundamental = f0[b];
            if (p.detune() != null) {
                fundamental *= 1 + p.detuneFraction() * p.detune().weight(s0 + len / 2);
            }
            Arrays.fill(block, 0, len, 0.0);
            for (int k = 0; k < ratios.length; k++) {
                double hz = ratios[k] * fundamental;
                double a = amps[k] * antiAlias(hz / nyquist);
                int inc = SineTable.increment(hz, sampleRate);
                int ph = phases[k];
                if (a != 0) {
                    for (int i = 0; i < len; i++) {
                        ph += inc;
                        block[i] += a * SineTable.sin(ph);
                    }
                } else {
                    ph += inc * len;
                }
                phases[k] = ph;
            }
            if (env == null) {
                for (int i = 0; i < len; i++) {
                    out[s0 + i] += block[i];
                }
            } else {
                for (int i = 0; i < len; i++) {
                    out[s0 + i] += block[i] * env[s0 + i];
                }
            }
        }
    }

    private static double antiAlias(double relativeToNyquist) {
        if (relativeToNyquist <= FADE_FROM) {
            return 1;
        }
        return 1 - SineTable.ramp((relativeToNyquist - FADE_FROM) / (FADE_TO - FADE_FROM));
    }

    private void addNoise(double[] out) {
        List<NoiseBand> bands = noise.bands();
        int n = bands.size();
        Resonator[] res = new Resonator[n];
        double[] lpA = new double[n];
        double[] lpC = new double[n];
        double[] lpY = new double[n];
        double[] rms = new double[n];
        int whiteCount = 0;
        double whiteRms = 0;
        for (int i = 0; i < n; i++) {
            NoiseBand band = bands.get(i);
            rms[i] = band.rms();
            switch (band.shape()) {
                case RESONANT -> res[i] = new Resonator(band.hz(), band.bandwidthHz(), sampleRate);
                case LOWPASS -> {
                    // y = c x + a y1 with c = sqrt(1 - a^2) has unit variance for unit white input
                    lpA[i] = StrictMath.exp(-2 * Math.PI * band.hz() / sampleRate);
                    lpC[i] = Math.sqrt(1 - lpA[i] * lpA[i]);
                }
                case WHITE -> {
                    whiteCount++;
                    whiteRms += band.rms();
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(noise.seed());
        double[] env = noise.envelope();
        // uniform on [-sqrt3, sqrt3) has unit variance; filtering makes it Gaussian enough
        double unit = 2 * Math.sqrt(3);
        for (int s = 0; s < samples; s++) {
            double x = (rnd.nextDouble() - 0.5) * unit;
            double y = whiteCount > 0 ? whiteRms * x : 0;
            for (int i = 0; i < n; i++) {
                if (res[i] != null) {
                    y += rms[i] * res[i].next(x);
                } else if (lpC[i] != 0) {
                    lpY[i] = lpC[i] * x + lpA[i] * lpY[i];
                    y += rms[i] * lpY[i];
                }
            }
            out[s] += env == null ? y : y * env[s];
        }
    }

    private void modulate(double[] out, EventWindow window, double hz, double depth) {
        int inc = SineTable.increment(hz, sampleRate);
        int phase = 0;
        int from = Math.max(0, window.start());
        int to = Math.min(samples, window.end());
        for (int s = from; s < to; s++) {
            phase += inc;
            out[s] *= 1 + depth * window.weight(s) * SineTable.sin(phase);
        }
    }
}
