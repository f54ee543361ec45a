package io.auscult.ui.results;

import io.auscult.audio.SampleEncoding;
import io.auscult.audio.WavInfo;
import io.auscult.data.Condition;
import io.auscult.data.Domain;
import io.auscult.data.Labels;
import io.auscult.data.Recording;
import io.auscult.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResultsViewModelTest {

    static Recording recording(String name, Condition condition) {
        Path p = Path.of("/data/fan/test/" + name).toAbsolutePath();
        return new Recording(p, new Labels("fan", "id_00", Domain.UNKNOWN, Split.TEST, condition, Map.of()),
                new WavInfo(p, 16000, 1, 160000, 16, SampleEncoding.PCM_S16, 44, 320044), Optional.empty());
    }

    /** Normals score 1, 2, 3, 4; anomalies 3.5, 5, 6. */
    static List<ResultRow> rows() {
        return List.of(
                new ResultRow(recording("normal_1.wav", Condition.NORMAL), "fan/test/normal_1.wav", 1),
                new ResultRow(recording("normal_2.wav", Condition.NORMAL), "fan/test/normal_2.wav", 2),
                new ResultRow(recording("normal_3.wav", Condition.NORMAL), "fan/test/normal_3.wav", 3),
                new ResultRow(recording("normal_4.wav", Condition.NORMAL), "fan/test/normal_4.wav", 4),
                new ResultRow(recording("anomaly_1.wav", Condition.ANOMALY), "fan/test/anomaly_1.wav", 3.5),
                new ResultRow(recording("anomaly_2.wav", Condition.ANOMALY), "fan/test/anomaly_2.wav", 5),
                new ResultRow(recording("anomaly_3.wav", Condition.ANOMALY), "fan/test/anomaly_3.wav", 6));
    }

    @Test
    void movingTheThresholdRedecidesEveryRowAndUpdatesPrecisionRecallF1() {
        ResultsViewModel vm = new ResultsViewModel();
        vm.show("fan", rows(), 4.5);
        // At 4.5: TP 2 (5, 6), FN 1 (3.5), FP 0, TN 4.
        assertThat(vm.countsProperty().get()).hasValueSatisfying(c -> {
            assertThat(c.truePositives()).isEqualTo(2);
            assertThat(c.falsePositives()).isZero();
            assertThat(c.precision()).isEqualTo(1.0);
            assertThat(c.recall()).isCloseTo(2 / 3.0, within(1e-12));
        });
        vm.thresholdProperty().set(3.2);
        // At 3.2: 3.5, 4, 5, 6 are anomalous: TP 3, FP 1 -> precision 0.75, recall 1, F1 6/7.
        assertThat(vm.rows().stream().filter(ResultRow::isAnomalous).count()).isEqualTo(4);
        assertThat(vm.countsProperty().get()).hasValueSatisfying(c -> {
            assertThat(c.precision()).isEqualTo(0.75);
            assertThat(c.recall()).isEqualTo(1.0);
            assertThat(c.f1()).isCloseTo(6 / 7.0, within(1e-12));
        });
        assertThat(vm.decisionSummaryProperty().get()).contains("precision 0.750", "recall 1.000", "F1 0.857");
    }

    @Test
    void aucAndPaucDoNotDependOnTheThreshold() {
        ResultsViewModel vm = new ResultsViewModel();
        vm.show("fan", rows(), 4.5);
        // 12 pairs (anomaly, normal): 3.5 beats 1, 2, 3; 5 and 6 beat all four: 11 of 12.
        assertThat(vm.auc()).isCloseTo(11 / 12.0, within(1e-12));
        double before = vm.pauc();
        vm.thresholdProperty().set(0);
        assertThat(vm.auc()).isCloseTo(11 / 12.0, within(1e-12));
        assertThat(vm.pauc()).isEqualTo(before);
        assertThat(vm.rocProperty().get()).isPresent();
    }

    @Test
    void whenTheLabelsNameTheAnomalyKindsEachKindGetsItsAucAgainstAllNormals() {
        ResultsViewModel vm = new ResultsViewModel();
        vm.show("fan", rows(), 4.5);
        assertThat(vm.kinds()).as("no kinds named").isEmpty();
        assertThat(vm.kindSummaryProperty().get()).isEmpty();

        List<ResultRow> named = new java.util.ArrayList<>(rows().subList(0, 4));
        named.add(new ResultRow(kind("anomaly_1.wav", "bearing_whine"), "fan/test/anomaly_1.wav", 3.5));
        named.add(new ResultRow(kind("anomaly_2.wav", "missing_impact"), "fan/test/anomaly_2.wav", 0.5));
        named.add(new ResultRow(kind("anomaly_3.wav", "bearing_whine"), "fan/test/anomaly_3.wav", 6));
        vm.show("fan", named, 4.5);
        // whine: 3.5 beats 1, 2, 3 and 6 beats all four: 7 of 8 pairs; missing impact beats none.
        assertThat(vm.kinds()).extracting(k -> k.kind()).containsExactly("bearing_whine", "missing_impact");
        assertThat(vm.kinds().get(0).auc()).isCloseTo(7 / 8.0, within(1e-12));
        assertThat(vm.kinds().get(1).auc()).isZero();
        assertThat(vm.kindSummaryProperty().get())
                .isEqualTo("AUC by anomaly kind (against all normal clips):  bearing whine 0.875 (2) · missing impact 0.000 (1)");
        vm.clear();
        assertThat(vm.kindSummaryProperty().get()).isEmpty();
    }

    private static Recording kind(String name, String anomalyKind) {
        Recording r = recording(name, Condition.ANOMALY);
        return new Recording(r.path(), r.labels().withAttribute(Labels.ANOMALY_KIND, anomalyKind), r.info(), r.mask());
    }

    @Test
    void oneClassOnlyGivesNoRocButStillDecisions() {
        ResultsViewModel vm = new ResultsViewModel();
        vm.show("fan", rows().subList(0, 4), 2.5);
        assertThat(vm.rocProperty().get()).isEmpty();
        assertThat(vm.auc()).isNaN();
        assertThat(vm.summaryProperty().get()).contains("AUC n/a");
        assertThat(vm.rows().stream().filter(ResultRow::isAnomalous).count()).isEqualTo(2);
    }

    @Test
    void exportedCsvHoldsTheDecisionsAtTheCurrentThreshold(@TempDir Path dir) throws Exception {
        ResultsViewModel vm = new ResultsViewModel();
        vm.show("fan", rows(), 4.5);
        vm.thresholdProperty().set(5.5);
        Path csv = dir.resolve("results.csv");
        vm.exportCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("file,score,decision,label");
        assertThat(lines).contains("fan/test/anomaly_3.wav,6.0000000,1,anomaly", "fan/test/anomaly_2.wav,5.0000000,0,anomaly");
        assertThat(lines).hasSize(8);
    }
}
