package io.auscult.data.synth;

import java.util.Arrays;
import java.util.List;

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
 * @param droppedImpacts  indices of the impacts to weaken, ascending (empty for none)
 * @param droppedGain     what is left of each weakened impact's amplitude (0 = gone)
 * @param extraImpacts    impacts to add (empty for none)
 */
record Perturbation(EventWindow detune, double detuneFraction,
                    EventWindow modulation, double modulationHz, double modulationDepth,
                    int[] droppedImpacts, double droppedGain, List<Impact> extraImpacts) {

    static final Perturbation NONE = new Perturbation(null, 0, null, 0, 0, new int[0], 1, List.of());

    Perturbation {
        droppedImpacts = droppedImpacts.clone();
        Arrays.sort(droppedImpacts);
        extraImpacts = List.copyOf(extraImpacts);
    }

    static Perturbation detuned(EventWindow window, double fraction) {
        return new Perturbation(window, fraction, null, 0, 0, new int[0], 1, List.of());
    }

    static Perturbation modulated(EventWindow window, double hz, double depth) {
        return new Perturbation(null, 0, window, hz, depth, new int[0], 1, List.of());
    }

    static Perturbation droppedImpacts(int[] indices, double gain) {
        return new Perturbation(null, 0, null, 0, 0, indices, gain, List.of());
    }

    static Perturbation extraImpacts(List<Impact> impacts) {
        return new Perturbation(null, 0, null, 0, 0, new int[0], 1, impacts);
    }

    /** Whether impact {@code index} is one of those weakened. */
    boolean drops(int index) {
        return Arrays.binarySearch(droppedImpacts, index) >= 0;
    }
}
