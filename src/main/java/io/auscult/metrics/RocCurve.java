package io.auscult.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * A receiver operating characteristic curve, point for point as scikit-learn's
 * {@code roc_curve(labels, scores, drop_intermediate=False)}: the curve starts at (0, 0) with
 * threshold +infinity, then has one point per distinct score, in descending order, where a clip
 * counts as anomalous when {@code score >= threshold}. A group of equal scores that holds both
 * classes therefore gives one diagonal step, which is how ties count 1/2 in the AUC.
 *
 * <p>Points are kept as integer counts so that areas can be computed exactly; {@link #fpr()} and
 * {@link #tpr()} give the rates as scikit-learn does ({@code fps / fps[-1]}).
 * The arrays are not copied: treat them as read-only.
 *
 * @param thresholds     +infinity, then the distinct scores in descending order
 * @param falsePositives normal clips with {@code score >= threshold}, per point; starts at 0
 * @param truePositives  anomalous clips with {@code score >= threshold}, per point; starts at 0
 */
public record RocCurve(double[] thresholds, int[] falsePositives, int[] truePositives) {

    public RocCurve {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(falsePositives, "falsePositives");
        Objects.requireNonNull(truePositives, "truePositives");
        int points = thresholds.length;
        if (falsePositives.length != points || truePositives.length != points) {
            throw new IllegalArgumentException("a ROC curve needs as many counts as thresholds: "
                    + points + " thresholds, " + falsePositives.length + " false-positive and "
                    + truePositives.length + " true-positive counts");
        }
        if (points < 2) {
            throw new IllegalArgumentException("a ROC curve needs at least 2 points, got " + points);
        }
        if (falsePositives[0] != 0 || truePositives[0] != 0) {
            throw new IllegalArgumentException("a ROC curve starts at (0, 0), this one at ("
                    + falsePositives[0] + ", " + truePositives[0] + ")");
        }
        for (int i = 1; i < points; i++) {
            if (falsePositives[i] < falsePositives[i - 1] || truePositives[i] < truePositives[i - 1]) {
                throw new IllegalArgumentException("ROC counts must not decrease, but point " + i
                        + " goes back from (" + falsePositives[i - 1] + ", " + truePositives[i - 1]
                        + ") to (" + falsePositives[i] + ", " + truePositives[i] + ")");
            }
        }
        int normals = falsePositives[points - 1];
        int anomalies = truePositives[points - 1];
        if (normals == 0 || anomalies == 0) {
            throw new UndefinedMetricException(oneClassMessage(normals, anomalies));
        }
    }

    /**
     * The full ROC curve of scores against labels.
     *
     * @param scores    anomaly scores, higher = more anomalous; must be finite
     * @param anomalous the true label of each clip ({@code true} = anomaly)
     * @throws IllegalArgumentException  if the lengths differ or a score is NaN or infinite
     *                                   (the message names its index)
     * @throws UndefinedMetricException  if all clips are of one class
     */
    public static RocCurve of(double[] scores, boolean[] anomalous) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(anomalous, "anomalous");
        if (scores.length != anomalous.length) {
            throw new IllegalArgumentException("scores and labels must have the same length, got "
                    + scores.length + " scores and " + anomalous.length + " labels");
        }
        int anomalies = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score at index " + i + " is " + scores[i]
                        + "; ROC analysis needs finite scores");
            }
            if (anomalous[i]) {
                anomalies++;
            }
        }
        int normals = scores.length - anomalies;
        if (normals == 0 || anomalies == 0) {
            throw new UndefinedMetricException(oneClassMessage(normals, anomalies));
        }
        // Sort each class separately (primitive sorts, no boxing) and merge from the top.
        // Adding 0.0 turns -0.0 into +0.0: Arrays.sort orders -0.0 below 0.0, but they are the
        // same score and must tie, as they do in NumPy.
        double[] normalScores = new double[normals];
        double[] anomalyScores = new double[anomalies];
        int ni = 0;
        int ai = 0;
        for (int i = 0; i < scores.length; i++) {
            if (anomalous[i]) {
                anomalyScores[ai++] = scores[i] + 0.0;
            } else {
                normalScores[ni++] = scores[i] + 0.0;
            }
        }
        Arrays.sort(normalScores);
        Arrays.sort(anomalyScores);

        double[] thresholds = new double[scores.length + 1];
        int[] fp = new int[scores.length + 1];
        int[] tp = new int[scores.length + 1];
        thresholds[0] = Double.POSITIVE_INFINITY;
        int points = 1;
        int n = normals - 1;
        int a = anomalies - 1;
        int fpCount = 0;
        int tpCount = 0;
        while (n >= 0 || a >= 0) {
            double t = Math.max(n >= 0 ? normalScores[n] : Double.NEGATIVE_INFINITY,
                    a >= 0 ? anomalyScores[a] : Double.NEGATIVE_INFINITY);
            while (n >= 0 && normalScores[n] == t) {
                n--;
                fpCount++;
            }
            while (a >= 0 && anomalyScores[a] == t) {
                a--;
                tpCount++;
            }
            thresholds[points] = t;
            fp[points] = fpCount;
            tp[points] = tpCount;
            points++;
        }
        return new RocCurve(Arrays.copyOf(thresholds, points), Arrays.copyOf(fp, points),
                Arrays.copyOf(tp, points));
    }

    /** Number of points, the (0, 0) start included. */
    public int points() {
        return thresholds.length;
    }

    /** Number of normal clips (the last false-positive count). */
    public int normals() {
        return falsePositives[falsePositives.length - 1];
    }

    /** Number of anomalous clips (the last true-positive count). */
    public int anomalies() {
        return truePositives[truePositives.length - 1];
    }

    /** False-positive rate of point {@code i}. */
    public double fpr(int i) {
        return falsePositives[i] / (double) normals();
    }

    /** True-positive rate of point {@code i}. */
    public double tpr(int i) {
        return truePositives[i] / (double) anomalies();
    }

    /** All false-positive rates (a new array). */
    public double[] fpr() {
        double[] out = new double[points()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fpr(i);
        }
        return out;
    }

    /** All true-positive rates (a new array). */
    public double[] tpr() {
        double[] out = new double[points()];
        for (int i = 0; i < out.length; i++) {
            out[i] = tpr(i);
        }
        return out;
    }

    /**
     * The same curve without the points that lie on a straight line between their neighbours,
     * as scikit-learn's default {@code drop_intermediate=True}: a point after the start is kept
     * when the second difference of its false- or true-positive counts is non-zero, the first
     * and last always. It draws the same curve with fewer points and has the same area.
     */
    public RocCurve withoutIntermediatePoints() {
        // scikit-learn applies the rule to the points after (0, 0), then prepends (0, 0).
        int m = points() - 1;
        if (m <= 2) {
            return this;
        }
        double[] t = new double[points()];
        int[] fp = new int[points()];
        int[] tp = new int[points()];
        t[0] = thresholds[0];
        int kept = 1;
        for (int j = 1; j <= m; j++) {
            boolean corner = j == 1 || j == m
                    || falsePositives[j - 1] - 2 * falsePositives[j] + falsePositives[j + 1] != 0
                    || truePositives[j - 1] - 2 * truePositives[j] + truePositives[j + 1] != 0;
            if (corner) {
                t[kept] = thresholds[j];
                fp[kept] = falsePositives[j];
                tp[kept] = truePositives[j];
                kept++;
            }
        }
        return new RocCurve(Arrays.copyOf(t, kept), Arrays.copyOf(fp, kept), Arrays.copyOf(tp, kept));
    }

    static String oneClassMessage(int normals, int anomalies) {
        if (normals == 0 && anomalies == 0) {
            return "ROC AUC is undefined without clips: it needs both normal and anomalous clips";
        }
        return normals == 0
                ? "ROC AUC is undefined: it needs both normal and anomalous clips, but all "
                        + anomalies + " clips are anomalous (no normal clips)"
                : "ROC AUC is undefined: it needs both normal and anomalous clips, but all "
                        + normals + " clips are normal (no anomalies)";
    }
}
