package io.auscult.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.auscult.data.Domain;

/**
 * A slide rail: a carriage travels back and forth, with motor hum (louder under load),
 * rolling noise while it moves, and a click from the end stop at each end (the two ends
 * sound different). A brief dwell at each end is quieter.
 */
final class SliderVoice extends MachineVoice {

    private final double motorHz;
    private final double travelSeconds;
    private final double dwellFraction;
    private final double tonalRms;
    private final List<NoiseBand> bands;
    private final double[] ratios;
    private final double[] rolloff;
    private final double[][] clickModes = new double[2][];
    private final double[][] clickDecays = new double[2][];
    private final double[][] clickGains = new double[2][];
    private final double[] clickAmplitude = new double[2];

    SliderVoice(int id, int sampleRate, SplittableRandom character) {
        super(id, sampleRate, character);
        motorHz = uniform(character, 40, 80);
        travelSeconds = uniform(character, 0.8, 1.6);
        dwellFraction = uniform(character, 0.15, 0.3);
        tonalRms = uniform(character, 0.3, 0.45);
        double roll = uniform(character, 1800, 3500);
        double rumble = uniform(character, 600, 1100);
        bands = List.of(
                NoiseBand.resonant(roll, 0.5 * roll, 0.5),
                NoiseBand.resonant(rumble, 0.4 * rumble, 0.35),
                NoiseBand.lowpass(300, 0.25));
        int count = 14;
        ratios = new double[count];
        rolloff = new double[count];
        for (int k = 1; k <= count; k++) {
            ratios[k - 1] = k;
            rolloff[k - 1] = 1.0 / k;
        }
        for (int end = 0; end < 2; end++) {
            clickModes[end] = new double[] {uniform(character, 1500, 2800), uniform(character, 2800, 4500),
                    uniform(character, 4500, 6500)};
            clickDecays[end] = new double[] {uniform(character, 0.015, 0.03), uniform(character, 0.01, 0.02),
                    uniform(character, 0.006, 0.012)};
            clickGains[end] = new double[] {1.0, uniform(character, 0.5, 0.9), uniform(character, 0.3, 0.6)};
            clickAmplitude[end] = uniform(character, 1.0, 1.8);
        }
    }

    @Override
    MachinePerformance perform(Domain domain, int samples, SplittableRandom rnd) {
        double speed = speed(domain, rnd);
        double f0 = motorHz * speed;
        double halfCycle = travelSeconds / speed;
        double dwell = dwellFraction * halfCycle;
        double seconds = samples / (double) sampleRate;
        double[] amps = shapedAmplitudes(ratios, rolloff, f0, resonatorsOf(bands), 0.5, tonalRms);
        double[] track = wanderingFundamental(f0, 0.004, samples, rnd);
        int[] phases = randomPhases(ratios.length, rnd);
        // each half cycle: travel, then hit the end stop and dwell
        double t = -halfCycle * rnd.nextDouble();
        int end = rnd.nextInt(2);
        List<Impact> clicks = new ArrayList<>();
        List<double[]> moving = new ArrayList<>();
        while (t < seconds) {
            double arrive = t + halfCycle - dwell + 0.008 * (2 * rnd.nextDouble() - 1);
            double amplitude = clickAmplitude[end] * (1 + 0.1 * (2 * rnd.nextDouble() - 1));
            long seed = rnd.nextLong();
            moving.add(new double[] {t, arrive});
            if (arrive >= 0 && arrive < seconds) {
                clicks.add(new Impact((int) Math.round(arrive * sampleRate), amplitude, clickModes[end],
                        clickDecays[end], clickGains[end], 4.0, 0.004, seed));
            }
            t += halfCycle;
            end = 1 - end;
        }
        double[] load = gate(samples, moving, 0.5, 1.0, 0.03);
        double[] rolling = gate(samples, moving, 0.12, 1.0, 0.03);
        MachinePerformance.Tonal tonal = new MachinePerformance.Tonal(ratios, amps, phases, track, load);
        MachinePerformance.Noise noise = new MachinePerformance.Noise(bands, rolling, rnd.nextLong());
        return new MachinePerformance(samples, sampleRate, tonal, noise, clicks, wholeClip(samples));
    }
}
