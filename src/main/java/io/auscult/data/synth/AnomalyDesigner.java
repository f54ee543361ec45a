package io.auscult.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Places one anomaly of a given kind in a machine's performance: when, at what frequencies,
 * how strong, all drawn from the clip's anomaly stream. The ranges below were chosen by
 * looking at the log-mels: the weakest anomalies change a few bins by just over the mask
 * threshold, the strongest are plain to see, and a typical mask covers a few percent of the
 * grid.
 */
final class AnomalyDesigner {

    /** Anomalies stay this far from the clip's ends, so no fade is cut off. */
    private static final double MARGIN_SECONDS = 0.15;
    /** Longest share of the clip one anomaly may take. */
    private static final double MAX_SHARE = 0.4;

    private final int sampleRate;

    /**
     * A placed anomaly.
     *
     * @param event        what was placed (for additive kinds the strength is the target
     *                     contrast; the synthesiser scales {@code addition} to reach it)
     * @param perturbation how the machine's own sound changes ({@link Perturbation#NONE} for
     *                     additive kinds)
     * @param addition     the sound added on top, unscaled, or {@code null}
     */
    record Placed(AnomalyEvent event, Perturbation perturbation, double[] addition) {
    }

    AnomalyDesigner(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    Placed place(AnomalyKind kind, MachinePerformance machine, SplittableRandom rnd) {
        return place(kind, AnomalyExtent.EVENT, machine, rnd);
    }

    /** Places a fault of the given kind and extent; {@link AnomalyExtent#EVENT} draws exactly as it always did. */
    Placed place(AnomalyKind kind, AnomalyExtent extent, MachinePerformance machine, SplittableRandom rnd) {
        if (extent == AnomalyExtent.PERSISTENT) {
            return switch (kind) {
                case BEARING_WHINE -> persistentWhine(machine.samples(), rnd);
                case BROADBAND_BURST -> recurringBursts(machine.samples(), rnd);
                case HARMONIC_SHIFT -> persistentShift(machine, rnd);
                case MODULATION_CHANGE -> persistentModulation(machine, rnd);
                case MISSING_IMPACT -> missingImpacts(machine, rnd);
                case EXTRA_IMPACT -> extraImpacts(machine, rnd);
            };
        }
        return switch (kind) {
            case BEARING_WHINE -> whine(machine.samples(), rnd);
            case BROADBAND_BURST -> burst(machine.samples(), rnd);
            case HARMONIC_SHIFT -> harmonicShift(machine, rnd);
            case MODULATION_CHANGE -> modulation(machine, rnd);
            case MISSING_IMPACT -> missingImpact(machine, rnd);
            case EXTRA_IMPACT -> extraImpact(machine, rnd);
        };
    }

    /** A narrow tone from 1.2 to 6.5 kHz, 2 to 5 s, half of them gliding up to +-8 %. */
    private Placed whine(int samples, SplittableRandom rnd) {
        double seconds = samples / (double) sampleRate;
        double duration = capped(uniform(rnd, 2.0, 5.0), seconds);
        double start = uniform(rnd, MARGIN_SECONDS, seconds - MARGIN_SECONDS - duration);
        double f1 = logUniform(rnd, 1200, 6500);
        double glide = rnd.nextBoolean() ? 0 : uniform(rnd, -0.08, 0.08);
        double f2 = f1 * (1 + glide);
        double strength = uniform(rnd, 3, 15);
        int from = (int) Math.round(start * sampleRate);
        int to = Math.min(samples, from + (int) Math.round(duration * sampleRate));
        return whine(samples, from, to, f1, f2, strength, rnd);
    }

    /** A tone gliding from f1 to f2 between samples {@code from} and {@code to}, as a bearing whine. */
    private Placed whine(int samples, int from, int to, double f1, double f2, double strength, SplittableRandom rnd) {
        double[] tone = tone(samples, from, to, f1, f2, rnd);
        AnomalyEvent event = new AnomalyEvent(AnomalyKind.BEARING_WHINE, from / (double) sampleRate,
                to / (double) sampleRate, Math.min(f1, f2), Math.max(f1, f2), strength);
        return new Placed(event, Perturbation.NONE, tone);
    }

    /** Band noise 0.1 to 0.7 s long, from 250..1500 Hz up to 3..8 times that. */
    private Placed burst(int samples, SplittableRandom rnd) {
        double seconds = samples / (double) sampleRate;
        double duration = capped(uniform(rnd, 0.1, 0.7), seconds);
        double start = uniform(rnd, MARGIN_SECONDS, seconds - MARGIN_SECONDS - duration);
        double low = logUniform(rnd, 250, 1500);
        double high = Math.min(7500, low * uniform(rnd, 3, 8));
        double strength = uniform(rnd, 2, 14);
        int from = (int) Math.round(start * sampleRate);
        int to = Math.min(samples, from + (int) Math.round(duration * sampleRate));
        double[] out = new double[samples];
        addBurst(out, from, to, Math.sqrt(low * high), high - low, rnd.nextLong());
        AnomalyEvent event = new AnomalyEvent(AnomalyKind.BROADBAND_BURST, from / (double) sampleRate,
                to / (double) sampleRate, low, high, strength);
        return new Placed(event, Perturbation.NONE, out);
    }

    /** The harmonic series about 1.5 to 6 % off, up or down, for 1 to 3.5 s of active sound. */
    private Placed harmonicShift(MachinePerformance machine, SplittableRandom rnd) {
        EventWindow window = windowInActiveSound(machine, uniform(rnd, 1.0, 3.5), rnd);
        double wanted = uniform(rnd, 0.015, 0.06);
        // round to a whole number of extra fundamental cycles, so the phases of all (integer)
        // partials come back to normal after the window and only the window differs
        double perUnit = machine.detuneCycles(window);
        double fraction = (rnd.nextBoolean() ? 1 : -1) * Math.max(1, Math.rint(wanted * perUnit)) / perUnit;
        return shifted(machine, window, fraction);
    }

    /** The harmonic series detuned by {@code fraction} over {@code window}, with the band it spans. */
    private Placed shifted(MachinePerformance machine, EventWindow window, double fraction) {
        double[] range = machine.tonalRangeHz();
        double low = range[0] * Math.min(1, 1 + fraction);
        double high = range[1] * Math.max(1, 1 + fraction);
        AnomalyEvent event = new AnomalyEvent(AnomalyKind.HARMONIC_SHIFT, window.start() / (double) sampleRate,
                window.end() / (double) sampleRate, low, high, fraction);
        return new Placed(event, Perturbation.detuned(window, fraction), null);
    }

    /** Amplitude modulation at 3 to 12 Hz, depth 0.3 to 0.85, for 0.8 to 2.5 s of active sound. */
    private Placed modulation(MachinePerformance machine, SplittableRandom rnd) {
        return modulatedOver(windowInActiveSound(machine, uniform(rnd, 0.8, 2.5), rnd), machine, rnd);
    }

    /** Amplitude modulation at 3 to 12 Hz, depth 0.3 to 0.85, over {@code window}. */
    private Placed modulatedOver(EventWindow window, MachinePerformance machine, SplittableRandom rnd) {
        double hz = uniform(rnd, 3, 12);
        double depth = uniform(rnd, 0.3, 0.85);
        double[] tonal = machine.tonalRangeHz();
        double[] noise = machine.noiseRangeHz();
        AnomalyEvent event = new AnomalyEvent(AnomalyKind.MODULATION_CHANGE, window.start() / (double) sampleRate,
                window.end() / (double) sampleRate, Math.min(tonal[0], noise[0]), Math.max(tonal[1], noise[1]),
                depth);
        return new Placed(event, Perturbation.modulated(window, hz, depth), null);
    }

    /** One impact left out or weakened to at most 30 % of its amplitude. */
    private Placed missingImpact(MachinePerformance machine, SplittableRandom rnd) {
        List<Impact> impacts = machine.impacts();
        List<Integer> candidates = impactsInside(machine);
        if (candidates.isEmpty()) {
            throw new IllegalStateException("the machine made no impact to leave out");
        }
        int index = candidates.get(rnd.nextInt(candidates.size()));
        double left = uniform(rnd, 0, 0.3);
        Impact impact = impacts.get(index);
        return new Placed(impactEvent(AnomalyKind.MISSING_IMPACT, impact, machine.samples(), 1 - left),
                Perturbation.droppedImpacts(new int[] {index}, left), null);
    }

    /** An impact like one of the machine's own, 0.35 to 1.1 times as strong, where it makes none. */
    private Placed extraImpact(MachinePerformance machine, SplittableRandom rnd) {
        List<Impact> impacts = machine.impacts();
        if (impacts.isEmpty()) {
            throw new IllegalStateException("the machine makes no impacts to copy");
        }
        Impact template = impacts.get(rnd.nextInt(impacts.size()));
        double seconds = machine.samples() / (double) sampleRate;
        double at = uniform(rnd, 0.3, seconds - 0.4);
        // prefer a moment away from the machine's own impacts; take the last draw if none is clear
        for (int attempt = 0; attempt < 20 && nearImpact(at, impacts, 0.08); attempt++) {
            at = uniform(rnd, 0.3, seconds - 0.4);
        }
        double relative = uniform(rnd, 0.35, 1.1);
        Impact extra = template.movedTo((int) Math.round(at * sampleRate), template.amplitude() * relative,
                rnd.nextLong());
        return new Placed(impactEvent(AnomalyKind.EXTRA_IMPACT, extra, machine.samples(), relative),
                Perturbation.extraImpacts(List.of(extra)), null);
    }

    private AnomalyEvent impactEvent(AnomalyKind kind, Impact impact, int samples, double strength) {
        int end = Math.min(samples, impact.startSample() + impact.lengthSamples(sampleRate));
        // the contact click is white noise, so a clicking impact spans the whole band
        boolean click = impact.clickGain() > 0;
        double low = click ? 0 : impact.lowestModeHz();
        double high = click ? sampleRate / 2.0 : impact.highestModeHz();
        return new AnomalyEvent(kind, impact.startSample() / (double) sampleRate, end / (double) sampleRate,
                low, high, strength);
    }

    /** Indices of the impacts far enough from the clip's ends to be left out audibly. */
    private List<Integer> impactsInside(MachinePerformance machine) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < machine.impacts().size(); i++) {
            if (inside(machine.impacts().get(i), machine.samples())) {
                out.add(i);
            }
        }
        return out;
    }

    private boolean inside(Impact impact, int samples) {
        double t = impact.startSample() / (double) sampleRate;
        return t >= 0.2 && t <= samples / (double) sampleRate - 0.3;
    }

    private boolean nearImpact(double seconds, List<Impact> impacts, double distance) {
        for (Impact i : impacts) {
            if (Math.abs(i.startSample() / (double) sampleRate - seconds) < distance) {
                return true;
            }
        }
        return false;
    }

    /**
     * A worn bearing: the whine of {@link #whine} for the whole clip (fading in and out at its
     * ends), its frequency drifting by up to +-3 % over the clip.
     */
    private Placed persistentWhine(int samples, SplittableRandom rnd) {
        int from = (int) Math.round(MARGIN_SECONDS * sampleRate);
        int to = samples - from;
        double f1 = logUniform(rnd, 1200, 6500);
        double f2 = f1 * (1 + uniform(rnd, -0.03, 0.03));
        double strength = uniform(rnd, 3, 15);
        return whine(samples, from, to, f1, f2, strength, rnd);
    }

    /**
     * A loose part rattling: bursts of one band (as {@link #burst}), 0.1 to 0.4 s long, every
     * 0.6 to 2 s through the clip.
     */
    private Placed recurringBursts(int samples, SplittableRandom rnd) {
        double seconds = samples / (double) sampleRate;
        double low = logUniform(rnd, 250, 1500);
        double high = Math.min(7500, low * uniform(rnd, 3, 8));
        double strength = uniform(rnd, 2, 14);
        double centre = Math.sqrt(low * high);
        double[] out = new double[samples];
        double start = MARGIN_SECONDS + uniform(rnd, 0, 1.0);
        double first = -1;
        double last = 0;
        while (true) {
            double duration = uniform(rnd, 0.1, 0.4);
            if (start + duration > seconds - MARGIN_SECONDS) {
                break;
            }
            int from = (int) Math.round(start * sampleRate);
            int to = from + (int) Math.round(duration * sampleRate);
            addBurst(out, from, to, centre, high - low, rnd.nextLong());
            first = first < 0 ? from / (double) sampleRate : first;
            last = to / (double) sampleRate;
            start += duration + uniform(rnd, 0.6, 2.0);
        }
        AnomalyEvent event = new AnomalyEvent(AnomalyKind.BROADBAND_BURST, first, last, low, high, strength);
        return new Placed(event, Perturbation.NONE, out);
    }

    /**
     * A tone over [from, to) gliding from f1 to f2, with 0.15-s fades and a 3-7 Hz wobble of
     * +-15 % in level (a bearing's whine wavers a little); draws its phase and wobble from rnd.
     */
    private double[] tone(int samples, int from, int to, double f1, double f2, SplittableRandom rnd) {
        EventWindow fade = new EventWindow(from, to, (int) Math.round(0.15 * sampleRate));
        double[] tone = new double[samples];
        int phase = rnd.nextInt();
        double wobbleHz = uniform(rnd, 3, 7);
        int wobblePhase = 0;
        int wobbleInc = SineTable.increment(wobbleHz, sampleRate);
        for (int s = from; s < to; s++) {
            double x = (s - from) / (double) (to - from);
            double hz = f1 + (f2 - f1) * x;
            phase += SineTable.increment(hz, sampleRate);
            wobblePhase += wobbleInc;
            tone[s] = fade.weight(s) * (1 + 0.15 * SineTable.sin(wobblePhase)) * SineTable.sin(phase);
        }
        return tone;
    }

    /**
     * Adds band noise over [from, to): white noise through two resonators in cascade (a band with
     * 12 dB per octave skirts, -3 dB near its edges), a 4-ms attack and a release over the last 30 %.
     */
    private void addBurst(double[] out, int from, int to, double centre, double bandwidth, long seed) {
        int attack = (int) Math.round(0.004 * sampleRate);
        int release = Math.max(1, (int) Math.round(0.3 * (to - from)));
        Resonator first = new Resonator(centre, bandwidth, sampleRate);
        Resonator second = new Resonator(centre, bandwidth, sampleRate);
        SplittableRandom noise = new SplittableRandom(seed);
        for (int s = from; s < to; s++) {
            double x = 2 * noise.nextDouble() - 1;
            double w = SineTable.ramp((s - from) / (double) attack) * SineTable.ramp((to - s) / (double) release);
            out[s] += w * second.next(first.next(x));
        }
    }

    /** A machine running off its normal speed: the harmonic series 1.5 to 6 % off for the whole clip. */
    private Placed persistentShift(MachinePerformance machine, SplittableRandom rnd) {
        EventWindow window = wholeClip(machine.samples());
        double fraction = (rnd.nextBoolean() ? 1 : -1) * uniform(rnd, 0.015, 0.06);
        return shifted(machine, window, fraction);
    }

    /** An unbalanced or loose rotor: amplitude modulation (as {@link #modulation}) for the whole clip. */
    private Placed persistentModulation(MachinePerformance machine, SplittableRandom rnd) {
        return modulatedOver(wholeClip(machine.samples()), machine, rnd);
    }

    /**
     * A worn cam or a sticking valve: each impact in the clip is weakened to at most 30 % of its
     * amplitude with a probability of 0.3 to 0.7 (at least one).
     */
    private Placed missingImpacts(MachinePerformance machine, SplittableRandom rnd) {
        List<Impact> impacts = machine.impacts();
        List<Integer> candidates = impactsInside(machine);
        if (candidates.isEmpty()) {
            throw new IllegalStateException("the machine made no impact to leave out");
        }
        double share = uniform(rnd, 0.3, 0.7);
        double left = uniform(rnd, 0, 0.3);
        List<Integer> chosen = new ArrayList<>();
        for (int index : candidates) {
            if (rnd.nextDouble() < share) {
                chosen.add(index);
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(candidates.get(rnd.nextInt(candidates.size())));
        }
        Impact firstDropped = impacts.get(chosen.get(0));
        Impact lastDropped = impacts.get(chosen.get(chosen.size() - 1));
        AnomalyEvent first = impactEvent(AnomalyKind.MISSING_IMPACT, firstDropped, machine.samples(), 1 - left);
        AnomalyEvent last = impactEvent(AnomalyKind.MISSING_IMPACT, lastDropped, machine.samples(), 1 - left);
        return new Placed(spanning(first, last), Perturbation.droppedImpacts(
                chosen.stream().mapToInt(Integer::intValue).toArray(), left), null);
    }

    /**
     * A loose part knocking: impacts like one of the machine's own, 0.35 to 1.1 times as strong
     * (+-10 % each), every 0.6 to 1.6 s, each away from the machine's own impacts where possible.
     */
    private Placed extraImpacts(MachinePerformance machine, SplittableRandom rnd) {
        List<Impact> impacts = machine.impacts();
        if (impacts.isEmpty()) {
            throw new IllegalStateException("the machine makes no impacts to copy");
        }
        Impact template = impacts.get(rnd.nextInt(impacts.size()));
        double seconds = machine.samples() / (double) sampleRate;
        double relative = uniform(rnd, 0.35, 1.1);
        List<Impact> extras = new ArrayList<>();
        double at = 0.3 + uniform(rnd, 0, 0.8);
        while (at <= seconds - 0.4) {
            double when = at;
            for (int attempt = 0; attempt < 20 && nearImpact(when, impacts, 0.08); attempt++) {
                when = Math.min(seconds - 0.4, at + uniform(rnd, -0.25, 0.25));
            }
            extras.add(template.movedTo((int) Math.round(when * sampleRate),
                    template.amplitude() * relative * uniform(rnd, 0.9, 1.1), rnd.nextLong()));
            at += uniform(rnd, 0.6, 1.6);
        }
        AnomalyEvent first = impactEvent(AnomalyKind.EXTRA_IMPACT, extras.get(0), machine.samples(), relative);
        AnomalyEvent last = impactEvent(AnomalyKind.EXTRA_IMPACT, extras.get(extras.size() - 1), machine.samples(),
                relative);
        return new Placed(spanning(first, last), Perturbation.extraImpacts(extras), null);
    }

    /** From the start of {@code first} to the end of {@code last}, over both their bands. */
    private static AnomalyEvent spanning(AnomalyEvent first, AnomalyEvent last) {
        return new AnomalyEvent(first.kind(), first.startSeconds(), last.endSeconds(),
                Math.min(first.lowHz(), last.lowHz()), Math.max(first.highHz(), last.highHz()), first.strength());
    }

    /** The clip but its margins, with the usual 0.15-s fades. */
    private EventWindow wholeClip(int samples) {
        int from = (int) Math.round(MARGIN_SECONDS * sampleRate);
        return new EventWindow(from, samples - from, (int) Math.round(0.15 * sampleRate));
    }

    /**
     * A window of about {@code duration} centred somewhere in the machine's active sound
     * (a valve only buzzes while open), clipped to the clip with a margin.
     */
    private EventWindow windowInActiveSound(MachinePerformance machine, double duration, SplittableRandom rnd) {
        double seconds = machine.samples() / (double) sampleRate;
        duration = capped(duration, seconds);
        List<double[]> spans = machine.activeSeconds();
        double total = 0;
        for (double[] s : spans) {
            total += s[1] - s[0];
        }
        double centre;
        if (total <= 0) {
            centre = uniform(rnd, 0, seconds);
        } else {
            double pick = total * rnd.nextDouble();
            centre = spans.get(spans.size() - 1)[1];
            for (double[] s : spans) {
                if (pick < s[1] - s[0]) {
                    centre = s[0] + pick;
                    break;
                }
                pick -= s[1] - s[0];
            }
        }
        double start = Math.max(MARGIN_SECONDS, Math.min(centre - duration / 2, seconds - MARGIN_SECONDS - duration));
        int from = (int) Math.round(start * sampleRate);
        int to = from + (int) Math.round(duration * sampleRate);
        int fade = (int) Math.round(Math.min(0.15, duration / 4) * sampleRate);
        return new EventWindow(from, to, fade);
    }

    private static double capped(double duration, double seconds) {
        return Math.min(duration, MAX_SHARE * seconds);
    }

    private static double uniform(SplittableRandom rnd, double low, double high) {
        return low + (high - low) * rnd.nextDouble();
    }

    private static double logUniform(SplittableRandom rnd, double low, double high) {
        return low * StrictMath.pow(high / low, rnd.nextDouble());
    }
}
