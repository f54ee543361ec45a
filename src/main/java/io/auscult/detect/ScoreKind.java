package io.auscult.detect;

import java.util.Locale;

/**
 * What a reconstruction detector's anomaly score is: the mean squared reconstruction error over the
 * recording (the reference, DESIGN.md) or its worst standardised mel band
 * ({@link BandErrorStatistics}), which finds faults that live in a few bands (docs/results.md,
 * "Scoring by the worst band").
 */
public enum ScoreKind {
    /** Mean squared error over the real bins (the reference). */
    MSE("mse"),
    /** The largest band error standardised by its mean and spread over the normal training clips. */
    BAND("band");

    private final String word;

    ScoreKind(String word) {
        this.word = word;
    }

    /** The word the command line and the model's provenance use: mse or band. */
    public String word() {
        return word;
    }

    /** The kind named by {@link #word()} (case-insensitive); refuses anything else, naming both words. */
    public static ScoreKind parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (ScoreKind kind : values()) {
            if (kind.word.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown score '" + text + "'; choose mse (the mean squared error) or "
                + "band (the worst standardised mel band)");
    }
}
