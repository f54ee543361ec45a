package io.auscult.metrics;

import static io.auscult.metrics.MetricFixtures.doubles;
import static io.auscult.metrics.MetricFixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of decisions.json: strict score > threshold, counts exact, ratios within 1e-15. */
class DecisionsFixtureTest {

    static Stream<Arguments> decisionCases() {
        return MetricFixtures.arguments("decisions.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisionCases")
    void decisionsCountsAndRatiosMatchScikitLearn(String name, JsonNode c) {
        double threshold = MetricFixtures.number(c.get("threshold"));
        double[] scores = doubles(c.get("scores"));
        boolean[] anomalous = labels(c.get("labels"));
        JsonNode expected = c.get("expected");

        assertThat(ThresholdDecision.decide(scores, threshold)).containsExactly(labels(expected.get("decisions")));
        ConfusionCounts counts = ConfusionCounts.atThreshold(scores, anomalous, threshold);
        assertThat(counts).isEqualTo(new ConfusionCounts(expected.get("tp").asInt(), expected.get("fp").asInt(),
                expected.get("tn").asInt(), expected.get("fn").asInt()));
        assertThat(counts.total()).isEqualTo(scores.length);
        assertThat(counts.precision()).as("precision").isCloseTo(expected.get("precision").doubleValue(), within(1e-15));
        assertThat(counts.recall()).as("recall").isCloseTo(expected.get("recall").doubleValue(), within(1e-15));
        assertThat(counts.f1()).as("f1").isCloseTo(expected.get("f1").doubleValue(), within(1e-15));
    }
}
