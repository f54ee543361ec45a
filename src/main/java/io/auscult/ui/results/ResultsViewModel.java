package io.auscult.ui.results;

import io.auscult.data.Condition;
import io.auscult.detect.DetectorEvaluation;
import io.auscult.detect.Evaluation;
import io.auscult.engine.AtomicFile;
import io.auscult.metrics.Auc;
import io.auscult.metrics.ConfusionCounts;
import io.auscult.metrics.PartialAuc;
import io.auscult.metrics.RocCurve;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results of one model on its test set: rows (file, score, decision, label), the ROC
 * curve with AUC and pAUC (threshold-free), and at the current threshold the confusion counts
 * with precision, recall and F1. Moving the threshold re-decides every row and updates the
 * figures at once; nothing is recomputed on the compute thread.
 */
public final class ResultsViewModel {

    private final ObservableList<ResultRow> rows = FXCollections.observableArrayList();
    private final DoubleProperty threshold = new SimpleDoubleProperty(Double.NaN);
    /** The threshold the model was fitted with, to go back to. */
    private final DoubleProperty fittedThreshold = new SimpleDoubleProperty(Double.NaN);
    private final ReadOnlyObjectWrapper<Optional<RocCurve>> roc = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyObjectWrapper<Optional<ConfusionCounts>> counts = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No results yet: load or train a model.");
    private final ReadOnlyStringWrapper decisionSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper kindSummary = new ReadOnlyStringWrapper("");
    private List<Evaluation.KindRow> kinds = List.of();
    private final ObjectProperty<String> title = new SimpleObjectProperty<>("");
    private double auc = Double.NaN;
    private double pauc = Double.NaN;

    public ResultsViewModel() {
        threshold.addListener((o, a, b) -> redecide());
    }

    /** Shows a new set of results with the model's threshold. */
    public void show(String name, List<ResultRow> newRows, double modelThreshold) {
        show(name, newRows, modelThreshold, modelThreshold);
    }

    /** Shows a new set of results, decided at {@code current} (the model's own is {@code modelThreshold}). */
    public void show(String name, List<ResultRow> newRows, double modelThreshold, double current) {
        title.set(name);
        fittedThreshold.set(modelThreshold);
        double[] scores = newRows.stream().filter(r -> r.label() != Condition.UNKNOWN)
                .mapToDouble(ResultRow::score).toArray();
        boolean[] labels = labels(newRows);
        auc = Double.NaN;
        pauc = Double.NaN;
        Optional<RocCurve> curve = Optional.empty();
        if (hasBothClasses(labels)) {
            RocCurve c = RocCurve.of(scores, labels);
            curve = Optional.of(c);
            auc = Auc.of(c);
            pauc = PartialAuc.of(c, PartialAuc.DEFAULT_MAX_FPR);
        }
        roc.set(curve);
        kinds = DetectorEvaluation.byKind(newRows.stream()
                .map(r -> new Evaluation.ScoredFile(r.recording(), r.score(), false)).toList());
        kindSummary.set(kindLine(kinds));
        // The threshold first, then the rows: views that fit their axes to the rows then see
        // this model's threshold, not the previous one's.
        rows.clear();
        threshold.set(current);
        rows.setAll(newRows);
        redecide();
    }

    public void clear() {
        title.set("");
        rows.clear();
        roc.set(Optional.empty());
        counts.set(Optional.empty());
        auc = Double.NaN;
        pauc = Double.NaN;
        kinds = List.of();
        kindSummary.set("");
        summary.set("No results yet: load or train a model.");
        decisionSummary.set("");
    }

    private static boolean[] labels(List<ResultRow> rows) {
        List<ResultRow> known = rows.stream().filter(r -> r.label() != Condition.UNKNOWN).toList();
        boolean[] labels = new boolean[known.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = known.get(i).label() == Condition.ANOMALY;
        }
        return labels;
    }

    private static boolean hasBothClasses(boolean[] labels) {
        boolean pos = false;
        boolean neg = false;
        for (boolean b : labels) {
            pos |= b;
            neg |= !b;
        }
        return pos && neg;
    }

    private void redecide() {
        double t = threshold.get();
        rows.forEach(r -> r.decide(t));
        List<ResultRow> known = rows.stream().filter(r -> r.label() != Condition.UNKNOWN).toList();
        if (known.isEmpty()) {
            counts.set(Optional.empty());
            summary.set(rows.isEmpty() ? "No results yet: load or train a model." : rows.size() + " files, no labels");
            decisionSummary.set("");
            return;
        }
        boolean[] truth = new boolean[known.size()];
        boolean[] decided = new boolean[known.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = known.get(i).label() == Condition.ANOMALY;
            decided[i] = known.get(i).isAnomalous();
        }
        ConfusionCounts c = ConfusionCounts.of(truth, decided);
        counts.set(Optional.of(c));
        summary.set(String.format(Locale.ROOT, "%d files (%d anomalous)   AUC %s   pAUC(0.1) %s", known.size(),
                c.truePositives() + c.falseNegatives(), figure(auc), figure(pauc)));
        decisionSummary.set(String.format(Locale.ROOT,
                "threshold %.4g   TP %d  FP %d  TN %d  FN %d   precision %s  recall %s  F1 %s", t,
                c.truePositives(), c.falsePositives(), c.trueNegatives(), c.falseNegatives(),
                figure(c.precision()), figure(c.recall()), figure(c.f1())));
    }

    /**
     * "AUC by anomaly kind: bearing whine 0.70 · broadband burst 0.89 · ...", each kind against
     * all normal clips (as `auscult evaluate` prints it); empty when the labels name no kinds.
     */
    private static String kindLine(List<Evaluation.KindRow> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder("AUC by anomaly kind (against all normal clips):");
        String sep = "  ";
        for (Evaluation.KindRow r : rows) {
            line.append(sep).append(r.kind().replace('_', ' ')).append(' ').append(figure(r.auc()))
                    .append(" (").append(r.anomalies()).append(')');
            sep = " · ";
        }
        return line.toString();
    }

    private static String figure(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.3f", x) : "n/a";
    }

    /** Writes the table as CSV (file, score, decision 1 = anomalous, label), atomically. */
    public void exportCsv(Path target) throws IOException {
        StringBuilder text = new StringBuilder("file,score,decision,label\n");
        for (ResultRow r : rows) {
            text.append(quote(r.name())).append(',').append(String.format(Locale.ROOT, "%.8g", r.score()))
                    .append(',').append(r.isAnomalous() ? 1 : 0).append(',').append(r.label().word()).append('\n');
        }
        AtomicFile.write(target, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    public double auc() {
        return auc;
    }

    public double pauc() {
        return pauc;
    }

    public ObservableList<ResultRow> rows() {
        return rows;
    }

    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    public DoubleProperty fittedThresholdProperty() {
        return fittedThreshold;
    }

    public ReadOnlyObjectProperty<Optional<RocCurve>> rocProperty() {
        return roc.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<ConfusionCounts>> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The per-kind AUC line, empty unless the dataset names its anomalies' kinds (synthetic sets do). */
    public ReadOnlyStringProperty kindSummaryProperty() {
        return kindSummary.getReadOnlyProperty();
    }

    /** The per-kind rows behind {@link #kindSummaryProperty()}. */
    public List<Evaluation.KindRow> kinds() {
        return kinds;
    }

    public ReadOnlyStringProperty decisionSummaryProperty() {
        return decisionSummary.getReadOnlyProperty();
    }

    public ObjectProperty<String> titleProperty() {
        return title;
    }
}
