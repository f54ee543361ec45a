package io.auscult.data;

import java.util.Locale;
import java.util.Optional;

/** Whether a recording belongs to the training set or the test set of its dataset. */
public enum Split {
    TRAIN, TEST, UNKNOWN;

    /** The lower-case word used in DCASE file and folder names ("train", "test", "unknown"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads "train", "test" or "unknown" in any case; anything else is empty. */
    public static Optional<Split> parse(String word) {
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "train" -> Optional.of(TRAIN);
            case "test" -> Optional.of(TEST);
            case "unknown" -> Optional.of(UNKNOWN);
            default -> Optional.empty();
        };
    }
}
