package io.auscult.ui.compare;

import io.auscult.data.Condition;
import io.auscult.data.Recording;
import io.auscult.data.ScanResult;
import io.auscult.data.Split;
import io.auscult.data.UnusableFile;
import io.auscult.engine.BackgroundTask;
import io.auscult.engine.TaskHandle;
import io.auscult.explain.Attribution;
import io.auscult.explain.Attributions;
import io.auscult.faithfulness.ClipEvaluation;
import io.auscult.faithfulness.ComparisonClip;
import io.auscult.faithfulness.ComparisonDetector;
import io.auscult.faithfulness.ComparisonReport;
import io.auscult.faithfulness.ComparisonRow;
import io.auscult.faithfulness.ComparisonRun;
import io.auscult.faithfulness.ComparisonSettings;
import io.auscult.faithfulness.FaithfulnessMeasure;
import io.auscult.faithfulness.ReplacementCurve;
import io.auscult.faithfulness.ReplacementPerturbation;
import io.auscult.faithfulness.SanityCheck;
import io.auscult.store.ComparisonReportFiles;
import io.auscult.ui.model.LoadedModel;
import io.auscult.ui.task.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * State of the test-set comparison window (issue 7, "Side-by-side comparison"): the detectors of
 * one machine, its test clips and normal references, the methods chosen, the units and seed;
 * Run starts {@link ComparisonRun} on the compute executor, one task per detector, so the table
 * fills in as each detector finishes and Cancel stops the one running and those queued. The rows
 * are exactly {@link ComparisonRun}'s: a run per detector gives the same numbers as one run over
 * all of them (the run treats detectors independently: own references, own random orders from
 * the same seed).
 */
public final class TestSetComparisonViewModel {

    /** The methods ticked when the window opens: the cheap ones and the two best known. */
    public static final List<String> DEFAULT_METHODS = List.of("error", "saliency", "gradcam", "ig");

    /** How the input is cut into replacement units. */
    public enum Units {
        BINS("single bins", 1, 1),
        PATCHES("patches 16 × 8", 16, 8),
        SMALL_PATCHES("patches 8 × 4", 8, 4);

        private final String word;
        private final int mels;
        private final int frames;

        Units(String word, int mels, int frames) {
            this.word = word;
            this.mels = mels;
            this.frames = frames;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    /** One line of the chart: a detector x method mean curve over the clips. */
    public record Series(String detector, String method, double[] fractions, double[] drops) {
    }

    /**
     * The random-order baseline of one detector: the mean of every random curve of every clip
     * (clips x R), and the band mean +- one sample standard deviation of those curves.
     */
    public record Baseline(String detector, double[] fractions, double[] mean, double[] low, double[] high) {
    }

    private final TaskRunner tasks;
    private final String machine;
    private final List<ComparisonDetector> detectors;
    private final List<ComparisonClip> clips;
    private final List<Path> references;
    private final Map<String, BooleanProperty> chosen = new LinkedHashMap<>();
    private final ObjectProperty<Units> units = new SimpleObjectProperty<>(Units.BINS);
    private final IntegerProperty seed = new SimpleIntegerProperty(0);
    private final BooleanProperty sanity = new SimpleBooleanProperty(false);
    private final ObservableList<ComparisonRow> rows = FXCollections.observableArrayList();
    private final ObservableList<Series> series = FXCollections.observableArrayList();
    private final ObservableList<Baseline> baselines = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ComparisonReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final List<TaskHandle<ComparisonReport>> handles = new ArrayList<>();
    private final List<ComparisonReport> parts = new ArrayList<>();
    private int generation;

    /**
     * @param machine    the machine type, for titles
     * @param detectors  its detectors, in table order (used on the compute thread only)
     * @param clips      the test clips
     * @param references normal training clips (IG's mean baseline, GradientSHAP)
     */
    public TestSetComparisonViewModel(TaskRunner tasks, String machine, List<ComparisonDetector> detectors,
                                      List<ComparisonClip> clips, List<Path> references) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.machine = Objects.requireNonNull(machine, "machine");
        this.detectors = List.copyOf(detectors);
        this.clips = List.copyOf(clips);
        this.references = List.copyOf(references);
        for (String m : Attributions.methods()) {
            chosen.put(m, new SimpleBooleanProperty(DEFAULT_METHODS.contains(m)));
        }
        status.set(this.detectors.isEmpty() ? "No detector of machine '" + machine + "' is loaded: load or train one."
                : this.clips.isEmpty() ? "The open dataset has no test clips of machine '" + machine + "'."
                : String.format(Locale.ROOT, "%d detector(s), %d test clip(s) of %s. Choose methods, then Run.",
                this.detectors.size(), this.clips.size(), machine));
    }

