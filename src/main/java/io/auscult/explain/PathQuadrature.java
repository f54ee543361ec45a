package io.auscult.explain;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

import java.util.Arrays;
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
                // The high-precision factory computes the nodes in BigDecimal: float64-exact nodes
                // (the fixture's numpy leggauss values agree to 1e-14 or better).
                GaussIntegrator g = new GaussIntegratorFactory().legendreHighPrecision(steps);
                Integer[] order = new Integer[steps];
                for (int i = 0; i < steps; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (p, q) -> Double.compare(g.getPoint(p), g.getPoint(q)));
                for (int i = 0; i < steps; i++) {
                    a[i] = (1 + g.getPoint(order[i])) / 2;
                    w[i] = g.getWeight(order[i]) / 2;
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
}
