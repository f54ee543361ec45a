package io.auscult.metrics;

import java.util.Objects;

/**
 * Partial ROC AUC up to a maximum false-positive rate, standardised by McClish (1989) as
 * scikit-learn's {@code roc_auc_score(labels, scores, max_fpr=0.1)} returns it and DCASE Task 2
 * reports it:
 * {@code pauc = 0.5 (1 + (A - minArea) / (maxArea - minArea))} with {@code minArea = maxFpr^2 / 2}
 * (the chance diagonal) and {@code maxArea = maxFpr}. A random scorer gets 0.5, a perfect one 1;
 * the lowest value is not 0 but {@code 0.5 (1 - minArea / (maxArea - minArea))} (9/19 for 0.1).
 *
 * <p>{@code A}, the raw area, follows scikit-learn: trapezoids up to the last ROC point with
 * {@code fpr <= maxFpr} (compared as doubles, {@code fps / N0}), then one more point at
 * {@code maxFpr} whose TPR is linearly interpolated between the points around it. A tie group
 * whose diagonal step crosses {@code maxFpr} is therefore cut inside the diagonal.
 */
public final class PartialAuc {

    /** DCASE's maximum false-positive rate. */
    public static final double DEFAULT_MAX_FPR = 0.1;

    private PartialAuc() {
    }

    /** The standardised pAUC with max FPR 0.1 (DCASE). */
    public static double of(double[] scores, boolean[] anomalous) {
        return of(RocCurve.of(scores, anomalous), DEFAULT_MAX_FPR);
    }

    /**
     * The standardised pAUC with the given max FPR.
     *
     * @throws IllegalArgumentException if maxFpr is not in (0, 1], the lengths differ or a score
     *                                  is not finite
     * @throws UndefinedMetricException if all clips are of one class
     */
    public static double of(double[] scores, boolean[] anomalous, double maxFpr) {
        checkMaxFpr(maxFpr);
        return of(RocCurve.of(scores, anomalous), maxFpr);
    }

    /** The standardised pAUC of a ROC curve. */
    public static double of(RocCurve curve, double maxFpr) {
        return standardise(rawArea(curve, maxFpr), maxFpr);
    }

    /**
     * The unstandardised area under the curve for FPR in [0, maxFpr]: between 0 and maxFpr,
     * {@code maxFpr^2 / 2} for chance.
     */
    public static double rawArea(RocCurve curve, double maxFpr) {
        Objects.requireNonNull(curve, "curve");
        checkMaxFpr(maxFpr);
        int points = curve.points();
        // stop = number of points with fpr <= maxFpr (numpy.searchsorted(fpr, maxFpr, "right"))
        int stop = 0;
        while (stop < points && curve.fpr(stop) <= maxFpr) {
            stop++;
        }
        double area = Auc.twiceArea(curve, stop) / (2.0 * curve.normals() * curve.anomalies());
        if (stop == points) {
            return area;
        }
        // numpy.interp between the last point inside and the first point outside
        double x0 = curve.fpr(stop - 1);
        double x1 = curve.fpr(stop);
        double y0 = curve.tpr(stop - 1);
        double y1 = curve.tpr(stop);
        double y = (y1 - y0) / (x1 - x0) * (maxFpr - x0) + y0;
        return area + (maxFpr - x0) * (y0 + y) / 2.0;
    }

    /** McClish's standardisation of a raw partial area: 0.5 for chance, 1 for perfect. */
    public static double standardise(double rawArea, double maxFpr) {
        checkMaxFpr(maxFpr);
        // A little slack above maxFpr: the interpolated last trapezoid can round one ulp over.
        if (!(rawArea >= 0 && rawArea <= maxFpr * (1 + 1e-12))) {
            throw new IllegalArgumentException("a partial area up to FPR " + maxFpr + " lies in [0, "
                    + maxFpr + "], got " + rawArea);
        }
        double minArea = 0.5 * maxFpr * maxFpr;
        double maxArea = maxFpr;
        return 0.5 * (1 + (rawArea - minArea) / (maxArea - minArea));
    }

    private static void checkMaxFpr(double maxFpr) {
        if (!(maxFpr > 0 && maxFpr <= 1)) {
            throw new IllegalArgumentException("max FPR must be in (0, 1], got " + maxFpr);
        }
    }
}
