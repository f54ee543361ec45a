package io.auscult.metrics;

import java.util.Objects;

/**
 * Area under the ROC curve, as scikit-learn's {@code roc_auc_score(labels, scores)}: the
 * trapezoid area under {@link RocCurve}, which equals the Mann-Whitney form
 * {@code (#{a > n} + 0.5 #{a == n}) / (N1 N0)} over all anomaly/normal pairs (ties count 1/2).
 *
 * <p>The trapezoids are summed in integer counts and divided once, so the result is the exact
 * area rounded once; scikit-learn's floating-point trapezoids agree to about 1e-15.
 */
public final class Auc {

    private Auc() {
    }

    /**
     * The ROC AUC of scores against labels.
     *
     * @throws IllegalArgumentException if the lengths differ or a score is not finite
     * @throws UndefinedMetricException if all clips are of one class
     */
    public static double of(double[] scores, boolean[] anomalous) {
        return of(RocCurve.of(scores, anomalous));
    }

    /** The area under a ROC curve. */
    public static double of(RocCurve curve) {
        Objects.requireNonNull(curve, "curve");
        return twiceArea(curve, curve.points()) / (2.0 * curve.normals() * curve.anomalies());
    }

    /**
     * Twice the area, in units of (false positives x true positives), under the first
     * {@code points} points of the curve: an integer, exact in a long for any array size.
     */
    static long twiceArea(RocCurve curve, int points) {
        int[] fp = curve.falsePositives();
        int[] tp = curve.truePositives();
        long sum = 0;
        for (int i = 1; i < points; i++) {
            sum += (long) (fp[i] - fp[i - 1]) * (tp[i] + (long) tp[i - 1]);
        }
        return sum;
    }
}
