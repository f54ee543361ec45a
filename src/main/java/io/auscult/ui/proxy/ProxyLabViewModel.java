package io.auscult.ui.proxy;

import io.auscult.data.DatasetScanner;
import io.auscult.data.ScanResult;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.BackgroundTask;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.engine.TaskHandle;
import io.auscult.proxy.AlignmentTest;
import io.auscult.proxy.LabDetector;
import io.auscult.proxy.LabGrid;
import io.auscult.proxy.LabReport;
import io.auscult.proxy.ModelResult;
import io.auscult.proxy.ProxyLab;
import io.auscult.proxy.ProxyTaskKind;
import io.auscult.proxy.StageCheck;
import io.auscult.ui.task.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * State and actions of the proxy lab view (issue 8): which tasks, which data, which grid; Run on
 * the compute executor through the workbench's {@link TaskRunner} (progress and Cancel in its
 * status bar); then the models, the alignment tests, the stage verdicts, the scatter points of
 * the chosen task and axis, and the selected model's details. Testable without a stage: give it
 * a {@link TaskRunner} on a current-thread executor and a fake {@link Lab}.
 *
 * <p>{@link #openSelected} opens the selected model, for one machine type of the lab's data, in
 * the workbench's detection and explanation views (through the {@link Opener} the workbench
 * gives): a reconstruction model as the conv AE it is, any other as the lab's Mahalanobis
 * detector on its encoder ({@link LabDetector}).
 */
public final class ProxyLabViewModel {

    /** Runs the lab on a dataset folder: {@link #REAL} scans it and calls {@link ProxyLab#run}. */
    @FunctionalInterface
    public interface Lab {
        ProxyLab.Result run(Path data, ProxyLab.Request request, Progress progress, Cancellation cancellation)
                throws Exception;

        Lab REAL = (data, request, progress, cancellation) -> {
            ScanResult scan = new DatasetScanner().scan(data);
            ProxyLab.Result r = ProxyLab.run(scan, request, progress, cancellation);
            cancellation.throwIfCancelled();
            return r;
        };
    }

    /** Hands a detector to the workbench: it builds it on the compute thread, scores {@code data}'s test set and shows it. */
    @FunctionalInterface
    public interface Opener {
        void open(String title, Path data, BackgroundTask.Work<TrainedDetector> detector);
    }

    /** The y axis of the scatter plot. */
    public enum Axis {
        LP_AUC("LP AUC"), MD_AUC("MD AUC");

        private final String label;

        Axis(String label) {
            this.label = label;
        }

