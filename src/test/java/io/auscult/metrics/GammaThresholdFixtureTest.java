package io.auscult.metrics;

import static io.auscult.metrics.MetricFixtures.doubles;
import static io.auscult.metrics.MetricFixtures.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of threshold.json: the loc = 0 maximum-likelihood and moment fits, the fixed-loc
 * profile points, and the 90th-percentile thresholds, at the README's tolerances. The free-loc
 * entries are not compared: Auscult does not offer that fit (README: ill-posed).
 */
class GammaThresholdFixtureTest {

    static Stream<Arguments> thresholdCases() {
        return MetricFixtures.arguments("threshold.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("thresholdCases")
    void locZeroMaximumLikelihoodMatchesScipyWithin1e9AndThresholdWithin1e4(String name, JsonNode c) {
        double[] scores = doubles(c.get("scores"));
        assertThat(scores).hasSize(c.get("n").asInt());
        JsonNode expected = c.get("expected").get("mle_floc0");
        if (expected.get("a").isNull()) {
            assertThat(expected.get("undefined").asText()).contains("score <= 0");
            assertThatThrownBy(() -> GammaThreshold.fit(scores))
                    .isInstanceOf(UndefinedMetricException.class)
                    .hasMessageContaining("score at index 0 is 0.0, not positive");
            return;
        }
        GammaThreshold threshold = GammaThreshold.fit(scores);
        GammaFit fit = threshold.fit();
        assertThat(fit.estimator()).isEqualTo(GammaEstimator.MAXIMUM_LIKELIHOOD);
        assertThat(fit.loc()).isEqualTo(0.0);
        assertRelative("a", fit.shape(), number(expected.get("a")), 1e-9);
        assertRelative("scale", fit.scale(), number(expected.get("scale")), 1e-9);
        assertRelative("loglik", fit.logLikelihood(scores), number(expected.get("loglik")), 1e-9);
        assertRelative("ppf90", threshold.value(), number(expected.get("ppf90")), 1e-4);
        assertThat(threshold.level()).isEqualTo(0.9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("thresholdCases")
    void momentFitMatchesFormulasWithin1e12AndThresholdWithin1e4(String name, JsonNode c) {
        double[] scores = doubles(c.get("scores"));
        JsonNode expected = c.get("expected").get("moments_floc0");
        GammaThreshold threshold = GammaThreshold.fit(scores, 0.9, GammaEstimator.MOMENTS);
        GammaFit fit = threshold.fit();
        assertThat(fit.estimator()).isEqualTo(GammaEstimator.MOMENTS);
        assertRelative("a", fit.shape(), number(expected.get("a")), 1e-12);
        assertRelative("scale", fit.scale(), number(expected.get("scale")), 1e-12);
        double loglik = number(expected.get("loglik"));
        if (Double.isInfinite(loglik)) {
            assertThat(fit.logLikelihood(scores)).isEqualTo(loglik);
        } else {
            assertRelative("loglik", fit.logLikelihood(scores), loglik, 1e-12);
        }
        assertRelative("ppf90", threshold.value(), number(expected.get("ppf90")), 1e-4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("thresholdCases")
    void fixedLocationFitsMatchScipyProfilePointsWithin1e9(String name, JsonNode c) {
        double[] scores = doubles(c.get("scores"));
        JsonNode points = c.get("expected").get("fixed_loc_profile_points");
        assertThat(points.size()).isPositive();
        for (JsonNode p : points) {
            double loc = number(p.get("loc"));
            GammaFit fit = GammaFit.maximumLikelihood(scores, loc);
            String at = "loc " + loc + ": ";
            assertRelative(at + "a", fit.shape(), number(p.get("a")), 1e-9);
            assertRelative(at + "scale", fit.scale(), number(p.get("scale")), 1e-9);
            assertRelative(at + "loglik", fit.logLikelihood(scores), number(p.get("loglik")), 1e-9);
        }
    }

    private static void assertRelative(String what, double actual, double expected, double relative) {
        assertThat(actual).as(what).isCloseTo(expected, within(relative * Math.abs(expected)));
    }
}
