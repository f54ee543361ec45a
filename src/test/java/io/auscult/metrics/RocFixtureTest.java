package io.auscult.metrics;

import static io.auscult.metrics.MetricFixtures.doubles;
import static io.auscult.metrics.MetricFixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of roc.json: scikit-learn's roc_auc_score, max_fpr=0.1 and roc_curve. */
class RocFixtureTest {

    private static final double TOLERANCE = 1e-12;

    static Stream<Arguments> rocCases() {
        return MetricFixtures.arguments("roc.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rocCases")
    void aucAndPaucMatchScikitLearnWithin1e12(String name, JsonNode c) {
        double[] scores = doubles(c.get("scores"));
        boolean[] anomalous = labels(c.get("labels"));
        JsonNode expected = c.get("expected");
        if (expected.get("auc").isNull()) {
            assertThatThrownBy(() -> Auc.of(scores, anomalous))
                    .isInstanceOf(UndefinedMetricException.class)
                    .hasMessageContaining("needs both normal and anomalous clips");
            assertThatThrownBy(() -> PartialAuc.of(scores, anomalous))
                    .isInstanceOf(UndefinedMetricException.class)
                    .hasMessageContaining("needs both normal and anomalous clips");
            return;
        }
        RocCurve curve = RocCurve.of(scores, anomalous);
        assertThat(curve.normals()).isEqualTo(c.get("n_normal").asInt());
        assertThat(curve.anomalies()).isEqualTo(c.get("n_anomaly").asInt());
        assertThat(Auc.of(scores, anomalous)).as("auc")
                .isCloseTo(expected.get("auc").doubleValue(), within(TOLERANCE));
        assertThat(PartialAuc.of(scores, anomalous)).as("pauc")
                .isCloseTo(expected.get("pauc").doubleValue(), within(TOLERANCE));
        assertThat(PartialAuc.rawArea(curve, 0.1)).as("partial_area_raw")
                .isCloseTo(expected.get("partial_area_raw").doubleValue(), within(TOLERANCE));
        // The dropped-point curve must give the same areas (it is what scikit-learn integrates).
        RocCurve dropped = curve.withoutIntermediatePoints();
        assertThat(Auc.of(dropped)).isCloseTo(expected.get("auc").doubleValue(), within(TOLERANCE));
        assertThat(PartialAuc.of(dropped, 0.1)).isCloseTo(expected.get("pauc").doubleValue(), within(TOLERANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rocCases")
    void rocPointsMatchScikitLearnRocCurveWithoutDropping(String name, JsonNode c) {
        JsonNode expected = c.get("expected");
        if (!expected.has("roc_fpr")) {
            return;
        }
        RocCurve curve = RocCurve.of(doubles(c.get("scores")), labels(c.get("labels")));
        assertThat(curve.fpr()).containsExactly(doubles(expected.get("roc_fpr")), within(1e-15));
        assertThat(curve.tpr()).containsExactly(doubles(expected.get("roc_tpr")), within(1e-15));
        assertThat(curve.thresholds()[0]).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
