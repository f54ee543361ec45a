package io.auscult.explain;

import java.util.List;
import java.util.Locale;

/**
 * Where Integrated Gradients evaluates the gradient on the path {@code x' + alpha (x - x')} and
 * with what weight: {@code IG = (x - x') * sum_i w_i grad s(x' + alpha_i (x - x'))}.
 *
 * <p>Three rules (shared/fixtures/model/README.md, "tiny_conv_ae.ig.json"):
 * <ul>
 * <li>{@value #GAUSS_LEGENDRE} (default): the m-point Gauss-Legendre rule mapped to [0, 1],
 * {@code alpha = (1 + t) / 2}, {@code w = omega / 2}; exact for polynomials of degree 2m - 1 and
 * the most accurate for a given m (completeness well within 1 % at m = 64 on the fixture);</li>
 * <li>{@value #TRAPEZOID}: the textbook trapezoid rule, {@code alpha_i = i / (m - 1)}, weights
 * {@code 1/(m-1)} and half that at both ends (sum 1);</li>
 * <li>{@value #RIEMANN_TRAPEZOID}: Captum's rule of that name, kept for comparison with Captum:
 * the same alphas but weights {@code 1/m} and {@code 1/(2m)} at both ends, which sum to
 * {@code 1 - 1/m}, so it returns {@code (m-1)/m} of the trapezoid and its completeness delta is
 * about {@code -(s(x) - s(x'))/m} by construction.</li>
 * </ul>
 *
 * @param rule    the rule's name
 * @param alphas  the path positions, ascending, in [0, 1]
 * @param weights the weight of each position
 */
public record PathQuadrature(String rule, double[] alphas, double[] weights) {

    public static final String GAUSS_LEGENDRE = "gausslegendre";
    public static final String TRAPEZOID = "trapezoid";
    public static final String RIEMANN_TRAPEZOID = "riemann_trapezoid";
    public static final List<String> RULES = List.of(GAUSS_LEGENDRE, TRAPEZOID, RIEMANN_TRAPEZOID);

    public PathQuadrature {
        if (alphas.length != weights.length || alphas.length == 0) {
            throw new IllegalArgumentException("need as many weights as alphas, at least one");
        }
        alphas = alphas.clone();
        weights = weights.clone();
    }

    @Override
    public double[] alphas() {
        return alphas.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    public int steps() {
        return alphas.length;
    }

    /** The m-step rule of the given name. */
    public static PathQuadrature of(String rule, int steps) {
        if (steps < 1 || (steps < 2 && !GAUSS_LEGENDRE.equals(rule))) {
            throw new IllegalArgumentException("the " + rule + " rule needs at least " + (GAUSS_LEGENDRE.equals(rule)
                    ? 1 : 2) + " steps, not " + steps);
        }
        double[] a = new double[steps];
        double[] w = new double[steps];
        switch (rule.toLowerCase(Locale.ROOT)) {
            case GAUSS_LEGENDRE -> {
                double[][] tw = legendreNodes(steps);
                for (int i = 0; i < steps; i++) {
                    a[i] = (1 + tw[0][i]) / 2;
                    w[i] = tw[1][i] / 2;
                }
            }
            case TRAPEZOID, RIEMANN_TRAPEZOID -> {
                boolean captum = rule.equalsIgnoreCase(RIEMANN_TRAPEZOID);
                double inner = captum ? 1.0 / steps : 1.0 / (steps - 1);
                for (int i = 0; i < steps; i++) {
                    a[i] = i / (double) (steps - 1);
                    w[i] = inner;
                }
                w[0] = inner / 2;
                w[steps - 1] = inner / 2;
            }
            default -> throw new IllegalArgumentException("no integration rule '" + rule + "'; rules: " + RULES);
        }
        return new PathQuadrature(rule.toLowerCase(Locale.ROOT), a, w);
    }

    /**
     * The m-point Gauss-Legendre nodes (ascending) and weights on [-1, 1]: Newton's iteration on
     * P_m from the Tricomi-style start {@code cos(pi (i + 3/4) / (m + 1/2))}, P_m and P_m' by the
     * three-term recurrence, {@code omega = 2 / ((1 - t^2) P_m'(t)^2)}. Converges to float64
     * precision in a few steps (commons-math's BigDecimal rule takes seconds for m = 50).
     */
    static double[][] legendreNodes(int m) {
        double[] t = new double[m];
        double[] omega = new double[m];
        for (int i = 0; i < (m + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (m + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = z;
                for (int k = 2; k <= m; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                double pm = m == 1 ? z : p1;
                double pm1 = m == 1 ? 1 : p0;
                dp = m * (z * pm - pm1) / (z * z - 1);
                double step = pm / dp;
                z -= step;
                if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(z))) {
                    break;
                }
            }
            // Derivative at the converged node for the weight.
            double p0 = 1;
            double p1 = z;
            for (int k = 2; k <= m; k++) {
                double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                p0 = p1;
                p1 = p2;
            }
            double pm = m == 1 ? z : p1;
            double pm1 = m == 1 ? 1 : p0;
            dp = m * (z * pm - pm1) / (z * z - 1);
            double weight = 2 / ((1 - z * z) * dp * dp);
            // z is the i-th largest node; mirror it.
            t[m - 1 - i] = z;
            t[i] = -z;
            omega[m - 1 - i] = weight;
            omega[i] = weight;
        }
        if (m % 2 == 1) {
            t[m / 2] = 0;
        }
        return new double[][] {t, omega};
    }
}
