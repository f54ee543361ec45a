package io.auscult.metrics;

import java.util.Objects;

/**
 * The two means of the DCASE Task 2 evaluator. The harmonic mean floors every value at
 * {@code eps = 2^-52} first, as the evaluator does ({@code scipy.stats.hmean(numpy.maximum(v,
 * eps))}), so one AUC of 0 gives a tiny positive mean instead of 0 or an error.
 */
public final class DcaseMeans {

    /** NumPy's float64 machine epsilon, the evaluator's floor: 2^-52. */
    public static final double EPS = 0x1p-52;

    private DcaseMeans() {
    }

    /** {@code 1 / mean(1 / max(v_i, eps))}. */
    public static double harmonic(double... values) {
        check(values);
        double sum = 0;
        for (double v : values) {
            sum += 1.0 / Math.max(v, EPS);
        }
        return 1.0 / (sum / values.length);
    }

    /** The plain arithmetic mean. */
    public static double arithmetic(double... values) {
        check(values);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static void check(double[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            throw new IllegalArgumentException("a mean needs at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0) || values[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("value " + i + " is " + values[i]
                        + "; the DCASE means take finite values >= 0 (AUCs, pAUCs)");
            }
        }
    }
}
