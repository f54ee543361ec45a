package io.auscult.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainScoreEvaluateCommandTest {

    @Test
    void trainThenScoreThenEvaluateOnTheDemoSet(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("pump.auscult");
        CliRun train = CliRun.of("train", "--data", "samples", "--machine", "pump", "--model", "dense",
                "--epochs", "2", "--out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("Trained dense on pump: 11 training + 1 validation clips", "Threshold", "Saved");
        assertThat(model).isNotEmptyFile();

        Path bad = dir.resolve("broken.wav");
        Files.write(bad, new byte[] {'R', 'I', 'F', 'F', 1, 2});
        CliRun score = CliRun.of("score", "--model", model.toString(), "samples/pump/test", bad.toString());
        assertThat(score.exitCode()).isEqualTo(1);
        List<String> rows = score.out().lines().toList();
        assertThat(rows.get(0)).isEqualTo("file,score,decision");
        assertThat(rows).hasSize(1 + 8);
        assertThat(rows.get(1)).matches("samples/pump/test/anomaly_id_00_00000000\\.wav,[0-9.e+-]+,[01]");
        assertThat(score.err()).contains("broken.wav", "1 of 9 files could not be scored");

        Path results = dir.resolve("results");
        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", "samples", "--out",
                results.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).containsPattern("pump +id_00 +4 +4 +[01]\\.[0-9]{4} +[01]\\.[0-9]{4}")
                .contains("harmonic mean", "precision");
        assertThat(results.resolve("anomaly_score_pump_id_00_test.csv")).isNotEmptyFile();
        assertThat(Files.readAllLines(results.resolve("decision_result_pump_id_00_test.csv"))).hasSize(8);
        JsonNode summary = new ObjectMapper().readTree(results.resolve("summary.json").toFile());
        double auc = summary.at("/sections/0/auc").asDouble();
        assertThat(auc).isBetween(0.0, 1.0);
        assertThat(summary.get("harmonicMeanAuc").asDouble()).isEqualTo(auc);
        assertThat(Files.readString(results.resolve("summary.csv"))).startsWith("machine,section,normal,anomaly,auc,pauc\n");

        // The demo set's manifest names each clip's domain, so the DCASE 2021+ view is there too:
        // the target AUC is its one target normal clip (index 3) against all four anomalies.
        assertThat(evaluate.out()).contains("By domain", "Official score");
        java.util.Map<String, Double> scores = new java.util.HashMap<>();
        for (String line : Files.readAllLines(results.resolve("anomaly_score_pump_id_00_test.csv"))) {
            String[] cells = line.split(",");
            scores.put(cells[0], Double.parseDouble(cells[1]));
        }
        double targetNormal = scores.get("normal_id_00_00000003.wav");
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double a = scores.get("anomaly_id_00_0000000" + i + ".wav");
            expected += a > targetNormal ? 1 : a == targetNormal ? 0.5 : 0;
        }
        assertThat(summary.at("/domains/sections/0/aucTarget").asDouble()).isEqualTo(expected / 4);
        assertThat(Files.readString(results.resolve("summary_domains.csv")))
                .startsWith("machine,section,auc_source,auc_target,pauc\npump,id_00,").contains("official score");

        // ...and each anomaly's kind: the demo's four pump anomalies are four kinds, so each row is
        // one anomaly against the four normal clips.
        assertThat(evaluate.out()).contains("By anomaly kind", "broadband_burst", "harmonic_shift");
        double whine = scores.get("anomaly_id_00_00000002.wav");
        double whineAuc = 0;
        for (int i = 0; i < 4; i++) {
            double n = scores.get("normal_id_00_0000000" + i + ".wav");
            whineAuc += whine > n ? 1 : whine == n ? 0.5 : 0;
        }
        assertThat(summary.get("anomalyKinds")).hasSize(4);
        JsonNode whineRow = null;
        for (JsonNode k : summary.get("anomalyKinds")) {
            whineRow = k.get("kind").asText().equals("bearing_whine") ? k : whineRow;
        }
        assertThat(whineRow).isNotNull();
        assertThat(whineRow.get("normal").asInt()).isEqualTo(4);
        assertThat(whineRow.get("anomaly").asInt()).isEqualTo(1);
        assertThat(whineRow.get("auc").asDouble()).isEqualTo(whineAuc / 4);
        assertThat(Files.readString(results.resolve("summary_kinds.csv")))
                .startsWith("anomaly_kind,normal,anomaly,auc,pauc\nbroadband_burst,4,1,");
    }

    @Test
    void trainRefusesAMachineWithoutTrainingClipsAndAWrongExtension(@TempDir Path dir) {
        CliRun none = CliRun.of("train", "--data", "samples", "--machine", "ToyCar", "--out",
                dir.resolve("x.auscult").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("ToyCar", "at least 2");
        assertThat(dir.resolve("x.auscult")).doesNotExist();
        CliRun ext = CliRun.of("train", "--data", "samples", "--machine", "fan", "--out", dir.resolve("x.zip").toString());
        assertThat(ext.exitCode()).isEqualTo(2);
        assertThat(ext.err()).contains(".auscult");
        CliRun mask = CliRun.of("train", "--data", "samples", "--machine", "fan", "--model", "mae", "--mask", "blocks",
                "--out", dir.resolve("x.auscult").toString());
        assertThat(mask.exitCode()).isEqualTo(2);
        assertThat(mask.err()).contains("'blocks'", "patches, time, frequency");
        CliRun aeMask = CliRun.of("train", "--data", "samples", "--machine", "fan", "--model", "ae", "--mask", "time",
                "--out", dir.resolve("x.auscult").toString());
        assertThat(aeMask.exitCode()).isEqualTo(2);
        assertThat(aeMask.err()).contains("MAE only");
        assertThat(dir.resolve("x.auscult")).doesNotExist();
    }

    /**
     * {@code train --score band}: the model scores by its worst band, so its own evaluation gives the
     * AUC that the band-score analysis gives for the same network (statistics from the same normal
     * training clips); {@code model-info} says so; the dense AE refuses the option.
     */
    @Test
    void aModelTrainedToScoreByItsWorstBandEvaluatesAsTheBandScoreAnalysis(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("pump-band.auscult");
        CliRun train = CliRun.of("train", "--data", "samples", "--machine", "pump", "--model", "ae", "--epochs", "1",
                "--widths", "8,16,4", "--score", "band", "--out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("normal training band scores");
        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", "samples", "--band-score",
                "--out", dir.resolve("r").toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        String own = Files.readAllLines(dir.resolve("r/summary.csv")).get(1);
        String band = Files.readAllLines(dir.resolve("r/summary_band.csv")).get(1);
        assertThat(own).startsWith("pump,id_00,4,4,");
        assertThat(Double.parseDouble(own.split(",")[4])).isEqualTo(Double.parseDouble(band.split(",")[5]));
        CliRun info = CliRun.of("model-info", model.toString());
        assertThat(info.out()).contains("score        worst mel band");
        assertThat(CliRun.of("model-info", "samples/models/pump-mae.auscult").out())
                .contains("score        mean squared reconstruction error");
        CliRun dense = CliRun.of("train", "--data", "samples", "--machine", "pump", "--model", "dense", "--score",
                "band", "--out", dir.resolve("d.auscult").toString());
        assertThat(dense.exitCode()).isEqualTo(2);
        assertThat(dense.err()).contains("band score is for the conv AE and the MAE");
        assertThat(dir.resolve("d.auscult")).doesNotExist();
    }

    @Test
    void evaluateWithBandScoreGivesTheAucOfTheWorstStandardisedBand(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("band");
        CliRun run = CliRun.of("evaluate", "--model", "samples/models/pump-mae.auscult", "--data", "samples",
                "--band-score", "--out", results.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Band score (the worst mel band's error, standardised over 12 normal training clips)");

        // The same figure from the pieces: statistics of the 12 normal training clips' error maps,
        // then each labelled test clip's worst standardised band.
        io.auscult.data.ScanResult scan = new io.auscult.data.DatasetScanner().scan(Path.of("samples"));
        double expected;
        try (io.auscult.detect.TrainedDetector d = io.auscult.store.ModelFile.read(
                Path.of("samples/models/pump-mae.auscult"), io.auscult.detect.Networks.LOADER)) {
            io.auscult.detect.RecordingScorer scorer = new io.auscult.detect.RecordingScorer(d);
            List<io.auscult.features.Spectrogram> normals = new java.util.ArrayList<>();
            List<Double> scores = new java.util.ArrayList<>();
            List<Boolean> labels = new java.util.ArrayList<>();
            for (io.auscult.data.Recording r : scan.recordings()) {
                if (r.labels().machineType().equals("pump") && r.labels().split() == io.auscult.data.Split.TRAIN) {
                    normals.add(scorer.score(r.path()).reconstruction().errorMap());
                }
            }
            io.auscult.detect.BandErrorStatistics stats = io.auscult.detect.BandErrorStatistics.fit(normals);
            for (io.auscult.data.Recording r : scan.recordings()) {
                if (r.labels().machineType().equals("pump") && r.labels().split() == io.auscult.data.Split.TEST) {
                    scores.add(stats.score(scorer.score(r.path()).reconstruction().errorMap()));
                    labels.add(r.labels().condition() == io.auscult.data.Condition.ANOMALY);
                }
            }
            boolean[] anomalous = new boolean[labels.size()];
            for (int i = 0; i < anomalous.length; i++) {
                anomalous[i] = labels.get(i);
            }
            expected = io.auscult.metrics.Auc.of(scores.stream().mapToDouble(Double::doubleValue).toArray(), anomalous);
        }
        List<String> csv = Files.readAllLines(results.resolve("summary_band.csv"));
        assertThat(csv.get(0)).isEqualTo("machine,section,anomaly_kind,normal,anomaly,auc,pauc");
        assertThat(csv.get(1)).startsWith("pump,id_00,,4,4,");
        assertThat(Double.parseDouble(csv.get(1).split(",")[5])).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
        // The per-kind rows follow, one per kind the demo's manifest names.
        assertThat(csv.stream().filter(l -> l.startsWith(",,"))).isNotEmpty();
    }
}