        double of(ModelResult m) {
            return this == LP_AUC ? m.lpAuc() : m.mdAuc();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One point of the scatter plot: the task's proxy metric against the chosen AUC. */
    public record Point(double x, double y, ModelResult model) {
    }

    private final TaskRunner tasks;
    private final Lab lab;
    private final Map<ProxyTaskKind, BooleanProperty> chosen = new EnumMap<>(ProxyTaskKind.class);
    private final ObjectProperty<Path> data = new SimpleObjectProperty<>();
    private final BooleanProperty quick = new SimpleBooleanProperty(true);
    private final ObjectProperty<ProxyTaskKind> scatterTask = new SimpleObjectProperty<>();
    private final ObjectProperty<Axis> axis = new SimpleObjectProperty<>(Axis.LP_AUC);
    private final ObservableList<ModelResult> models = FXCollections.observableArrayList();
    private final ObservableList<AlignmentTest> tests = FXCollections.observableArrayList();
    private final ObservableList<StageCheck> stages = FXCollections.observableArrayList();
    private final ObservableList<ProxyTaskKind> scatterTasks = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ModelResult> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose tasks and data, then Run.");
    private final SimpleBooleanProperty running = new SimpleBooleanProperty(false);
    private final ObservableList<String> machines = FXCollections.observableArrayList();
    private final ObjectProperty<String> machine = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper openable = new ReadOnlyBooleanWrapper(false);
    private Opener opener;
    private Path resultData;
    private ProxyLab.Result result;
    private TaskHandle<ProxyLab.Result> handle;

    public ProxyLabViewModel(TaskRunner tasks, Lab lab) {
        this.tasks = tasks;
        this.lab = lab;
        for (ProxyTaskKind k : ProxyTaskKind.values()) {
            chosen.put(k, new SimpleBooleanProperty(true));
        }
        selected.addListener((o, a, m) -> {
            details.set(m == null ? "" : describe(m, result != null && LabDetector.opens(result, m.model())));
            openable.set(m != null && result != null && opener != null && LabDetector.opens(result, m.model()));
        });
    }

    /** Whether {@code task} is to be run. */
    public BooleanProperty taskChosen(ProxyTaskKind task) {
        return chosen.get(task);
    }

    public ObjectProperty<Path> dataProperty() {
        return data;
    }

    /** The quick grid (1 capacity x 4 checkpoints) when true, the default grid otherwise. */
    public BooleanProperty quickProperty() {
        return quick;
    }

    /**
     * Starts the lab; does nothing but say why when no task is chosen, no data folder is set, or
     * a lab is already running. Returns the task's handle, or null when it did not start.
     */
    public TaskHandle<ProxyLab.Result> run() {
        Set<ProxyTaskKind> set = EnumSet.noneOf(ProxyTaskKind.class);
        chosen.forEach((k, p) -> {
            if (p.get()) {
                set.add(k);
            }
        });
        if (set.isEmpty()) {
            status.set("Choose at least one proxy task.");
            return null;
        }
        Path folder = data.get();
        if (folder == null) {
            status.set("Choose a dataset folder first.");
            return null;
        }
        if (running.get()) {
            status.set("The lab is already running.");
            return null;
        }
        ProxyLab.Request request = new ProxyLab.Request(set, quick.get() ? LabGrid.QUICK : LabGrid.DEFAULT, 42);
        running.set(true);
        status.set("Running the " + request.grid().name() + " grid on " + folder + "…");
        handle = tasks.run(BackgroundTask.of("proxy lab", (progress, cancel) ->
                lab.run(folder, request, progress, cancel)), new TaskRunner.Outcome<>() {
                    @Override
                    public void succeeded(ProxyLab.Result value) {
                        show(value, folder);
                        running.set(false);
                    }

                    @Override
                    public void cancelled() {
                        running.set(false);
                        status.set("Cancelled; the previous results (if any) are still shown.");
                    }

                    @Override
                    public void failed(String message, Throwable error) {
                        running.set(false);
                        status.set("The lab failed: " + message);
                    }
                });
        return handle;
    }

    /** Asks the running lab to stop (it stops at the next checkpoint of its training loop). */
    public void cancel() {
        if (handle != null && running.get()) {
            handle.cancel();
            status.set("Cancelling…");
        }
    }

    /** Where "Open in workbench" sends a model; without one (a lab window on its own) nothing opens. */
    public void setOpener(Opener opener) {
        this.opener = opener;
    }

    /**
     * Opens the selected model in the workbench for the chosen machine type (an AE or an md
     * detector, see {@link LabDetector}), or says why not. Returns whether it was handed over.
     */
    public boolean openSelected() {
        ModelResult m = selected.get();
        String forMachine = machine.get();
        if (m == null || result == null) {
            status.set("Select a model first.");
            return false;
        }
        if (!LabDetector.opens(result, m.model())) {
            status.set(m.model() + " was not kept by this lab run.");
            return false;
        }
        if (opener == null || forMachine == null) {
            status.set(opener == null ? "Open the lab from the workbench to open its models there."
                    : "Choose the machine type to open the model for.");
            return false;
        }
        ProxyLab.Result lab = result;
        Path folder = resultData;
        opener.open("Open " + m.model() + " for " + forMachine, folder, (progress, cancel) ->
                LabDetector.open(lab, m.model(), forMachine, folder.toString(), progress, cancel));
        status.set("Opening " + m.model() + " for " + forMachine + " in the workbench…");
        return true;
    }

    /** Shows a lab's result: tables, the first trainable task in the scatter plot, nothing selected. */
    void show(ProxyLab.Result r, Path folder) {
        result = r;
        resultData = folder;
        List<String> kinds = r.data() == null ? List.of() : LabDetector.machines(r);
        machines.setAll(kinds);
        machine.set(kinds.isEmpty() ? null : kinds.get(0));
        selected.set(null);
        models.setAll(r.models());
        tests.setAll(r.alignment().tests());
        stages.setAll(r.alignment().stages());
        List<ProxyTaskKind> plotted = new ArrayList<>();
        for (ModelResult m : r.models()) {
            if (Double.isFinite(m.proxyMetric()) && !plotted.contains(m.task())) {
                plotted.add(m.task());
            }
        }
        scatterTasks.setAll(plotted);
        scatterTask.set(plotted.isEmpty() ? null : plotted.get(0));
        long rejected = r.alignment().tests().stream().filter(AlignmentTest::reject).count();
        status.set(String.format(Locale.ROOT, "%d models, %d correlation tests, %d survive Benjamini-Hochberg "
                + "at 0.05 (%s grid).", r.models().size(), r.alignment().tests().size(), rejected,
                r.request().grid().name()));
    }

    /** The chosen task's models as points (proxy metric, chosen AUC); models without both are left out. */
    public List<Point> points() {
        List<Point> out = new ArrayList<>();
        ProxyTaskKind t = scatterTask.get();
        for (ModelResult m : models) {
            double y = axis.get().of(m);
            if (m.task() == t && Double.isFinite(m.proxyMetric()) && Double.isFinite(y)) {
                out.add(new Point(m.proxyMetric(), y, m));
            }
        }
        return out;
    }

    /** Selects a model (from a table row or a scatter point), or clears the selection with null. */
    public void select(ModelResult m) {
        selected.set(m);
    }

    /** Writes the lab's CSV/JSON/HTML report into {@code dir}, as {@code auscult proxy} does. */
    public void saveReport(Path dir) {
        if (result == null) {
            status.set("Run the lab before saving its report.");
            return;
        }
        try {
            List<Path> written = LabReport.write(result, dir);
            status.set("Wrote " + written.size() + " files into " + dir);
        } catch (IOException | RuntimeException e) {
            status.set("Could not write the report into " + dir + ": " + e.getMessage());
        }
    }

    static String describe(ModelResult m, boolean opens) {
        return String.format(Locale.ROOT, """
                %s  (task %s, capacity %s, epoch %d, embedding %d)
                proxy metric %s = %s   training loss %s
                LP AUC %s   MD AUC %s   direct AUC %s   direct pAUC %s   effective rank %s
                %s""",
                m.model(), m.task().word(), m.capacity(), m.epoch(), m.embeddingDim(), m.task().metricName(),
                fmt(m.proxyMetric()), fmt(m.trainLoss()), fmt(m.lpAuc()), fmt(m.mdAuc()), fmt(m.directAuc()),
                fmt(m.directPauc()), fmt(m.effectiveRank()), !opens ? ""
                        : m.task() == ProxyTaskKind.RECONSTRUCTION
                        ? "A conv AE: \"Open in workbench\" shows it as an AE detector in the detection and explanation "
                        + "views (and saves it as a .auscult file from there if you wish)."
                        : "\"Open in workbench\" shows it as the lab's Mahalanobis detector on this encoder (kind md): "
                        + "the gradient methods explain its score; it does not reconstruct its input, so the error "
                        + "map, occlusion and the replacement test do not apply.");
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    public ObservableList<ModelResult> models() {
        return models;
    }

    public ObservableList<AlignmentTest> tests() {
        return tests;
    }

    public ObservableList<StageCheck> stages() {
        return stages;
    }

    /** The tasks that have a proxy metric to plot (the frozen pretrained encoder has none). */
    public ObservableList<ProxyTaskKind> scatterTasks() {
        return scatterTasks;
    }

    public ObjectProperty<ProxyTaskKind> scatterTaskProperty() {
        return scatterTask;
    }

    public ObjectProperty<Axis> axisProperty() {
        return axis;
    }

    /** The machine types of the lab's data: a lab model opens as a detector for one of them. */
    public ObservableList<String> machines() {
        return machines;
    }

    public ObjectProperty<String> machineProperty() {
        return machine;
    }

    /** Whether the selected model can be opened in the workbench (a reconstruction model, an opener set). */
    public ReadOnlyBooleanProperty openableProperty() {
        return openable.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ModelResult> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public TaskRunner tasks() {
        return tasks;
    }
}
