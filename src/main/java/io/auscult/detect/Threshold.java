package io.auscult.detect;

import java.util.Objects;

/**
 * The score above which a recording is called anomalous, and how it was chosen (for
 * example "gamma fit, 90th percentile of 48 normal training scores", or "set by the user").
 */
public record Threshold(double value, String method) {

    public Threshold {
        Objects.requireNonNull(method, "method");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("threshold must be a finite number, was " + value);
        }
    }

    /** A threshold the user typed, replacing the fitted one. */
    public static Threshold setByUser(double value) {
        return new Threshold(value, "set by the user");
    }

    public boolean isAnomalous(double score) {
        return score > value;
    }
}
