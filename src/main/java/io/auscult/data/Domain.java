package io.auscult.data;

import java.util.Locale;
import java.util.Optional;

/**
 * The acoustic domain of a recording, as DCASE 2021 and later name it: the conditions the
 * model was mostly trained on (source) or the shifted conditions with few examples (target).
 */
public enum Domain {
    SOURCE, TARGET, UNKNOWN;

    /** The lower-case word used in DCASE file names and in lists ("source", "target", "unknown"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads "source", "target" or "unknown" in any case; anything else is empty. */
    public static Optional<Domain> parse(String word) {
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "source" -> Optional.of(SOURCE);
            case "target" -> Optional.of(TARGET);
            case "unknown" -> Optional.of(UNKNOWN);
            default -> Optional.empty();
        };
    }
}
