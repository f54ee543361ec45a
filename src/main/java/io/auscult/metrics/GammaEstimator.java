package io.auscult.metrics;

/** How a gamma distribution with a fixed location is fitted to scores. */
public enum GammaEstimator {
    /**
     * Maximum likelihood, as {@code scipy.stats.gamma.fit(scores, floc=loc)}: the shape solves
     * {@code log(a) - digamma(a) = log(mean(x)) - mean(log x)} (unique root), {@code scale =
     * mean / a}. Needs every score above the location. Auscult's default.
     */
    MAXIMUM_LIKELIHOOD,
    /**
     * Method of moments, as {@code gamma.fit(scores, floc=0, method='MM')}: {@code a = mean^2 /
     * var}, {@code scale = var / mean} with the population variance (divisor n). Accepts zero
     * scores.
     */
    MOMENTS
}
