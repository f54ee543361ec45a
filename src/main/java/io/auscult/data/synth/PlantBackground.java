package io.auscult.data.synth;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.auscult.data.Domain;

/**
 * The factory around the machine: coloured noise (a low rumble falling off towards high
 * frequencies, roughly pink) and the distant hum of the mains with a few harmonics, both
 * slowly wandering in level. The two domains are two plants: 50 Hz mains and a darker noise
 * (source), 60 Hz mains with ventilation hiss (target).
 */
final class PlantBackground {

    private final int sampleRate;

    PlantBackground(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    /** One clip of background, every random choice from {@code rnd}. */
    double[] render(Domain domain, int samples, SplittableRandom rnd) {
        boolean source = domain == Domain.SOURCE;
        double mainsHz = source ? 50 : 60;
        List<NoiseBand> bands = source
                ? List.of(NoiseBand.lowpass(80, 0.35 * vary(rnd)), NoiseBand.lowpass(700, 0.45 * vary(rnd)),
                        NoiseBand.lowpass(3500, 0.22 * vary(rnd)), NoiseBand.white(0.08 * vary(rnd)))
                : List.of(NoiseBand.lowpass(120, 0.4 * vary(rnd)), NoiseBand.lowpass(1200, 0.5 * vary(rnd)),
                        NoiseBand.resonant(2500, 1500, 0.3 * vary(rnd)), NoiseBand.white(0.14 * vary(rnd)));
        double[] ratios = {1, 2, 3, 4, 5};
        double[] amps = {0.25, 0.12, 0.07, 0.03, 0.03};
        for (int i = 0; i < amps.length; i++) {
            amps[i] *= vary(rnd);
        }
        int[] phases = new int[ratios.length];
        for (int i = 0; i < phases.length; i++) {
            phases[i] = rnd.nextInt();
        }
        int blocks = (samples + MachinePerformance.BLOCK - 1) / MachinePerformance.BLOCK;
        double[] f0 = new double[blocks];
        Arrays.fill(f0, mainsHz * (1 + 0.002 * (2 * rnd.nextDouble() - 1)));
        double[] humLevel = slowLevel(samples, 0.3, rnd);
        double[] noiseLevel = slowLevel(samples, 0.15, rnd);
        MachinePerformance hum = new MachinePerformance(samples, sampleRate,
                new MachinePerformance.Tonal(ratios, amps, phases, f0, humLevel),
                new MachinePerformance.Noise(bands, noiseLevel, rnd.nextLong()),
                List.of(), List.of());
        return hum.render(Perturbation.NONE);
    }

    /** A level factor 1 + w(t), w wandering smoothly within +-depth over about a second. */
    private double[] slowLevel(int samples, double depth, SplittableRandom rnd) {
        int knot = sampleRate;
        int knots = samples / knot + 2;
        double[] k = new double[knots];
        for (int i = 0; i < knots; i++) {
            k[i] = depth * (2 * rnd.nextDouble() - 1);
        }
        double[] level = new double[samples];
        for (int s = 0; s < samples; s++) {
            int i = s / knot;
            double w = SineTable.ramp((s - i * knot) / (double) knot);
            level[s] = 1 + k[i] + w * (k[i + 1] - k[i]);
        }
        return level;
    }

    /** A per-clip level spread of the background's parts: 0.8 to 1.25 times. */
    private static double vary(SplittableRandom rnd) {
        return 0.8 * StrictMath.pow(1.25 / 0.8, rnd.nextDouble());
    }
}
