package io.auscult.ui.workbench;

import io.auscult.audio.AudioClip;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.audio.ClipPlayer;
import io.auscult.data.Condition;
import io.auscult.data.DatasetScanner;
import io.auscult.data.Recording;
import io.auscult.data.ScanResult;
import io.auscult.data.Split;
import io.auscult.data.synth.AnomalyMask;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.detect.DataSelection;
import io.auscult.detect.Detection;
import io.auscult.detect.DetectorKind;
import io.auscult.detect.DetectorTraining;
import io.auscult.detect.ScoreKind;
import io.auscult.detect.Networks;
import io.auscult.detect.RecordingScorer;
import io.auscult.detect.ScoredBatch;
import io.auscult.detect.Threshold;
import io.auscult.detect.TrainedDetector;
import io.auscult.detect.nn.MaeMaskKind;
import io.auscult.engine.BackgroundTask;
import io.auscult.engine.TaskHandle;
import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.store.ModelFile;
import io.auscult.ui.browser.BrowserNode;
import io.auscult.ui.browser.RecordingTree;
import io.auscult.ui.explain.ClipContext;
import io.auscult.ui.explain.ExplainViewModel;
import io.auscult.ui.explain.PerturbationViewModel;
import io.auscult.ui.explain.RegionPainter;
import io.auscult.ui.model.LoadedModel;
import io.auscult.ui.project.Project;
import io.auscult.ui.project.ProjectFile;
import io.auscult.ui.project.RecentFiles;
import io.auscult.ui.results.ResultRow;
import io.auscult.ui.results.ResultsViewModel;
import io.auscult.ui.spectrogram.LinearSpectrogram;
import io.auscult.ui.spectrogram.SpectrogramViewModel;
import io.auscult.ui.task.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The workbench's state and actions, without controls: the dataset and its tree, the models
 * open and the active one, the recording on screen with its score, the results of the
 * active model, and the project. Every action that reads audio or runs a model is a
 * {@link BackgroundTask} on the {@link TaskRunner}; its result is applied on the user
 * interface thread. Tests drive it with a current-thread executor.
 */
public final class WorkbenchViewModel {

    private final TaskRunner tasks;
    private final ObjectProperty<ScanResult> scan = new SimpleObjectProperty<>();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<BrowserNode> tree = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LoadedModel> models = FXCollections.observableArrayList();
    private final ObjectProperty<LoadedModel> activeModel = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Recording> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper selectedScore = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper selectedDecision = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper modelSummary = new ReadOnlyStringWrapper("No model: open one or train one.");
    private final ReadOnlyObjectWrapper<Path> projectFile = new ReadOnlyObjectWrapper<>();
    private final SpectrogramViewModel spectrogram = new SpectrogramViewModel();
    private final ResultsViewModel results = new ResultsViewModel();
    private final Map<LoadedModel, List<ResultRow>> resultsByModel = new HashMap<>();
    private final Map<LoadedModel, Double> thresholds = new HashMap<>();
    private final RecentFiles recent;
    private final ClipPlayer player = new ClipPlayer();
    private AudioClip clipOnScreen;
    private FeatureSpec specOnScreen = FeatureSpec.DCASE;
    private double selectedScoreValue = Double.NaN;
    private LoadedModel selectedScoredBy;
    private long selectionGeneration;
    private final ExplainViewModel explain;
    private final PerturbationViewModel perturbation;
    private final RegionPainter painter;

    public WorkbenchViewModel(TaskRunner tasks, RecentFiles recent) {
        this.tasks = tasks;
        this.recent = recent;
        this.explain = new ExplainViewModel(tasks, spectrogram, m -> normalTrainingClips(m.machine()));
        spectrogram.scaleProperty().addListener((o, a, b) -> {
            if (b == SpectrogramViewModel.Scale.LINEAR) {
                computeLinearOnScreen();
            }
        });
        this.perturbation = new PerturbationViewModel(explain);
        this.painter = new RegionPainter(explain, spectrogram);
        scan.addListener((o, a, b) -> rebuildTree());
        filter.addListener((o, a, b) -> rebuildTree());
        activeModel.addListener((o, a, b) -> showActiveModel());
        results.thresholdProperty().addListener((o, a, b) -> {
            LoadedModel m = activeModel.get();
            if (m != null && Double.isFinite(b.doubleValue())) {
                thresholds.put(m, b.doubleValue());
            }
            updateSelectedDecision();
        });
    }

