package io.auscult.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.auscult.data.Domain;

/**
 * A solenoid valve cycling: an opening click, the coil's buzz (a rich harmonic series, odd
 * harmonics stronger) and a faint flow hiss while open, a louder closing click, then silence
 * until the next cycle. The buzz is tied to the mains: the target plant's 60 Hz mains raise it
 * by 6/5 over the source plant's 50 Hz, while the target speed changes the cycle rate.
 */
final class ValveVoice extends MachineVoice {

    private final double buzzHz;
    private final double cycleSeconds;
    private final double openFraction;
    private final double tonalRms;
    private final List<NoiseBand> bands;
    private final List<Resonator> bodies;
    private final double[] ratios;
    private final double[] rolloff;
    private final double[][] clickModes = new double[2][];
    private final double[][] clickDecays = new double[2][];
    private final double[][] clickGains = new double[2][];
    private final double[] clickAmplitude = new double[2];

    ValveVoice(int id, int sampleRate, SplittableRandom character) {
        super(id, sampleRate, character);
        buzzHz = uniform(character, 95, 125);
        cycleSeconds = uniform(character, 1.1, 2.0);
        openFraction = uniform(character, 0.25, 0.45);
        tonalRms = uniform(character, 0.35, 0.5);
        double body1 = uniform(character, 300, 700);
        double body2 = uniform(character, 1000, 2200);
        bodies = List.of(new Resonator(body1, 0.5 * body1, sampleRate),
                new Resonator(body2, 0.4 * body2, sampleRate));
        double hiss = uniform(character, 2500, 5000);
        bands = List.of(NoiseBand.resonant(hiss, 0.5 * hiss, 0.18), NoiseBand.white(0.03));
        int count = 20;
        ratios = new double[count];
        rolloff = new double[count];
        for (int k = 1; k <= count; k++) {
            ratios[k - 1] = k;
            rolloff[k - 1] = (k % 2 == 1 ? 1.0 : 0.5) * Math.pow(k, -0.9);
        }
        // 0 = opening click, 1 = closing click (louder, lower)
        clickModes[0] = new double[] {uniform(character, 800, 2000), uniform(character, 2500, 4500)};
        clickModes[1] = new double[] {uniform(character, 600, 1500), uniform(character, 3000, 6000)};
        for (int c = 0; c < 2; c++) {
            clickDecays[c] = new double[] {uniform(character, 0.008, 0.015), uniform(character, 0.005, 0.01)};
            clickGains[c] = new double[] {1.0, uniform(character, 0.4, 0.8)};
        }
        clickAmplitude[0] = uniform(character, 1.5, 2.2);
        clickAmplitude[1] = uniform(character, 2.2, 3.2);
    }

    @Override
    MachinePerformance perform(Domain domain, int samples, SplittableRandom rnd) {
        double speed = speed(domain, rnd);
        double cycle = cycleSeconds / speed;
        double open = openFraction * cycle;
        double seconds = samples / (double) sampleRate;
        double buzz = domain == Domain.TARGET ? buzzHz * 60 / 50 : buzzHz;
        double[] amps = shapedAmplitudes(ratios, rolloff, buzz, bodies, 0.3, tonalRms);
        double[] track = wanderingFundamental(buzz, 0.001, samples, rnd);
        int[] phases = randomPhases(ratios.length, rnd);
        double t = -cycle * rnd.nextDouble();
        List<Impact> clicks = new ArrayList<>();
        List<double[]> openSpans = new ArrayList<>();
        while (t < seconds) {
            double opens = t + 0.01 * (2 * rnd.nextDouble() - 1);
            double closes = opens + open + 0.005 * (2 * rnd.nextDouble() - 1);
            double[] amplitude = {clickAmplitude[0] * (1 + 0.1 * (2 * rnd.nextDouble() - 1)),
                    clickAmplitude[1] * (1 + 0.1 * (2 * rnd.nextDouble() - 1))};
            long[] seed = {rnd.nextLong(), rnd.nextLong()};
            double[] at = {opens, closes};
            for (int c = 0; c < 2; c++) {
                if (at[c] >= 0 && at[c] < seconds) {
                    clicks.add(new Impact((int) Math.round(at[c] * sampleRate), amplitude[c], clickModes[c],
                            clickDecays[c], clickGains[c], 3.0, 0.003, seed[c]));
                }
            }
            if (closes > 0 && opens < seconds) {
                openSpans.add(new double[] {Math.max(0, opens), Math.min(seconds, closes)});
            }
            t += cycle;
        }
        double[] energised = gate(samples, openSpans, 0.0, 1.0, 0.006);
        MachinePerformance.Tonal tonal = new MachinePerformance.Tonal(ratios, amps, phases, track, energised);
        MachinePerformance.Noise noise = new MachinePerformance.Noise(bands, energised, rnd.nextLong());
        return new MachinePerformance(samples, sampleRate, tonal, noise, clicks, openSpans);
    }
}