    /**
     * The comparison of the open dataset's {@code machine}: every loaded model of that machine
     * (named by its file stem), the anomalous test clips (with their masks) or all test clips,
     * and up to {@code maxReferences} normal training clips.
     */
    public static TestSetComparisonViewModel forMachine(TaskRunner tasks, ScanResult scan, List<LoadedModel> models,
                                                        String machine, boolean anomalousOnly, int maxReferences) {
        List<ComparisonDetector> detectors = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (LoadedModel m : models) {
            if (!m.machine().equals(machine) || m.detector().reconstruction().isEmpty()) {
                continue; // the replacement test needs a reconstruction (not the embedding detector's)
            }
            String base = m.file().map(TestSetComparisonViewModel::stem)
                    .orElse(machine + "-" + m.kind().word().toLowerCase(Locale.ROOT));
            String name = base;
            for (int i = 2; !names.add(name); i++) {
                name = base + "-" + i;
            }
            detectors.add(new ComparisonDetector(name, m.detector()));
        }
        List<ComparisonClip> clips = new ArrayList<>();
        List<Path> refs = new ArrayList<>();
        if (scan != null) {
            for (Recording r : scan.recordings()) {
                if (!r.labels().machineType().equals(machine)) {
                    continue;
                }
                boolean anomalous = r.labels().condition() == Condition.ANOMALY;
                if (r.labels().split() == Split.TEST && (anomalous || !anomalousOnly)) {
                    clips.add(new ComparisonClip(r.path(), anomalous, r.mask()));
                } else if (r.labels().split() == Split.TRAIN && r.labels().condition() != Condition.ANOMALY
                        && refs.size() < maxReferences) {
                    refs.add(r.path());
                }
            }
        }
        return new TestSetComparisonViewModel(tasks, machine, detectors, clips, refs);
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Whether {@code method} (one of {@link Attributions#methods()}) takes part. */
    public BooleanProperty methodChosen(String method) {
        BooleanProperty p = chosen.get(method);
        if (p == null) {
            throw new IllegalArgumentException("unknown method '" + method + "'; known: " + chosen.keySet());
        }
        return p;
    }

    /** The settings the next run uses: R = 5 random orders, the standard grid, sanity on one clip if asked. */
    public ComparisonSettings settings() {
        Units u = units.get();
        long s = seed.get();
        return new ComparisonSettings(u.mels, u.frames,
                new FaithfulnessMeasure(ReplacementPerturbation.standard(), FaithfulnessMeasure.DEFAULT_RANDOM_ORDERS, s),
                SanityCheck.standard(s), sanity.get() ? 1 : 0, s);
    }

    /** The chosen methods with default parameters, in the order of {@link Attributions#methods()}. */
    public List<Attribution> methods() {
        List<Attribution> out = new ArrayList<>();
        chosen.forEach((m, p) -> {
            if (p.get()) {
                out.add(Attributions.create(m, Map.of()));
            }
        });
        return out;
    }

    /**
     * Starts the run: one task per detector on the compute executor, queued in table order; the
     * rows of each appear when it ends. Says why and returns false when nothing can run.
     */
    public boolean run() {
        if (running.get()) {
            status.set("A comparison is already running.");
            return false;
        }
        List<Attribution> methods = methods();
        if (methods.isEmpty()) {
            status.set("Choose at least one method.");
            return false;
        }
        if (detectors.isEmpty() || clips.isEmpty()) {
            return false;
        }
        ComparisonSettings settings = settings();
        int run = ++generation;
        rows.clear();
        series.clear();
        baselines.clear();
        parts.clear();
        handles.clear();
        report.set(null);
        running.set(true);
        status.set(String.format(Locale.ROOT, "Comparing %d method(s) on %d clip(s) of %s, %s…", methods.size(),
                clips.size(), machine, units.get()));
        int n = detectors.size();
        for (int d = 0; d < n && running.get() && run == generation; d++) {
            ComparisonDetector detector = detectors.get(d);
            double from = d / (double) n;
            double to = (d + 1) / (double) n;
            boolean last = d == n - 1;
            ComparisonRun comparison = new ComparisonRun(settings);
            TaskHandle<ComparisonReport> h = tasks.run(BackgroundTask.of("compare " + detector.name(),
                    (progress, cancel) -> comparison.run(List.of(detector), methods, clips, references,
                            progress.slice(from, to), cancel)), new TaskRunner.Outcome<>() {
                @Override
                public void succeeded(ComparisonReport value) {
                    if (run == generation) {
                        arrived(value, last);
                    }
                }

                @Override
                public void cancelled() {
                    if (run == generation && running.get()) {
                        stopped("Cancelled; the rows of the detectors that finished are shown.");
                    }
                }

                @Override
                public void failed(String message, Throwable error) {
                    if (run == generation && running.get()) {
                        handles.forEach(TaskHandle::cancel);
                        stopped("The comparison failed on " + detector.name() + ": " + message);
                    }
                }
            });
            handles.add(h);
        }
        return true;
    }

    private void arrived(ComparisonReport part, boolean last) {
        parts.add(part);
        ComparisonReport all = merge(parts);
        report.set(all);
        rows.addAll(part.rows());
        for (ComparisonRow r : part.rows()) {
            if (r.clips() > 0) {
                series.add(new Series(r.detector(), r.method(), r.fractions(), r.meanDrops()));
            }
        }
        baselines.addAll(baselines(part));
        if (last) {
            running.set(false);
            handles.clear();
            status.set(String.format(Locale.ROOT, "%d rows from %d detector(s) x %d clip(s)%s.", all.rows().size(),
                    detectors.size(), clips.size(), all.failed().isEmpty() ? ""
                            : "; " + all.failed().size() + " file(s) not used: " + all.failed().get(0).path()
                            .getFileName() + ": " + all.failed().get(0).reason()));
        } else {
            status.set(String.format(Locale.ROOT, "%d of %d detectors done…", parts.size(), detectors.size()));
        }
    }

    private void stopped(String message) {
        running.set(false);
        handles.clear();
        status.set(message);
    }

    /** Asks the running detector's comparison, and the queued ones, to stop. */
    public void cancel() {
        if (running.get()) {
            handles.forEach(TaskHandle::cancel);
            status.set("Cancelling…");
        }
    }

    /** One report of several runs over disjoint detectors, as one run over all of them gives. */
    static ComparisonReport merge(List<ComparisonReport> parts) {
        List<ComparisonRow> rows = new ArrayList<>();
        List<ClipEvaluation> clips = new ArrayList<>();
        Map<Path, UnusableFile> failed = new LinkedHashMap<>();
        for (ComparisonReport p : parts) {
            rows.addAll(p.rows());
            clips.addAll(p.clips());
            p.failed().forEach(f -> failed.putIfAbsent(f.path(), f));
        }
        return new ComparisonReport(rows, clips, List.copyOf(failed.values()),
                parts.isEmpty() ? List.of() : parts.get(0).settings());
    }

    /**
     * The random baseline of each detector in a report: every clip's R random curves (shared by
     * the methods of that detector and clip, so each counted once), their mean and +- 1 sd.
     */
    static List<Baseline> baselines(ComparisonReport report) {
        Map<String, Map<Path, List<ReplacementCurve>>> byDetector = new LinkedHashMap<>();
        for (ClipEvaluation e : report.clips()) {
            byDetector.computeIfAbsent(e.detector(), k -> new LinkedHashMap<>())
                    .putIfAbsent(e.file(), e.faithfulness().reference().curves());
        }
        List<Baseline> out = new ArrayList<>();
        byDetector.forEach((detector, byClip) -> {
            List<double[]> curves = new ArrayList<>();
            double[] fractions = null;
            for (List<ReplacementCurve> cs : byClip.values()) {
                for (ReplacementCurve c : cs) {
                    curves.add(c.drops());
                    fractions = fractions == null ? c.fractions() : fractions;
                }
            }
            int k = fractions.length;
            double[] mean = new double[k];
            double[] low = new double[k];
            double[] high = new double[k];
            for (int i = 0; i < k; i++) {
                double sum = 0;
                for (double[] c : curves) {
                    sum += c[i];
                }
                double m = sum / curves.size();
                double ss = 0;
                for (double[] c : curves) {
                    ss += (c[i] - m) * (c[i] - m);
                }
                double sd = curves.size() > 1 ? Math.sqrt(ss / (curves.size() - 1)) : 0;
                mean[i] = m;
                low[i] = m - sd;
                high[i] = m + sd;
            }
            out.add(new Baseline(detector, fractions, mean, low, high));
        });
        return out;
    }

    /** The title of exported reports. */
    public String title() {
        return "Auscult comparison: " + machine + ", " + clips.size() + " clip(s), "
                + String.join(" vs ", detectors.stream().map(ComparisonDetector::name).toList());
    }

    /**
     * Writes summary.csv, clips.csv, curves.csv, sanity.csv, summary.json, the PNG figures and
     * report.html into {@code dir} on the compute executor (the figures are drawn there).
     */
    public void export(Path dir) {
        ComparisonReport r = report.get();
        if (r == null || running.get()) {
            status.set("Run the comparison to the end before exporting it.");
            return;
        }
        String title = title();
        tasks.run(BackgroundTask.of("export comparison", (progress, cancel) ->
                ComparisonReportFiles.write(dir, r, title)), TaskRunner.outcome(
                written -> status.set("Wrote " + written.size() + " files into " + dir + " (open "
                        + written.get(written.size() - 1).getFileName() + ")"),
                message -> status.set("Could not write the report into " + dir + ": " + message)));
    }

    public String machine() {
        return machine;
    }

    public List<ComparisonDetector> detectors() {
        return detectors;
    }

    public List<ComparisonClip> clips() {
        return clips;
    }

    public List<Path> references() {
        return references;
    }

    public ObjectProperty<Units> unitsProperty() {
        return units;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    /** Whether the cascading-randomisation check runs (on the first clip; the costliest part). */
    public BooleanProperty sanityProperty() {
        return sanity;
    }

    /** The table: detector-major, methods in the order of {@link Attributions#methods()}. */
    public ObservableList<ComparisonRow> rows() {
        return rows;
    }

    public ObservableList<Series> series() {
        return series;
    }

    public ObservableList<Baseline> baselines() {
        return baselines;
    }

    /** The detectors finished so far as one report (null before the first). */
    public ReadOnlyObjectProperty<ComparisonReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public TaskRunner tasks() {
        return tasks;
    }
}
