package io.auscult.metrics;

import java.util.Objects;

/**
 * Anomalous-or-normal decisions at a threshold. The comparison is strict, {@code score >
 * threshold}, as in the DCASE baselines' {@code decision_result_*.csv} files: a score equal to
 * the threshold is normal.
 */
public final class ThresholdDecision {

    private ThresholdDecision() {
    }

    /**
     * {@code score > threshold}.
     *
     * @throws IllegalArgumentException if the score or threshold is NaN
     */
    public static boolean isAnomalous(double score, double threshold) {
        if (Double.isNaN(score) || Double.isNaN(threshold)) {
            throw new IllegalArgumentException("cannot decide with a NaN " + (Double.isNaN(score) ? "score" : "threshold"));
        }
        return score > threshold;
    }

    /**
     * The decision for every score.
     *
     * @throws IllegalArgumentException if the threshold or a score is NaN (the message names its
     *                                  index)
     */
    public static boolean[] decide(double[] scores, double threshold) {
        Objects.requireNonNull(scores, "scores");
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("cannot decide with a NaN threshold");
        }
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score at index " + i + " is NaN; cannot decide");
            }
            out[i] = scores[i] > threshold;
        }
        return out;
    }
}
