package io.auscult.data.synth;

import java.util.Locale;
import java.util.Optional;

/**
 * How much of an anomalous clip its fault occupies.
 *
 * <p>{@link #EVENT} places one event, a tenth of a second to a few seconds long: what the
 * localisation metrics want, since the mask is then a small region to find. {@link #PERSISTENT}
 * is how the anomalous recordings of DCASE and MIMII were made: a damaged machine recorded
 * while it runs, so its fault sounds throughout the clip (a worn bearing whines all the time, a
 * dented rail knocks on every pass, a loose part rattles again and again). Detection benchmarks
 * that are to be compared with DCASE figures use it.
 */
public enum AnomalyExtent {

    /** One event somewhere in the clip (the default, and the demo's). */
    EVENT("event"),
    /** The fault for the whole clip: continuous kinds span it, impact kinds recur. */
    PERSISTENT("persistent");

    private final String word;

    AnomalyExtent(String word) {
        this.word = word;
    }

    /** The name used on the command line and in manifests. */
    public String word() {
        return word;
    }

    /** The extent named {@code text} (case-insensitive), or empty. */
    public static Optional<AnomalyExtent> parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (AnomalyExtent e : values()) {
            if (e.word.equals(t)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
