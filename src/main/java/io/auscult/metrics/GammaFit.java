package io.auscult.metrics;

import java.util.Objects;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * A gamma distribution fitted to anomaly scores, in SciPy's parameters: density
 * {@code f(x) = ((x - loc)/scale)^(a-1) exp(-(x - loc)/scale) / (Gamma(a) scale)} for
 * {@code x > loc}.
 *
 * <p>Only fits with a <em>fixed</em> location are offered. The DCASE baselines call
 * {@code scipy.stats.gamma.fit(scores)} with the location free, but that likelihood often has no
 * maximum on real scores (it grows without bound as loc approaches the smallest score when the
 * shape is below 1, or keeps growing towards a normal distribution as loc goes to minus
 * infinity), so its result depends on the optimiser. The loc = 0 fit always exists for positive
 * scores, is unique and agrees across implementations (fixture README, "Free loc is ill-posed").
 *
 * @param shape     a, positive
 * @param loc       the location (0 for Auscult's thresholds)
 * @param scale     positive
 * @param estimator how it was fitted
 */
public record GammaFit(double shape, double loc, double scale, GammaEstimator estimator) {

    public GammaFit {
        Objects.requireNonNull(estimator, "estimator");
        if (!(shape > 0) || !Double.isFinite(shape)) {
            throw new IllegalArgumentException("gamma shape must be positive and finite, got " + shape);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("gamma scale must be positive and finite, got " + scale);
        }
        if (!Double.isFinite(loc)) {
            throw new IllegalArgumentException("gamma location must be finite, got " + loc);
        }
    }

    /** The loc = 0 fit by the given estimator. */
    public static GammaFit fit(double[] scores, GammaEstimator estimator) {
        Objects.requireNonNull(estimator, "estimator");
        return switch (estimator) {
            case MAXIMUM_LIKELIHOOD -> maximumLikelihood(scores);
            case MOMENTS -> moments(scores);
        };
    }

    /** The maximum-likelihood fit with loc = 0 (Auscult's default). */
    public static GammaFit maximumLikelihood(double[] scores) {
        return maximumLikelihood(scores, 0.0);
    }

    /**
     * The maximum-likelihood fit with the location fixed at {@code loc}, as
     * {@code scipy.stats.gamma.fit(scores, floc=loc)}.
     *
     * @throws IllegalArgumentException if there are fewer than 2 scores or a score is not finite
     * @throws UndefinedMetricException if a score is {@code <= loc} (its log-density is not
     *                                  finite) or the scores have no spread
     */
    public static GammaFit maximumLikelihood(double[] scores, double loc) {
        checkScores(scores);
        if (!Double.isFinite(loc)) {
            throw new IllegalArgumentException("gamma location must be finite, got " + loc);
        }
        int n = scores.length;
        double sum = 0;
        double sumLog = 0;
        for (int i = 0; i < n; i++) {
            double y = scores[i] - loc;
            if (!(y > 0)) {
                throw new UndefinedMetricException("score at index " + i + " is " + scores[i]
                        + (loc == 0 ? ", not positive" : ", not above the location " + loc)
                        + ": the maximum-likelihood gamma fit needs every score above its location "
                        + "(log of " + y + " is not finite)");
            }
            sum += y;
            sumLog += Math.log(y);
        }
        double mean = sum / n;
        // s >= 0 by Jensen's inequality; 0 only when all scores are equal.
        double s = Math.log(mean) - sumLog / n;
        if (!(s > 0)) {
            throw new UndefinedMetricException(noSpreadMessage(scores));
        }
        double shape = GammaShapeEquation.solve(s);
        return new GammaFit(shape, loc, mean / shape, GammaEstimator.MAXIMUM_LIKELIHOOD);
    }

    /**
     * The method-of-moments fit with loc = 0: {@code a = mean^2 / var}, {@code scale = var / mean},
     * population variance.
     *
     * @throws IllegalArgumentException if there are fewer than 2 scores, or a score is not finite
     *                                  or negative (outside the support of a loc = 0 gamma)
     * @throws UndefinedMetricException if the scores have no spread or their mean is 0
     */
    public static GammaFit moments(double[] scores) {
        checkScores(scores);
        int n = scores.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (scores[i] < 0) {
                throw new IllegalArgumentException("score at index " + i + " is " + scores[i]
                        + ": a gamma distribution with location 0 has no negative values");
            }
            sum += scores[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (double x : scores) {
            double d = x - mean;
            squares += d * d;
        }
        double variance = squares / n;
        if (!(variance > 0) || !(mean > 0)) {
            throw new UndefinedMetricException(noSpreadMessage(scores));
        }
        return new GammaFit(mean * mean / variance, 0.0, variance / mean, GammaEstimator.MOMENTS);
    }

    /**
     * The {@code p}-quantile ({@code scipy.stats.gamma.ppf}), by commons-math's
     * {@link GammaDistribution} with a solver accuracy relative to the scale, far below any
     * threshold's meaning.
     */
    public double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a quantile level must be in (0, 1), got " + p);
        }
        // No random generator: the distribution is only inverted, never sampled.
        GammaDistribution distribution = new GammaDistribution(null, shape, scale, 1e-12 * scale);
        return loc + distribution.inverseCumulativeProbability(p);
    }

    /**
     * {@code log f(x)}; -infinity below the location. At the location itself it is -infinity for
     * shape > 1, {@code -log(scale)} for shape 1 and +infinity for shape < 1 (as SciPy's
     * {@code gamma.logpdf}).
     */
    public double logDensity(double x) {
        double y = (x - loc) / scale;
        if (y < 0 || Double.isNaN(y)) {
            return Double.NEGATIVE_INFINITY;
        }
        double power;
        if (y == 0) {
            power = shape == 1 ? 0 : shape > 1 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else {
            power = (shape - 1) * Math.log(y);
        }
        return power - y - Gamma.logGamma(shape) - Math.log(scale);
    }

    /** {@code sum_i log f(x_i)}, as {@code sum(scipy.stats.gamma.logpdf(x, a, loc, scale))}. */
    public double logLikelihood(double[] scores) {
        Objects.requireNonNull(scores, "scores");
        double sum = 0;
        for (double x : scores) {
            sum += logDensity(x);
        }
        return sum;
    }

    private static void checkScores(double[] scores) {
        Objects.requireNonNull(scores, "scores");
        if (scores.length < 2) {
            throw new IllegalArgumentException("a gamma fit needs at least 2 scores, got " + scores.length);
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score at index " + i + " is " + scores[i]
                        + "; a gamma fit needs finite scores");
            }
        }
    }

    private static String noSpreadMessage(double[] scores) {
        return "all " + scores.length + " scores are equal (" + scores[0]
                + "): a gamma distribution cannot be fitted to scores without spread";
    }
}
