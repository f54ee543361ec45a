package io.auscult.data;

import java.util.Locale;
import java.util.Optional;

/**
 * The ground truth of a recording: a machine sounding normal, an anomaly, or not known (the
 * unlabelled test files of DCASE evaluation sets, plain folders).
 */
public enum Condition {
    NORMAL, ANOMALY, UNKNOWN;

    /** The lower-case word used in reports ("normal", "anomaly", "unknown"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads "normal", "anomaly", "abnormal" (MIMII's word) or "unknown" in any case; anything
     * else is empty.
     */
    public static Optional<Condition> parse(String word) {
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "normal" -> Optional.of(NORMAL);
            case "anomaly", "abnormal" -> Optional.of(ANOMALY);
            case "unknown" -> Optional.of(UNKNOWN);
            default -> Optional.empty();
        };
    }
}