    // ---------------------------------------------------------------- dataset

    /** Scans a dataset folder, CSV list or WAV file in the background and shows its tree. */
    public void openDataset(Path path) {
        tasks.run(BackgroundTask.of("Open " + path.getFileName(),
                        (progress, cancel) -> new DatasetScanner().scan(path, progress, cancel)),
                TaskRunner.outcome(s -> {
                    scan.set(s);
                    recent.add(path);
                    tasks.say(String.format(Locale.ROOT, "%s: %d recordings, %d not usable", path,
                            s.recordings().size(), s.unusable().size()));
                }, m -> { }));
    }

    private void rebuildTree() {
        ScanResult s = scan.get();
        tree.set(s == null ? null : RecordingTree.of(s, filter.get()));
    }

    /**
     * Opens the bundled demo: scans {@code samples}, loads every model in {@code modelsDir},
     * scores each model's test set, and shows the highest-scoring true anomaly of the first
     * model, so a first-time user sees a scored set without training anything.
     */
    public void openDemo(Path samples, Path modelsDir) {
        tasks.run(BackgroundTask.of("Open demo", (progress, cancel) -> {
            ScanResult s = new DatasetScanner().scan(samples, progress.slice(0, 0.1), cancel);
            List<Path> files = modelFiles(modelsDir);
            List<Scored> loaded = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                cancel.throwIfCancelled();
                Path f = files.get(i);
                progress.report(0.1 + 0.9 * i / files.size(), "loading " + f.getFileName());
                TrainedDetector d = ModelFile.read(f, Networks.LOADER);
                LoadedModel m = new LoadedModel(d, f);
                loaded.add(new Scored(m, evaluate(s, m, progress.slice(0.1 + 0.9 * (i + 0.2) / files.size(),
                        0.1 + 0.9 * (i + 1) / files.size()), cancel)));
            }
            return new Demo(s, loaded);
        }), TaskRunner.outcome(demo -> {
            for (Scored sc : demo.models()) {
                resultsByModel.put(sc.model(), sc.rows());
            }
            // One change for the model list, not one per model (each updates the combo box).
            models.addAll(demo.models().stream().map(Scored::model).toList());
            if (!demo.models().isEmpty()) {
                // Lead with the model that separates its test set best: the first thing a new
                // user sees should be a detector that works.
                activeModel.set(demo.models().stream().max(Comparator.comparingDouble(sc -> auc(sc.rows())))
                        .orElseThrow().model());
            }
            // The recordings tree in a later turn of the user interface thread: filling the
            // results and the tree, each followed by its first layout, in one turn blocked the
            // thread for their sum; in two turns the window keeps painting in between. Two
            // frames later, not one: the pulse after the results' waits for their painting
            // (44-76 ms in software), and the tree's filling (50-67 ms) right after it made the
            // longest gap of the load (docs/performance.md, session 8).
            tasks.later(() -> tasks.later(() -> showDemoTree(demo, modelsDir)));
        }, m -> { }));
    }

    /** The second part of the demo's arrival: the recordings tree and the first recording. */
    private void showDemoTree(Demo demo, Path modelsDir) {
        scan.set(demo.scan());
        if (!demo.models().isEmpty()) {
            results.rows().stream().filter(r -> r.label() == Condition.ANOMALY)
                    .max(Comparator.comparingDouble(ResultRow::score))
                    // The first recording in a third turn: the tree's first layout and the
                    // selection's (tree, table and spectrogram) would otherwise share one pulse.
                    .ifPresent(r -> tasks.later(() -> {
                        if (selected.get() == null) { // the user (or --clip) may have chosen already
                            select(r.recording());
                        }
                    }));
            tasks.say(String.format(Locale.ROOT, "Demo: %d recordings, %d models scored. Click a row "
                    + "in Results or a file in the browser.", demo.scan().recordings().size(), demo.models().size()));
        } else {
            tasks.say("Demo: no models in " + modelsDir + " — train one with Model > Train (Ctrl+T).");
        }
    }

    /** AUC of scored rows, or -1 where it is undefined (one class only). */
    static double auc(List<ResultRow> rows) {
        List<ResultRow> known = rows.stream().filter(r -> r.label() != Condition.UNKNOWN).toList();
        double[] scores = known.stream().mapToDouble(ResultRow::score).toArray();
        boolean[] anomalous = new boolean[known.size()];
        for (int i = 0; i < anomalous.length; i++) {
            anomalous[i] = known.get(i).label() == Condition.ANOMALY;
        }
        try {
            return io.auscult.metrics.Auc.of(scores, anomalous);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private record Demo(ScanResult scan, List<Scored> models) {
    }

    private record Scored(LoadedModel model, List<ResultRow> rows) {
    }

    private static List<Path> modelFiles(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(ModelFile.EXTENSION))
                    .sorted(Comparator.comparing((Path p) -> kindRank(p)).thenComparing(Path::toString))
                    .toList();
        }
    }

    /** Order of the model list: MAE (the better detector on the demo set), AE, then dense. */
    private static int kindRank(Path p) {
        String n = p.getFileName().toString();
        return n.contains("-mae.") ? 0 : n.contains("-ae.") ? 1 : 2;
    }

    /**
     * Scores the test recordings of the model's machine (compute thread). Unlike the DCASE
     * evaluation this accepts any test set, labelled or not, one class or both: the results
     * view computes AUC and pAUC when the labels allow it and says so when they do not.
     */
    private static List<ResultRow> evaluate(ScanResult s, LoadedModel m, io.auscult.engine.Progress progress,
                                            io.auscult.engine.Cancellation cancel) {
        Map<Path, Recording> tests = new LinkedHashMap<>();
        DataSelection selection = DataSelection.machine(m.machine());
        for (Recording r : s.recordings()) {
            if (r.labels().split() == Split.TEST && selection.includes(r)) {
                tests.put(r.path(), r);
            }
        }
        ScoredBatch batch = new RecordingScorer(m.detector()).scoreAll(List.copyOf(tests.keySet()), progress, cancel);
        List<ResultRow> rows = new ArrayList<>();
        for (ScoredBatch.Scored f : batch.scored()) {
            rows.add(new ResultRow(tests.get(f.file()), relative(s.root(), f.file()), f.score()));
        }
        return rows;
    }

    static String relative(Path root, Path file) {
        try {
            return root.relativize(file).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return file.getFileName().toString();
        }
    }

    // ---------------------------------------------------------------- selection

    /** Shows a recording: log-mel, ground-truth mask, and the model's score and error curve. */
    public void select(Recording r) {
        if (r == null) {
            return;
        }
        LoadedModel model = modelFor(r);
        if (model != null && model != activeModel.get()) {
            // The results follow the recording's machine. Switched before the selection
            // changes, so that showing the other model's results does not select again.
            activeModel.set(model);
        }
        selected.set(r);
        long generation = ++selectionGeneration;
        selectedScore.set("scoring...");
        selectedDecision.set("");
        boolean linearWanted = spectrogram.scaleProperty().get() == SpectrogramViewModel.Scale.LINEAR;
        tasks.run(BackgroundTask.of("Show " + r.path().getFileName(), (progress, cancel) -> {
            FeatureSpec spec = model == null ? FeatureSpec.DCASE : model.detector().features();
            progress.report(0.1, "decoding");
            AudioClip clip = AudioLoader.load(r.path(), ChannelChoice.MEAN, spec.sampleRate());
            Spectrogram logMel = new LogMelExtractor(spec).extract(clip);
            AnomalyMask mask = null;
            String note = "";
            // The scan's mask, or one saved beside the WAV since (a user's annotation).
            Optional<Path> maskFile = r.mask().or(() -> java.nio.file.Files.isRegularFile(
                    AnomalyMaskCsv.besideWav(r.path())) ? Optional.of(AnomalyMaskCsv.besideWav(r.path())) : Optional.empty());
            if (maskFile.isPresent()) {
                try {
                    AnomalyMask m = AnomalyMaskCsv.read(maskFile.get());
                    if (m.frames() == logMel.frames() && m.mels() == logMel.mels()) {
                        mask = m;
                    } else {
                        note = "mask " + m.frames() + "x" + m.mels() + " does not fit the log-mel "
                                + logMel.frames() + "x" + logMel.mels() + "; not shown";
                    }
                } catch (IOException | RuntimeException e) {
                    note = "mask not shown: " + e.getMessage();
                }
            }
            cancel.throwIfCancelled();
            Detection detection = null;
            if (model != null) {
                progress.report(0.5, "scoring with " + model.kind().word());
                detection = new RecordingScorer(model.detector()).score(clip);
            }
            // The linear-frequency picture only while that scale is chosen: a few ms for a 10-s
            // clip, but 250 ms and 38 MB for 10 minutes; switching to it computes it then.
            Spectrogram linear = linearWanted ? LinearSpectrogram.of(clip.samples(), spec) : null;
            return new Shown(clip, logMel, linear, mask, detection, note);
        }), TaskRunner.outcome(shown -> {
            if (generation != selectionGeneration) {
                return;
            }
            clipOnScreen = shown.clip();
            specOnScreen = model == null ? FeatureSpec.DCASE : model.detector().features();
            float[] errors = shown.detection() == null ? null : frameErrors(shown.detection());
            spectrogram.noCurveTextProperty().set(shown.detection() != null && errors == null
                    ? "no per-frame error: the " + model.kind().word() + " detector scores the clip's whole embedding"
                    : SpectrogramViewModel.NO_MODEL_CURVE);
            spectrogram.show(r.path().getFileName() + "   (" + r.labels().machineType() + " · "
                    + r.labels().machineId() + " · " + r.labels().split().word() + " · "
                    + r.labels().condition().word() + ")", shown.logMel(), shown.mask(), errors);
            spectrogram.setLinear(shown.linear());
            selectedScoredBy = model;
            explain.setContext(shown.detection() == null ? null : new ClipContext(model, r,
                    shown.clip(), shown.logMel(), shown.detection().input(), shown.detection().reconstruction(),
                    shown.detection().score(),
                    Optional.ofNullable(shown.mask())));
            selectedScoreValue = shown.detection() == null ? Double.NaN : shown.detection().score();
            selectedScore.set(shown.detection() == null ? "no model for " + r.labels().machineType()
                    : String.format(Locale.ROOT, "%.4f", selectedScoreValue));
            updateSelectedDecision();
            if (!shown.note().isEmpty()) {
                tasks.say(r.path().getFileName() + ": " + shown.note());
            }
        }, m -> {
            if (generation == selectionGeneration) {
                selectedScore.set("cannot show: " + m);
                explain.setContext(null);
                spectrogram.clear();
            }
        }));
    }

    private record Shown(AudioClip clip, Spectrogram logMel, Spectrogram linear, AnomalyMask mask,
                         Detection detection, String note) {
    }

    /** The normal training recordings of a machine in the open dataset (baselines of the explanation methods). */
    public List<Path> normalTrainingClips(String machine) {
        ScanResult s = scan.get();
        if (s == null) {
            return List.of();
        }
        return s.recordings().stream()
                .filter(r -> r.labels().machineType().equals(machine))
                .filter(r -> r.labels().split() == io.auscult.data.Split.TRAIN
                        && r.labels().condition() != io.auscult.data.Condition.ANOMALY)
                .map(Recording::path).toList();
    }

    /** The budget slider, listening and painted-region state for the clip on screen. */
    public PerturbationViewModel perturbation() {
        return perturbation;
    }

    public RegionPainter painter() {
        return painter;
    }

    /** The explanation views' state for the clip on screen. */
    public ExplainViewModel explain() {
        return explain;
    }

    /** Mean squared error of each frame over the bands (the score is its mean over frames); null without a reconstruction. */
    static float[] frameErrors(Detection d) {
        return d.reconstruction() == null ? null : SpectrogramViewModel.frameMeans(d.reconstruction().errorMap());
    }

    /** The active model if it is for this machine, else the first open model that is. */
    private LoadedModel modelFor(Recording r) {
        LoadedModel a = activeModel.get();
        if (a != null && a.machine().equals(r.labels().machineType())) {
            return a;
        }
        return models.stream().filter(m -> m.machine().equals(r.labels().machineType())).findFirst()
                .orElse(a != null && "unknown".equals(r.labels().machineType()) ? a : null);
    }

    private void updateSelectedDecision() {
        if (!Double.isFinite(selectedScoreValue) || selectedScoredBy == null) {
            selectedDecision.set("");
            return;
        }
        double t = thresholdOf(selectedScoredBy);
        boolean anomalous = selectedScoreValue > t;
        selectedDecision.set(String.format(Locale.ROOT, "%s (threshold %.4f)", anomalous ? "ANOMALOUS" : "normal", t));
    }

    private double thresholdOf(LoadedModel m) {
        return thresholds.getOrDefault(m, m.modelThreshold());
    }

    // ---------------------------------------------------------------- models

    private void showActiveModel() {
        LoadedModel m = activeModel.get();
        if (m == null) {
            results.clear();
            modelSummary.set("No model: open one or train one.");
            return;
        }
        modelSummary.set(String.format(Locale.ROOT, "%s model for %s%nthreshold %.4f (%s)", m.kind().word()
                .toUpperCase(Locale.ROOT), m.machine(), m.modelThreshold(), m.detector().threshold().method()));
        // Read the user's threshold first: showing the results sets the threshold property.
        double t = thresholdOf(m);
        results.show(m.displayName(), resultsByModel.getOrDefault(m, List.of()), m.modelThreshold(), t);
        Recording r = selected.get();
        if (r != null && r.labels().machineType().equals(m.machine()) && selectedScoredBy != m) {
            select(r);
        }
    }

    /** Loads a model file and scores its machine's test set when a dataset is open. */
    public void loadModel(Path file) {
        ScanResult s = scan.get();
        tasks.run(BackgroundTask.of("Load " + file.getFileName(), (progress, cancel) -> {
            LoadedModel m = new LoadedModel(ModelFile.read(file, Networks.LOADER), file);
            return new Scored(m, s == null ? List.of() : evaluate(s, m, progress.slice(0.3, 1), cancel));
        }), TaskRunner.outcome(sc -> {
            recent.add(file);
            addModel(sc.model(), sc.rows());
        }, m -> { }));
    }

    /**
     * Opens a detector made elsewhere (a model of the proxy lab): builds it on the compute thread,
     * scores its machine's test set of {@code data} (scanning that folder first when the workbench
     * shows another dataset or none), makes it the active model and selects the machine's
     * highest-scoring test anomaly, so the detection and explanation views show it at once.
     */
    public TaskHandle<?> openDetector(String title, Path data, BackgroundTask.Work<TrainedDetector> source) {
        ScanResult current = scan.get();
        return tasks.run(BackgroundTask.of(title, (progress, cancel) -> {
            ScanResult s = current;
            if (s == null || !sameFolder(s.root(), data)) {
                s = new DatasetScanner().scan(data, progress.slice(0, 0.2), cancel);
            }
            TrainedDetector d = source.run(progress.slice(0.2, 0.6), cancel);
            LoadedModel m = new LoadedModel(d, null);
            try {
                return new Opened(s, new Scored(m, evaluate(s, m, progress.slice(0.6, 1), cancel)));
            } catch (RuntimeException e) {
                d.close();
                throw e;
            }
        }), TaskRunner.outcome(o -> {
            if (o.scan() != scan.get()) {
                scan.set(o.scan());
            }
            addModel(o.scored().model(), o.scored().rows());
            o.scored().rows().stream().filter(r -> r.label() == Condition.ANOMALY)
                    .max(Comparator.comparingDouble(ResultRow::score))
                    .ifPresent(r -> select(r.recording()));
            tasks.say("Opened " + o.scored().model().displayName() + ": " + o.scored().rows().size()
                    + " test recordings scored.");
        }, m -> { }));
    }

    /** The linear STFT of the clip on screen, computed when that scale is first chosen for it. */
    private void computeLinearOnScreen() {
        AudioClip clip = clipOnScreen;
        FeatureSpec spec = specOnScreen;
        if (clip == null || spectrogram.linearProperty().get() != null) {
            return;
        }
        long generation = selectionGeneration;
        tasks.run(BackgroundTask.of("Linear spectrogram", (progress, cancel) -> LinearSpectrogram.of(clip.samples(),
                spec)), TaskRunner.outcome(linear -> {
                    if (generation == selectionGeneration) {
                        spectrogram.setLinear(linear);
                    }
                }, m -> { }));
    }

    private static boolean sameFolder(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private record Opened(ScanResult scan, Scored scored) {
    }

    private void addModel(LoadedModel m, List<ResultRow> rows) {
        resultsByModel.put(m, rows);
        models.add(m);
        activeModel.set(m);
    }

    /**
     * What the training dialog asks for. {@code epochs} 0 keeps the detector's default; empty
     * {@code widths} keep the reference encoder (conv AE and MAE); {@code mask} is the MAE's;
     * {@code score} what the conv AE or MAE scores by.
     */
    public record TrainingChoice(String machine, DetectorKind kind, int epochs, long seed, List<Integer> widths,
                                 MaeMaskKind mask, ScoreKind score) {
        public TrainingChoice {
            widths = List.copyOf(widths);
        }

        /** Scored by the mean squared error. */
        public TrainingChoice(String machine, DetectorKind kind, int epochs, long seed, List<Integer> widths,
                              MaeMaskKind mask) {
            this(machine, kind, epochs, seed, widths, mask, ScoreKind.MSE);
        }

        /** The reference widths, mask and score. */
        public TrainingChoice(String machine, DetectorKind kind, int epochs, long seed) {
            this(machine, kind, epochs, seed, List.of(), MaeMaskKind.PATCHES);
        }
    }

    /** Trains a model on the open dataset, then scores its test set; cancellable. */
    public TaskHandle<?> train(TrainingChoice choice) {
        ScanResult s = scan.get();
        if (s == null) {
            tasks.say("Open a dataset before training.");
            return null;
        }
        return tasks.run(BackgroundTask.of("Train " + choice.kind().word() + " on " + choice.machine(),
                (progress, cancel) -> {
                    TrainedDetector d = DetectorTraining.train(s, new DetectorTraining.Request(
                            DataSelection.machine(choice.machine()), choice.kind(), choice.seed(), choice.epochs(),
                            choice.widths(), choice.mask(), choice.score()), progress.slice(0, 0.85), cancel);
                    LoadedModel m = new LoadedModel(d, null);
                    return new Scored(m, evaluate(s, m, progress.slice(0.85, 1), cancel));
                }), TaskRunner.outcome(sc -> addModel(sc.model(), sc.rows()), m -> { }));
    }

    /** Scores the active model's test set again (after the dataset changed, for instance). */
    public void evaluateActive() {
        LoadedModel m = activeModel.get();
        ScanResult s = scan.get();
        if (m == null || s == null) {
            tasks.say("Open a dataset and a model first.");
            return;
        }
        tasks.run(BackgroundTask.of("Evaluate " + m.machine(), (progress, cancel) -> evaluate(s, m, progress, cancel)),
                TaskRunner.outcome(rows -> {
                    resultsByModel.put(m, rows);
                    if (activeModel.get() == m) {
                        showActiveModel();
                    }
                }, x -> { }));
    }

    /** Saves the active model with the threshold now in use (marked as set by the user if moved). */
    public void saveActiveModel(Path target) {
        LoadedModel m = activeModel.get();
        if (m == null) {
            tasks.say("No model to save.");
            return;
        }
        TrainedDetector toSave = withUserThreshold(m);
        tasks.run(BackgroundTask.of("Save " + target.getFileName(), (progress, cancel) -> {
            ModelFile.write(target, toSave);
            return target;
        }), TaskRunner.outcome(p -> {
            m.savedTo(p);
            recent.add(p);
            int i = models.indexOf(m);
            if (i >= 0) {
                models.set(i, m);
            }
            tasks.say("Saved " + p);
        }, x -> { }));
    }

    private TrainedDetector withUserThreshold(LoadedModel m) {
        double t = thresholdOf(m);
        return t == m.modelThreshold() ? m.detector() : m.detector().withThreshold(Threshold.setByUser(t));
    }

    public String modelInfo() {
        LoadedModel m = activeModel.get();
        return m == null ? "No model is open." : m.describe();
    }

    // ---------------------------------------------------------------- project

    /**
     * Saves the project atomically. Models trained in this session are saved first beside the
     * project ({@code NAME-machine-kind.auscult}), so the project never points at nothing.
     */
    public void saveProject(Path target) {
        List<LoadedModel> open = List.copyOf(models);
        Map<LoadedModel, TrainedDetector> unsaved = new LinkedHashMap<>();
        for (LoadedModel m : open) {
            if (m.file().isEmpty()) {
                unsaved.put(m, m.detector());
            }
        }
        ScanResult s = scan.get();
        LoadedModel active = activeModel.get();
        Recording shown = selected.get();
        String colour = spectrogram.colorMapProperty().get();
        Map<LoadedModel, Double> userThresholds = new HashMap<>(thresholds);
        Map<LoadedModel, List<ResultRow>> rows = new HashMap<>(resultsByModel);
        tasks.run(BackgroundTask.of("Save project " + target.getFileName(), (progress, cancel) -> {
            String stem = target.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            Map<LoadedModel, Path> written = new HashMap<>();
            for (var e : unsaved.entrySet()) {
                Path f = target.toAbsolutePath().resolveSibling(stem + "-" + e.getKey().machine() + "-"
                        + e.getKey().kind().word() + ModelFile.EXTENSION);
                ModelFile.write(f, e.getValue());
                written.put(e.getKey(), f);
            }
            List<String> files = new ArrayList<>();
            Map<String, Double> th = new HashMap<>();
            Map<String, List<Project.Score>> res = new HashMap<>();
            for (LoadedModel m : open) {
                String f = written.getOrDefault(m, m.file().orElse(null)).toAbsolutePath().toString();
                files.add(f);
                if (userThresholds.containsKey(m)) {
                    th.put(f, userThresholds.get(m));
                }
                List<Project.Score> scores = new ArrayList<>();
                for (ResultRow r : rows.getOrDefault(m, List.of())) {
                    scores.add(new Project.Score(r.recording().path().toString(), r.score()));
                }
                res.put(f, scores);
            }
            ProjectFile.write(target, new Project(ProjectFile.VERSION, s == null ? null : s.root().toString(), files,
                    open.indexOf(active), th, shown == null ? null : shown.path().toString(), colour, res));
            return written;
        }), TaskRunner.outcome(written -> {
            written.forEach(LoadedModel::savedTo);
            projectFile.set(target);
            recent.add(target);
            tasks.say("Saved project " + target);
        }, x -> { }));
    }

    /** Opens a project: its dataset, models, thresholds, results and the recording last shown. */
    public void openProject(Path file) {
        tasks.run(BackgroundTask.of("Open project " + file.getFileName(), (progress, cancel) -> {
            Project p = ProjectFile.read(file);
            ScanResult s = p.dataset() == null ? null
                    : new DatasetScanner().scan(Path.of(p.dataset()), progress.slice(0, 0.3), cancel);
            List<LoadedModel> loaded = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            Map<LoadedModel, List<ResultRow>> rows = new HashMap<>();
            for (String f : p.models()) {
                cancel.throwIfCancelled();
                try {
                    LoadedModel m = new LoadedModel(ModelFile.read(Path.of(f), Networks.LOADER), Path.of(f));
                    loaded.add(m);
                    rows.put(m, restoreRows(s, p.results().getOrDefault(f, List.of())));
                } catch (IOException e) {
                    problems.add(e.getMessage());
                }
            }
            return new OpenedProject(p, s, loaded, rows, problems);
        }), TaskRunner.outcome(op -> {
            closeModels();
            scan.set(op.scan());
            Project p = op.project();
            for (LoadedModel m : op.models()) {
                resultsByModel.put(m, op.rows().get(m));
                Double t = p.thresholds().get(m.file().map(Path::toString).orElse(""));
                if (t != null) {
                    thresholds.put(m, t);
                }
                models.add(m);
            }
            if (p.colorMap() != null) {
                spectrogram.colorMapProperty().set(p.colorMap());
            }
            int active = p.active() >= 0 && p.active() < p.models().size()
                    ? indexOfFile(op.models(), p.models().get(p.active())) : -1;
            activeModel.set(active >= 0 ? op.models().get(active) : op.models().stream().findFirst().orElse(null));
            projectFile.set(file);
            recent.add(file);
            if (op.scan() != null && p.selected() != null) {
                op.scan().recordings().stream().filter(r -> r.path().toString().equals(p.selected())).findFirst()
                        .ifPresent(this::select);
            }
            tasks.say(op.problems().isEmpty() ? "Opened project " + file
                    : "Opened project " + file + " with problems: " + String.join("; ", op.problems()));
        }, x -> { }));
    }

    private record OpenedProject(Project project, ScanResult scan, List<LoadedModel> models,
                                 Map<LoadedModel, List<ResultRow>> rows, List<String> problems) {
    }

    private static int indexOfFile(List<LoadedModel> models, String file) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).file().map(Path::toString).orElse("").equals(file)) {
                return i;
            }
        }
        return -1;
    }

    private static List<ResultRow> restoreRows(ScanResult s, List<Project.Score> scores) {
        if (s == null) {
            return List.of();
        }
        Map<String, Recording> byPath = new HashMap<>();
        s.recordings().forEach(r -> byPath.put(r.path().toString(), r));
        List<ResultRow> rows = new ArrayList<>();
        for (Project.Score sc : scores) {
            Recording r = byPath.get(sc.file());
            if (r != null) {
                rows.add(new ResultRow(r, relative(s.root(), r.path()), sc.score()));
            }
        }
        return rows;
    }

    private void closeModels() {
        activeModel.set(null);
        List<LoadedModel> old = List.copyOf(models);
        models.clear();
        resultsByModel.clear();
        thresholds.clear();
        // Networks hold native memory, used on the compute thread only: close them there.
        tasks.run(BackgroundTask.of("Close models", (p, c) -> {
            old.forEach(m -> m.detector().close());
            return old.size();
        }), TaskRunner.outcome(n -> { }, m -> { }));
    }

    // ---------------------------------------------------------------- playback

    /** Plays the selection (or the whole clip), once or in a loop; says why if it cannot. */
    public void play(boolean loop) {
        if (clipOnScreen == null) {
            tasks.say("Select a recording to play.");
            return;
        }
        double from = spectrogram.hasSelection() ? spectrogram.selectionStartProperty().get() : 0;
        double to = spectrogram.hasSelection() ? spectrogram.selectionEndProperty().get()
                : clipOnScreen.durationSeconds();
        try {
            player.play(clipOnScreen, from, to, loop);
            tasks.say(String.format(Locale.ROOT, "Playing %.2f-%.2f s%s", from, to, loop ? " in a loop" : ""));
        } catch (ClipPlayer.PlaybackUnavailableException e) {
            tasks.say("Cannot play: " + e.getMessage());
        }
    }

    /**
     * Plays another version of the clip on screen (reconstruction, repaired): from where playback
     * is when it is playing (an A/B switch), else from the selection or the start.
     */
    public void playVersion(AudioClip clip) {
        double from = player.isPlaying() ? player.positionSeconds()
                : spectrogram.hasSelection() ? spectrogram.selectionStartProperty().get() : 0;
        double to = spectrogram.hasSelection() ? spectrogram.selectionEndProperty().get() : clip.durationSeconds();
        if (!(from < to)) {
            from = 0;
        }
        try {
            player.play(clip, from, Math.min(to, clip.durationSeconds()), false);
            tasks.say(String.format(Locale.ROOT, "Playing %s from %.2f s", clip.source(), from));
        } catch (ClipPlayer.PlaybackUnavailableException e) {
            tasks.say("Cannot play: " + e.getMessage());
        }
    }

    public void stopPlayback() {
        player.stop();
        spectrogram.playheadProperty().set(Double.NaN);
    }

    /** Moves the playhead to where playback is (called every frame by the view while playing). */
    public void updatePlayhead() {
        spectrogram.playheadProperty().set(player.positionSeconds());
    }

    public boolean isPlaying() {
        return player.isPlaying();
    }

    /** The recordings of the demo test set in the tree's order: machines the models cover first. */
    public Optional<Recording> firstTestAnomaly() {
        ScanResult s = scan.get();
        return s == null ? Optional.empty() : s.recordings().stream()
                .filter(r -> r.labels().split() == Split.TEST && r.labels().condition() == Condition.ANOMALY)
                .findFirst();
    }

    public void shutdown() {
        player.close();
    }

    // ---------------------------------------------------------------- properties

    public TaskRunner tasks() {
        return tasks;
    }

    public ObjectProperty<ScanResult> scanProperty() {
        return scan;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyObjectProperty<BrowserNode> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    public ObservableList<LoadedModel> models() {
        return models;
    }

    public ObjectProperty<LoadedModel> activeModelProperty() {
        return activeModel;
    }

    public ReadOnlyObjectProperty<Recording> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedScoreProperty() {
        return selectedScore.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedDecisionProperty() {
        return selectedDecision.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modelSummaryProperty() {
        return modelSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> projectFileProperty() {
        return projectFile.getReadOnlyProperty();
    }

    public SpectrogramViewModel spectrogram() {
        return spectrogram;
    }

    public ResultsViewModel results() {
        return results;
    }

    public RecentFiles recent() {
        return recent;
    }
}
