package io.auscult.metrics;

import static io.auscult.metrics.MetricFixtures.doubles;
import static io.auscult.metrics.MetricFixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of dcase_summary.json: the DCASE 2023/2024 evaluator's per-section values and means. */
class DcaseSummaryFixtureTest {

    static Stream<Arguments> summaryCases() {
        return MetricFixtures.arguments("dcase_summary.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("summaryCases")
    void summaryMatchesTheDcaseEvaluatorWithin1e12(String name, JsonNode c) {
        DcaseSummary summary;
        if (c.get("kind").asText().equals("table")) {
            List<SectionScores> rows = new ArrayList<>();
            for (JsonNode r : c.get("rows")) {
                rows.add(new SectionScores(r.get("machine").asText(), r.get("section").asText(),
                        r.get("auc_source").doubleValue(), r.get("auc_target").doubleValue(),
                        r.get("pauc").doubleValue()));
            }
            summary = DcaseSummary.of(rows);
        } else {
            List<ScoredClip> clips = clips(c);
            List<SectionEvaluation> evaluations = SectionEvaluation.of(clips);
            JsonNode sections = c.get("sections");
            assertThat(evaluations).hasSize(sections.size());
            for (int i = 0; i < sections.size(); i++) {
                JsonNode expected = sections.get(i).get("expected");
                SectionEvaluation e = evaluations.get(i);
                String where = e.scores().machineType() + " " + e.scores().section();
                assertThat(e.scores().machineType()).isEqualTo(sections.get(i).get("machine").asText());
                assertThat(e.scores().section()).isEqualTo(sections.get(i).get("section").asText());
                assertClose(where + " auc_source", e.scores().aucSource(), expected.get("auc_source"));
                assertClose(where + " auc_target", e.scores().aucTarget(), expected.get("auc_target"));
                assertClose(where + " pauc", e.scores().pauc(), expected.get("pauc"));
                assertClose(where + " auc_all", e.aucAll(), expected.get("auc_all"));
            }
            summary = DcaseSummary.ofEvaluations(evaluations);
        }
        JsonNode expected = c.get("expected");
        JsonNode perMachine = expected.get("per_machine");
        assertThat(summary.machines()).hasSize(perMachine.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = perMachine.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            MachineSummary m = summary.machine(e.getKey()).orElseThrow();
            JsonNode x = e.getValue();
            String w = e.getKey() + " ";
            assertThat(m.sections()).isEqualTo(x.get("n_sections").asInt());
            assertClose(w + "amean_auc", m.ameanAuc(), x.get("amean_auc"));
            assertClose(w + "hmean_auc", m.hmeanAuc(), x.get("hmean_auc"));
            assertClose(w + "amean_auc_source", m.ameanAucSource(), x.get("amean_auc_source"));
            assertClose(w + "hmean_auc_source", m.hmeanAucSource(), x.get("hmean_auc_source"));
            assertClose(w + "amean_auc_target", m.ameanAucTarget(), x.get("amean_auc_target"));
            assertClose(w + "hmean_auc_target", m.hmeanAucTarget(), x.get("hmean_auc_target"));
            assertClose(w + "amean_pauc", m.ameanPauc(), x.get("amean_pauc"));
            assertClose(w + "hmean_pauc", m.hmeanPauc(), x.get("hmean_pauc"));
            assertClose(w + "hmean_all", m.hmeanAll(), x.get("hmean_all"));
        }
        OverallSummary o = summary.overall();
        JsonNode x = expected.get("overall");
        assertClose("official_score", o.officialScore(), x.get("official_score"));
        assertClose("amean_all", o.ameanAll(), x.get("amean_all"));
        assertClose("amean_auc", o.ameanAuc(), x.get("amean_auc"));
        assertClose("hmean_auc", o.hmeanAuc(), x.get("hmean_auc"));
        assertClose("hmean_auc_source", o.hmeanAucSource(), x.get("hmean_auc_source"));
        assertClose("hmean_auc_target", o.hmeanAucTarget(), x.get("hmean_auc_target"));
        assertClose("amean_pauc", o.ameanPauc(), x.get("amean_pauc"));
        assertClose("hmean_pauc", o.hmeanPauc(), x.get("hmean_pauc"));
        assertClose("hmean_of_machine_hmean_all", o.hmeanOfMachineHmeanAll(), x.get("hmean_of_machine_hmean_all"));
    }

    private static List<ScoredClip> clips(JsonNode c) {
        List<ScoredClip> clips = new ArrayList<>();
        for (JsonNode s : c.get("sections")) {
            double[] scores = doubles(s.get("scores"));
            boolean[] anomalous = labels(s.get("labels"));
            JsonNode domains = s.get("domains");
            for (int i = 0; i < scores.length; i++) {
                clips.add(new ScoredClip(s.get("machine").asText(), s.get("section").asText(),
                        domains.get(i).asText(), anomalous[i], scores[i]));
            }
        }
        return clips;
    }

    /**
     * 1e-12 absolute (README); values below 1e-12 (the eps-floored means of
     * table_with_zero_auc, about 1e-15) are compared to 1e-12 relative instead.
     */
    private static void assertClose(String what, double actual, JsonNode expectedNode) {
        double expected = MetricFixtures.number(expectedNode);
        double tolerance = Math.abs(expected) < 1e-12 ? 1e-12 * Math.abs(expected) : 1e-12;
        assertThat(actual).as(what).isCloseTo(expected, within(tolerance));
    }
}
