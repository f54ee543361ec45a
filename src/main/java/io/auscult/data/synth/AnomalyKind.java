package io.auscult.data.synth;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of anomaly the synthesiser can place in a clip, each with what its
 * {@link AnomalyEvent#strength() strength} means.
 */
public enum AnomalyKind {

    /** A narrow tone (a worn bearing), possibly gliding slowly; tonal. */
    BEARING_WHINE("dB of the added tone above the normal sound in its bins (median)", true),
    /** The machine's harmonic series detuned for a while (speed or load change); tonal. */
    HARMONIC_SHIFT("relative detuning of the harmonic series (0.03 = 3 % higher)", true),
    /** One of the machine's regular impacts (clicks, pulses) missing or much weaker. */
    MISSING_IMPACT("fraction of the impact's amplitude removed (1 = gone)", false),
    /** An impact where the machine makes none (a loose part, a double stroke). */
    EXTRA_IMPACT("amplitude of the extra impact relative to the machine's own impact", false),
    /** A short broadband noise burst (a rattle, a scrape). */
    BROADBAND_BURST("dB of the burst above the normal sound in its bins (median)", false),
    /** The machine's continuous sound amplitude-modulated for a while (unbalance, looseness). */
    MODULATION_CHANGE("modulation depth (0.5 = level swings between 0.5 and 1.5 times)", false);

    private final String strengthMeaning;
    private final boolean tonal;

    AnomalyKind(String strengthMeaning, boolean tonal) {
        this.strengthMeaning = strengthMeaning;
        this.tonal = tonal;
    }

    /** What the event's strength number measures, in words. */
    public String strengthMeaning() {
        return strengthMeaning;
    }

    /** Whether the anomaly sits at known frequencies (its mask lies inside its frequency range). */
    public boolean tonal() {
        return tonal;
    }

    /** The lower-case word used in manifests and on the command line ("bearing_whine"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a word as {@link #word()} gives it, in any case (dashes allowed); anything else is empty. */
    public static Optional<AnomalyKind> parse(String word) {
        String w = word.trim().replace('-', '_');
        for (AnomalyKind k : values()) {
            if (k.word().equalsIgnoreCase(w)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
