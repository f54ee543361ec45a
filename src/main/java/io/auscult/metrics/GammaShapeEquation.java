package io.auscult.metrics;

/**
 * The equation of the gamma maximum-likelihood shape with a fixed location:
 * {@code h(a) = log(a) - digamma(a) = s}, where {@code s = log(mean(x)) - mean(log x) > 0}.
 * {@code h} decreases strictly from +infinity to 0, so the root is unique.
 *
 * <p>{@code h} is evaluated here rather than as {@code log(a) - Gamma.digamma(a)}: commons-math
 * 3.6.1's digamma has the sign of its {@code 1/(120 x^4)} term wrong, an error of 2.9e-9 at every
 * argument (it recurses up to 49 and uses the series there), which moves the fitted shape by
 * about 1e-8 relative, ten times SciPy's agreement. And for large shapes, {@code log(a) - digamma(a)}
 * cancels to about {@code 1/(2a)}; the asymptotic series of the difference itself does not.
 */
final class GammaShapeEquation {

    /** Below this the recurrence {@code digamma(a) = digamma(a + 1) - 1/a} moves the argument up. */
    private static final double SERIES_FROM = 10.0;

    /** Newton's method converges in a handful of steps; this is a safety cap. */
    private static final int MAX_ITERATIONS = 200;

    private GammaShapeEquation() {
    }

    /**
     * {@code log(a) - digamma(a)}, to about 1e-15 relative: for {@code a >= 10} the asymptotic
     * series {@code 1/(2a) + sum B_2k / (2k a^2k)} through {@code k = 7} (truncation below
     * 1e-16), below that the digamma recurrence applied to the difference.
     */
    static double value(double a) {
        if (a >= SERIES_FROM) {
            return series(a);
        }
        int n = (int) Math.ceil(SERIES_FROM - a);
        double sum = 0;
        for (int k = n - 1; k >= 0; k--) {
            sum += 1.0 / (a + k);
        }
        return Math.log(a / (a + n)) + series(a + n) + sum;
    }

    /** {@code d/da (log(a) - digamma(a)) = 1/a - trigamma(a)}, negative. */
    static double derivative(double a) {
        if (a >= SERIES_FROM) {
            return seriesDerivative(a);
        }
        int n = (int) Math.ceil(SERIES_FROM - a);
        double sum = 0;
        for (int k = n - 1; k >= 0; k--) {
            double t = a + k;
            sum += 1.0 / (t * t);
        }
        return 1.0 / a - 1.0 / (a + n) + seriesDerivative(a + n) - sum;
    }

    /**
     * The root of {@code value(a) = s}, by Newton's method from Minka's approximation
     * {@code (3 - s + sqrt((s - 3)^2 + 24 s)) / (12 s)} (the start SciPy also uses), kept inside
     * a shrinking bracket so that an overshoot falls back to bisection.
     */
    static double solve(double s) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("log(mean) - mean(log) must be positive and finite, got " + s);
        }
        double a = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double g = value(a) - s;
            if (g == 0) {
                return a;
            }
            if (g > 0) {
                lo = a;
            } else {
                hi = a;
            }
            double next = a - g / derivative(a);
            if (!(next > lo && next < hi)) {
                next = Double.isInfinite(hi) ? 2 * a : 0.5 * (lo + hi);
            }
            if (Math.abs(next - a) <= 4 * Math.ulp(a)) {
                return next;
            }
            a = next;
        }
        return a;
    }

    private static double series(double x) {
        double r = 1.0 / (x * x);
        // B2/2, B4/4, ..., B14/14 (Bernoulli numbers), in Horner form in 1/x^2
        double poly = r * (1.0 / 12 + r * (-1.0 / 120 + r * (1.0 / 252 + r * (-1.0 / 240
                + r * (1.0 / 132 + r * (-691.0 / 32760 + r * (1.0 / 12)))))));
        return 0.5 / x + poly;
    }

    private static double seriesDerivative(double x) {
        double r = 1.0 / (x * x);
        // -B2k / x^(2k+1): the derivative of B2k / (2k x^2k)
        double poly = r / x * (-1.0 / 6 + r * (1.0 / 30 + r * (-1.0 / 42 + r * (1.0 / 30
                + r * (-5.0 / 66 + r * (691.0 / 2730 + r * (-7.0 / 6)))))));
        return -0.5 * r + poly;
    }
}
