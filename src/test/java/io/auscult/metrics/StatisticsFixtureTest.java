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

/** Every case of ../shared/fixtures/stats within the tolerances its README gives. */
class StatisticsFixtureTest {

    static Stream<Arguments> correlation() {
        return StatsFixtures.arguments("correlation.json");
    }

    static Stream<Arguments> multipleTesting() {
        return StatsFixtures.arguments("multiple_testing.json");
    }

    static Stream<Arguments> covariance() {
        return StatsFixtures.arguments("covariance.json");
    }

    static Stream<Arguments> logistic() {
        return StatsFixtures.arguments("logistic.json");
    }

    static Stream<Arguments> sisdr() {
        return StatsFixtures.arguments("sisdr.json");
    }

    /** README: |p_java − p| ≤ 1e-9·p + 1e-14. */
    private static void assertP(String what, double actual, double expected) {
        assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(1e-9 * expected + 1e-14);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correlation")
    void correlationsMatchScipy(String name, JsonNode c) {
        double[] x = doubles(c.get("x"));
        double[] y = doubles(c.get("y"));
        JsonNode e = c.get("expected");
        if (e.has("undefined")) {
            assertThatThrownBy(() -> Pearson.of(x, y)).isInstanceOf(UndefinedMetricException.class)
                    .hasMessageContaining("constant");
            assertThatThrownBy(() -> Spearman.of(x, y)).isInstanceOf(UndefinedMetricException.class);
            assertThatThrownBy(() -> Kendall.of(x, y)).isInstanceOf(UndefinedMetricException.class);
            return;
        }
        Correlation pearson = Pearson.of(x, y);
        assertThat(pearson.r()).isCloseTo(number(e.get("pearson").get("r")), within(1e-12));
        assertP("pearson p", pearson.p(), number(e.get("pearson").get("p")));

        JsonNode sp = e.get("spearman");
        if (sp.has("ranks_x")) {
            assertThat(Spearman.ranks(x)).containsExactly(doubles(sp.get("ranks_x")), within(0.0));
            assertThat(Spearman.ranks(y)).containsExactly(doubles(sp.get("ranks_y")), within(0.0));
        }
        Correlation spearman = Spearman.of(x, y);
        assertThat(spearman.r()).isCloseTo(number(sp.get("rho")), within(1e-12));
        if (name.equals("n10_monotone_nonlinear") && spearman.r() == 1.0) {
            // README: SciPy's rho is 1 - 1 ulp (p 6.6e-64); exactly 1 with p = 0 is equally right.
            assertThat(spearman.p()).isZero();
        } else {
            assertP("spearman p", spearman.p(), number(sp.get("p")));
        }

        JsonNode kd = e.get("kendall");
        Kendall.Result kendall = Kendall.of(x, y);
        assertThat(kendall.correlation().r()).isCloseTo(number(kd.get("tau_b")), within(1e-12));
        assertThat(kendall.pMethod()).isEqualTo(kd.get("p_method").asText());
        assertThat(kendall.concordantMinusDiscordant()).isEqualTo(kd.get("concordant_minus_discordant").asLong());
        assertP("kendall p", kendall.correlation().p(), number(kd.get("p")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multipleTesting")
    void benjaminiHochbergAndHolmMatch(String name, JsonNode c) {
        double[] p = doubles(c.get("p"));
        double alpha = c.get("alpha").doubleValue();
        JsonNode e = c.get("expected");
        double[] bh = MultipleTesting.benjaminiHochberg(p);
        double[] holm = MultipleTesting.holm(p);
        double[] bhExpected = doubles(e.get("bh_adjusted"));
        double[] holmExpected = doubles(e.get("holm_adjusted"));
        for (int i = 0; i < p.length; i++) {
            assertThat(bh[i]).as("bh " + i).isCloseTo(bhExpected[i], within(1e-14 * Math.abs(bhExpected[i])));
            assertThat(holm[i]).as("holm " + i).isCloseTo(holmExpected[i], within(1e-14 * Math.abs(holmExpected[i])));
        }
        assertThat(MultipleTesting.reject(bh, alpha)).containsExactly(booleans(e.get("bh_reject")));
        assertThat(MultipleTesting.reject(holm, alpha)).containsExactly(booleans(e.get("holm_reject")));
    }

    private static boolean[] booleans(JsonNode a) {
        boolean[] out = new boolean[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asBoolean();
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("covariance")
    void ledoitWolfAndMahalanobisMatchScikitLearn(String name, JsonNode c) {
        LedoitWolf lw = LedoitWolf.fit(StatsFixtures.matrix(c.get("X")));
        JsonNode e = c.get("expected");
        assertRelative("location", lw.location(), doubles(e.get("location")), 1e-12);
        assertThat(lw.shrinkage()).isCloseTo(number(e.get("shrinkage")), within(1e-12));
        assertMatrix("S", lw.empirical(), StatsFixtures.matrix(e.get("empirical_covariance_ddof0")), 1e-12);
        assertMatrix("covariance", lw.covariance(), StatsFixtures.matrix(e.get("covariance")), 1e-12);
        assertMatrix("precision", lw.precision(), StatsFixtures.matrix(e.get("precision")), 1e-9);
        double[][] points = StatsFixtures.matrix(c.get("test_points"));
        double[] d2 = new double[points.length];
        double[] d = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            d2[i] = lw.mahalanobisSquared(points[i]);
            d[i] = lw.mahalanobis(points[i]);
        }
        assertRelative("mahalanobis squared", d2, doubles(e.get("mahalanobis_squared")), 1e-9);
        assertRelative("mahalanobis", d, doubles(e.get("mahalanobis")), 1e-9);
    }

    /** README: tolerance relative to max(1, |value|). */
    private static void assertRelative(String what, double[] actual, double[] expected, double tol) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as(what + " " + i).isCloseTo(expected[i], within(tol * Math.max(1, Math.abs(expected[i]))));
        }
    }

    private static void assertMatrix(String what, double[][] actual, double[][] expected, double tol) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertRelative(what + " row " + i, actual[i], expected[i], tol);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logistic")
    void logisticRegressionMatchesScikitLearn(String name, JsonNode c) {
        double[][] x = StatsFixtures.matrix(c.get("X"));
        int[] y = new int[c.get("y").size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = c.get("y").get(i).intValue();
        }
        LogisticRegression fit = LogisticRegression.fit(x, y, c.get("C").doubleValue());
        JsonNode e = c.get("expected");
        assertThat(fit.coef()).containsExactly(doubles(e.get("coef")), within(1e-6));
        assertThat(fit.intercept()).isCloseTo(number(e.get("intercept")), within(1e-6));
        double[] proba = doubles(e.get("predict_proba_1"));
        for (int i = 0; i < x.length; i++) {
            assertThat(fit.probability(x[i])).as("proba " + i).isCloseTo(proba[i], within(1e-6));
        }
        double objective = number(e.get("objective"));
        assertThat(fit.objective()).isCloseTo(objective, within(1e-9 * Math.abs(objective)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sisdr")
    void siSdrMatchesTheDefinition(String name, JsonNode c) {
        double[] ref = doubles(c.get("reference"));
        double[] est = doubles(c.get("estimate"));
        JsonNode e = c.get("expected");
        if (e.has("undefined")) {
            assertThatThrownBy(() -> SiSdr.of(est, ref)).isInstanceOf(UndefinedMetricException.class)
                    .hasMessageContaining("constant");
            return;
        }
        SiSdr s = SiSdr.of(est, ref);
        double alpha = number(e.get("alpha"));
        assertThat(s.alpha()).isCloseTo(alpha, within(1e-12 * Math.abs(alpha)));
        if (e.has("si_sdr_db_at_least")) {
            assertThat(s.db()).isGreaterThanOrEqualTo(number(e.get("si_sdr_db_at_least")));
        } else {
            double db = number(e.get("si_sdr_db"));
            if (Double.isInfinite(db)) {
                assertThat(s.db()).isEqualTo(db);
            } else {
                assertThat(s.db()).isCloseTo(db, within(1e-9));
            }
        }
        if (c.has("mixture")) {
            double[] mix = doubles(c.get("mixture"));
            assertThat(SiSdr.of(mix, ref).db()).isCloseTo(number(e.get("si_sdr_mixture_db")), within(1e-9));
            assertThat(SiSdr.improvement(est, mix, ref)).isCloseTo(number(e.get("si_sdr_improvement_db")), within(1e-9));
        }
    }
}
