package io.auscult.data.synth;

/**
 * How an anomaly changes a machine's own sound (as opposed to anomalies that add a sound of
 * their own). The machine is rendered once with {@link #NONE} and once with the perturbation,
 * from the same random streams, so only the anomaly differs.
 *
 * @param detune          when the harmonic series is detuned, or {@code null}
 * @param detuneFraction  relative frequency change at full weight (0.03 = 3 % higher)
 * @param modulation      when the continuous sound is amplitude-modulated, or {@code null}
 * @param modulationHz    modulation rate
 * @param modulationDepth modulation depth at full weight
 * @param droppedImpact   index of the impact to weaken, or -1
 * @param droppedGain     what is left of the weakened impact's amplitude (0 = gone)
 * @param extraImpact     an impact to add, or {@code null}
 */
record Perturbation(EventWindow detune, double detuneFraction,
                    EventWindow modulation, double modulationHz, double modulationDepth,
                    int droppedImpact, double droppedGain, Impact extraImpact) {

    static final Perturbation NONE = new Perturbation(null, 0, null, 0, 0, -1, 1, null);

    static Perturbation detuned(EventWindow window, double fraction) {
        return new Perturbation(window, fraction, null, 0, 0, -1, 1, null);
    }

    static Perturbation modulated(EventWindow window, double hz, double depth) {
        return new Perturbation(null, 0, window, hz, depth, -1, 1, null);
    }

    static Perturbation droppedImpact(int index, double gain) {
        return new Perturbation(null, 0, null, 0, 0, index, gain, null);
    }

    static Perturbation extraImpact(Impact impact) {
        return new Perturbation(null, 0, null, 0, 0, -1, 1, impact);
    }
}
