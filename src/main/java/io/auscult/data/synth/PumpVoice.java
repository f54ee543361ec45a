package io.auscult.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.auscult.data.Domain;

/**
 * A pump: a low, dense harmonic series of the motor, periodic pressure pulses locked to the
 * rotation (a low thump with a little contact noise each stroke) that also make the tonal and
 * flow sound swell, and low-passed flow noise with a faint cavitation hiss.
 */
final class PumpVoice extends MachineVoice {

    private final double motorHz;
    private final int revolutionsPerPulse;
    private final double tonalRms;
    private final List<NoiseBand> bands;
    private final List<Resonator> bodies;
    private final double[] ratios;
    private final double[] rolloff;
    private final double[] pulseModes;
    private final double[] pulseDecays;
    private final double[] pulseGains;
    private final double pulseAmplitude;

    PumpVoice(int id, int sampleRate, SplittableRandom character) {
        super(id, sampleRate, character);
        motorHz = uniform(character, 45, 75);
        // 2.5 to 6 pulses per second, locked to the shaft
        revolutionsPerPulse = Math.max(6, (int) Math.round(motorHz / uniform(character, 2.5, 6)));
        tonalRms = uniform(character, 0.6, 0.9);
        double body1 = uniform(character, 150, 400);
        double body2 = uniform(character, 600, 1300);
        bodies = List.of(new Resonator(body1, 0.4 * body1, sampleRate),
                new Resonator(body2, 0.3 * body2, sampleRate));
        bands = List.of(
                NoiseBand.lowpass(uniform(character, 500, 900), 0.3),
                NoiseBand.resonant(body2, 0.3 * body2, 0.2),
                NoiseBand.resonant(uniform(character, 1500, 2800), 700, 0.12),
                NoiseBand.white(0.02));
        int count = Math.min(24, (int) (2000 / motorHz));
        ratios = new double[count];
        rolloff = new double[count];
        for (int k = 1; k <= count; k++) {
            ratios[k - 1] = k;
            rolloff[k - 1] = Math.pow(k, -0.6);
        }
        pulseModes = new double[] {uniform(character, 100, 200), uniform(character, 300, 600),
                uniform(character, 800, 1500), uniform(character, 1800, 3000)};
        pulseDecays = new double[] {uniform(character, 0.04, 0.07), uniform(character, 0.025, 0.045),
                uniform(character, 0.015, 0.03), uniform(character, 0.008, 0.015)};
        pulseGains = new double[] {1.0, 0.7, 0.5, 0.3};
        pulseAmplitude = uniform(character, 2.0, 3.0);
    }

    @Override
    MachinePerformance perform(Domain domain, int samples, SplittableRandom rnd) {
        double speed = speed(domain, rnd);
        double f0 = motorHz * speed;
        double[] amps = shapedAmplitudes(ratios, rolloff, f0, bodies, 0.3, tonalRms);
        double[] track = wanderingFundamental(f0, 0.003, samples, rnd);
        int[] phases = randomPhases(ratios.length, rnd);
        double period = revolutionsPerPulse / f0;
        double t = period * rnd.nextDouble();
        List<Impact> pulses = new ArrayList<>();
        double seconds = samples / (double) sampleRate;
        while (t < seconds) {
            double jitter = 0.003 * (2 * rnd.nextDouble() - 1);
            double amplitude = pulseAmplitude * (1 + 0.08 * (2 * rnd.nextDouble() - 1));
            int at = (int) Math.round(Math.max(0, t + jitter) * sampleRate);
            pulses.add(new Impact(at, amplitude, pulseModes, pulseDecays, pulseGains, 0.8, 0.012,
                    rnd.nextLong()));
            t += period;
        }
        double[] swell = pulseEnvelope(samples, pulses, 0.3, 0.06);
        double[] flow = pulseEnvelope(samples, pulses, 0.5, 0.08);
        MachinePerformance.Tonal tonal = new MachinePerformance.Tonal(ratios, amps, phases, track, swell);
        MachinePerformance.Noise noise = new MachinePerformance.Noise(bands, flow, rnd.nextLong());
        return new MachinePerformance(samples, sampleRate, tonal, noise, pulses, wholeClip(samples));
    }
}
