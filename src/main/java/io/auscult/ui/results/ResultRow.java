package io.auscult.ui.results;

import io.auscult.data.Condition;
import io.auscult.data.Recording;
import io.auscult.metrics.ThresholdDecision;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * One scored recording in the results table: the file, its score, its true label, and the
 * decision at the current threshold (which changes live as the threshold line is dragged).
 */
public final class ResultRow {

    private final Recording recording;
    private final String name;
    private final double score;
    private final ReadOnlyBooleanWrapper anomalous = new ReadOnlyBooleanWrapper();

    public ResultRow(Recording recording, String name, double score) {
        this.recording = recording;
        this.name = name;
        this.score = score;
    }

    public Recording recording() {
        return recording;
    }

    /** The file relative to the dataset. */
    public String name() {
        return name;
    }

    public double score() {
        return score;
    }

    public Condition label() {
        return recording.labels().condition();
    }

    public boolean isAnomalous() {
        return anomalous.get();
    }

    public ReadOnlyBooleanProperty anomalousProperty() {
        return anomalous.getReadOnlyProperty();
    }

    void decide(double threshold) {
        anomalous.set(ThresholdDecision.isAnomalous(score, threshold));
    }

    /** Whether the decision agrees with a known label (null when the label is unknown). */
    public Boolean correct() {
        return switch (label()) {
            case NORMAL -> !isAnomalous();
            case ANOMALY -> isAnomalous();
            default -> null;
        };
    }
}
