package io.auscult.metrics;

import java.util.Objects;

/**
 * The decision threshold of the DCASE baselines: a quantile (by default the 90th percentile) of a
 * gamma distribution fitted to the anomaly scores of normal training clips. Auscult fits with
 * loc = 0 by maximum likelihood (see {@link GammaFit} for why not the free-loc fit).
 * A clip is anomalous when its score is strictly above the threshold ({@link #isAnomalous}).
 *
 * @param fit   the fitted distribution
 * @param level the quantile level in (0, 1): 0.9 for DCASE
 * @param value the threshold, {@code fit.quantile(level)}
 */
public record GammaThreshold(GammaFit fit, double level, double value) {

    /** DCASE's level: the 90th percentile. */
    public static final double DEFAULT_LEVEL = 0.9;

    public GammaThreshold {
        Objects.requireNonNull(fit, "fit");
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("the threshold's quantile level must be in (0, 1), got " + level);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the threshold must be finite, got " + value);
        }
    }

    /** The 90th percentile of the loc = 0 maximum-likelihood gamma fit to normal scores. */
    public static GammaThreshold fit(double[] normalScores) {
        return fit(normalScores, DEFAULT_LEVEL, GammaEstimator.MAXIMUM_LIKELIHOOD);
    }

    /**
     * The {@code level} quantile of the loc = 0 gamma fit to normal scores.
     *
     * @throws IllegalArgumentException if level is not in (0, 1), fewer than 2 scores are given,
     *                                  or a score is not finite (or negative, for moments)
     * @throws UndefinedMetricException if the fit does not exist: a score of 0 for maximum
     *                                  likelihood, or scores without spread
     */
    public static GammaThreshold fit(double[] normalScores, double level, GammaEstimator estimator) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("the threshold's quantile level must be in (0, 1), got " + level);
        }
        return of(GammaFit.fit(normalScores, estimator), level);
    }

    /** The {@code level} quantile of a given fit. */
    public static GammaThreshold of(GammaFit fit, double level) {
        Objects.requireNonNull(fit, "fit");
        return new GammaThreshold(fit, level, fit.quantile(level));
    }

    /** {@code score > value}: a score equal to the threshold is normal (DCASE decision files). */
    public boolean isAnomalous(double score) {
        return ThresholdDecision.isAnomalous(score, value);
    }
}
