package io.auscult.metrics;

import java.util.Objects;

/**
 * Counts of decisions against true labels (anomaly = positive), and the ratios scikit-learn's
 * {@code precision_score / recall_score / f1_score(..., zero_division=0.0)} give: a ratio whose
 * denominator is 0 is 0, which is also what the DCASE evaluator's {@code tp / max(tp + fp, eps)}
 * gives.
 *
 * @param truePositives  anomalies decided anomalous
 * @param falsePositives normal clips decided anomalous
 * @param trueNegatives  normal clips decided normal
 * @param falseNegatives anomalies decided normal
 */
public record ConfusionCounts(int truePositives, int falsePositives, int trueNegatives, int falseNegatives) {

    public ConfusionCounts {
        if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("confusion counts must not be negative, got tp " + truePositives
                    + ", fp " + falsePositives + ", tn " + trueNegatives + ", fn " + falseNegatives);
        }
    }

    /** Counts of decisions (true = decided anomalous) against labels (true = anomaly). */
    public static ConfusionCounts of(boolean[] anomalous, boolean[] decidedAnomalous) {
        Objects.requireNonNull(anomalous, "anomalous");
        Objects.requireNonNull(decidedAnomalous, "decidedAnomalous");
        if (anomalous.length != decidedAnomalous.length) {
            throw new IllegalArgumentException("labels and decisions must have the same length, got "
                    + anomalous.length + " labels and " + decidedAnomalous.length + " decisions");
        }
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < anomalous.length; i++) {
            if (decidedAnomalous[i]) {
                if (anomalous[i]) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (anomalous[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new ConfusionCounts(tp, fp, tn, fn);
    }

    /** Counts of the decisions {@code score > threshold} against labels. */
    public static ConfusionCounts atThreshold(double[] scores, boolean[] anomalous, double threshold) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(anomalous, "anomalous");
        if (scores.length != anomalous.length) {
            throw new IllegalArgumentException("scores and labels must have the same length, got "
                    + scores.length + " scores and " + anomalous.length + " labels");
        }
        return of(anomalous, ThresholdDecision.decide(scores, threshold));
    }

    /** {@code tp / (tp + fp)}; 0 when nothing was decided anomalous. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** {@code tp / (tp + fn)}; 0 when there are no anomalies. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** {@code 2 tp / (2 tp + fp + fn)}; 0 when that denominator is 0. */
    public double f1() {
        return ratio(2L * truePositives, 2L * truePositives + falsePositives + falseNegatives);
    }

    /** Number of clips. */
    public int total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
