package io.auscult.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.auscult.data.Domain;

/**
 * A fan: the blade-pass frequency (blades x shaft rate) and its harmonics over loud
 * broadband aerodynamic noise shaped by the housing's resonances, with a faint level swing at
 * the shaft rate (residual unbalance). No impacts.
 */
final class FanVoice extends MachineVoice {

    private final double shaftHz;
    private final int blades;
    private final double tonalRms;
    private final List<NoiseBand> bands;
    private final double[] ratios;
    private final double[] rolloff;

    FanVoice(int id, int sampleRate, SplittableRandom character) {
        super(id, sampleRate, character);
        shaftHz = uniform(character, 14, 26);
        blades = 5 + character.nextInt(5);
        tonalRms = uniform(character, 0.8, 1.2);
        double low = uniform(character, 500, 1000);
        double mid = uniform(character, 1400, 2600);
        double high = uniform(character, 3200, 5200);
        bands = List.of(
                NoiseBand.lowpass(uniform(character, 250, 500), 0.35),
                NoiseBand.resonant(low, 0.5 * low, uniform(character, 0.4, 0.7)),
                NoiseBand.resonant(mid, 0.35 * mid, uniform(character, 0.3, 0.6)),
                NoiseBand.resonant(high, 0.3 * high, uniform(character, 0.15, 0.35)),
                NoiseBand.white(0.06));
        // partials as multiples of the shaft rate: shaft 1x and 2x, blade-pass harmonics m*B,
        // and the first sidebands m*B +- 1 that unbalance adds around them
        List<double[]> partials = new ArrayList<>();
        partials.add(new double[] {1, 0.2});
        partials.add(new double[] {2, 0.1});
        double bpf = blades * shaftHz;
        for (int m = 1; m * bpf < 3200; m++) {
            partials.add(new double[] {m * blades, Math.pow(m, -0.8)});
            if (m <= 3) {
                partials.add(new double[] {m * blades - 1, 0.15 * Math.pow(m, -0.8)});
                partials.add(new double[] {m * blades + 1, 0.15 * Math.pow(m, -0.8)});
            }
        }
        ratios = new double[partials.size()];
        rolloff = new double[partials.size()];
        for (int i = 0; i < partials.size(); i++) {
            ratios[i] = partials.get(i)[0];
            rolloff[i] = partials.get(i)[1];
        }
    }

    @Override
    MachinePerformance perform(Domain domain, int samples, SplittableRandom rnd) {
        double speed = speed(domain, rnd);
        double f0 = shaftHz * speed;
        double[] amps = shapedAmplitudes(ratios, rolloff, f0, resonatorsOf(bands), 0.4, tonalRms);
        double[] track = wanderingFundamental(f0, 0.003, samples, rnd);
        int[] phases = randomPhases(ratios.length, rnd);
        double[] swing = periodicEnvelope(samples, f0, 0.06, rnd.nextInt());
        double[] gusts = slowCurve(samples, 1, 0.08, rnd);
        for (int s = 0; s < samples; s++) {
            swing[s] *= 1 + gusts[s];
        }
        MachinePerformance.Tonal tonal = new MachinePerformance.Tonal(ratios, amps, phases, track, null);
        MachinePerformance.Noise noise = new MachinePerformance.Noise(bands, swing, rnd.nextLong());
        return new MachinePerformance(samples, sampleRate, tonal, noise, List.of(), wholeClip(samples));
    }
}
