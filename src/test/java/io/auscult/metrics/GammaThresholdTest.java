package io.auscult.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;

class GammaThresholdTest {

    private static final double[] SCORES = {0.312, 0.287, 0.334, 0.401, 0.295, 0.356, 0.318, 0.472, 0.303, 0.341};

    @Test
    void fewerThanTwoScoresAreRefused() {
        assertThatThrownBy(() -> GammaThreshold.fit(new double[] {0.3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a gamma fit needs at least 2 scores, got 1");
        assertThatThrownBy(() -> GammaThreshold.fit(new double[0], 0.9, GammaEstimator.MOMENTS))
                .hasMessage("a gamma fit needs at least 2 scores, got 0");
    }

    @Test
    void nonFiniteScoresAreRefusedNamingTheIndex() {
        assertThatThrownBy(() -> GammaThreshold.fit(new double[] {0.3, Double.NaN, 0.4}))
                .hasMessageContaining("score at index 1 is NaN");
        assertThatThrownBy(() -> GammaThreshold.fit(new double[] {0.3, 0.4, Double.POSITIVE_INFINITY}))
                .hasMessageContaining("score at index 2 is Infinity");
    }

    @Test
    void nonPositiveScoresAreRefusedByTheMaximumLikelihoodFit() {
        assertThatThrownBy(() -> GammaThreshold.fit(new double[] {0.3, -0.1, 0.4}))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("score at index 1 is -0.1, not positive");
        assertThatThrownBy(() -> GammaThreshold.fit(new double[] {0.3, -0.1, 0.4}, 0.9, GammaEstimator.MOMENTS))
                .hasMessageContaining("score at index 1 is -0.1")
                .hasMessageContaining("no negative values");
    }

    @Test
    void scoresWithoutSpreadAreRefused() {
        assertThatThrownBy(() -> GammaThreshold.fit(new double[] {0.25, 0.25, 0.25}))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("all 3 scores are equal (0.25)");
        assertThatThrownBy(() -> GammaThreshold.fit(new double[] {0.25, 0.25}, 0.9, GammaEstimator.MOMENTS))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("without spread");
    }

    @Test
    void levelIsConfigurableAndValidated() {
        GammaThreshold p90 = GammaThreshold.fit(SCORES);
        GammaThreshold p99 = GammaThreshold.fit(SCORES, 0.99, GammaEstimator.MAXIMUM_LIKELIHOOD);
        assertThat(p99.value()).isGreaterThan(p90.value());
        GammaDistribution reference = new GammaDistribution(p99.fit().shape(), p99.fit().scale());
        assertThat(reference.cumulativeProbability(p99.value())).isCloseTo(0.99, within(1e-12));
        assertThatThrownBy(() -> GammaThreshold.fit(SCORES, 1.0, GammaEstimator.MAXIMUM_LIKELIHOOD))
                .hasMessageContaining("must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> GammaThreshold.fit(SCORES, 90, GammaEstimator.MAXIMUM_LIKELIHOOD))
                .hasMessageContaining("must be in (0, 1), got 90.0");
    }

    @Test
    void maximumLikelihoodShapeMakesTheScoreEquationVanish() {
        GammaFit fit = GammaFit.maximumLikelihood(SCORES);
        double sum = 0;
        double sumLog = 0;
        for (double x : SCORES) {
            sum += x;
            sumLog += Math.log(x);
        }
        double mean = sum / SCORES.length;
        assertThat(fit.scale()).isCloseTo(mean / fit.shape(), within(1e-15 * fit.scale()));
        // d loglik / d a = 0 at the MLE: sum log(x/scale) - n digamma(a)
        double a = fit.shape();
        double h = 1e-6 * a;
        GammaFit left = new GammaFit(a - h, 0, mean / (a - h), GammaEstimator.MAXIMUM_LIKELIHOOD);
        GammaFit right = new GammaFit(a + h, 0, mean / (a + h), GammaEstimator.MAXIMUM_LIKELIHOOD);
        assertThat(fit.logLikelihood(SCORES)).isGreaterThan(left.logLikelihood(SCORES))
                .isGreaterThan(right.logLikelihood(SCORES));
    }

    @Test
    void scoreEqualToTheThresholdIsNormal() {
        GammaThreshold t = GammaThreshold.fit(SCORES);
        assertThat(t.isAnomalous(t.value())).isFalse();
        assertThat(t.isAnomalous(Math.nextUp(t.value()))).isTrue();
    }

    @Test
    void logDensityAtTheLocationFollowsScipy() {
        assertThat(new GammaFit(2.0, 0, 1.0, GammaEstimator.MOMENTS).logDensity(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new GammaFit(1.0, 0, 2.0, GammaEstimator.MOMENTS).logDensity(0)).isCloseTo(-Math.log(2), within(1e-15));
        assertThat(new GammaFit(0.5, 0, 1.0, GammaEstimator.MOMENTS).logDensity(0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new GammaFit(2.0, 1, 1.0, GammaEstimator.MOMENTS).logDensity(0.5)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
