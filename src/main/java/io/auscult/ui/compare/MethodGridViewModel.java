package io.auscult.ui.compare;

import io.auscult.audio.AudioClip;
import io.auscult.audio.AudioFormatException;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.data.Recording;
import io.auscult.data.synth.AnomalyMask;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.BackgroundTask;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.engine.TaskHandle;
import io.auscult.explain.Attribution;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.Attributions;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.store.OverlayRaster;
import io.auscult.faithfulness.ClipStudy;
import io.auscult.faithfulness.StudyCell;
import io.auscult.faithfulness.StudyDetector;
import io.auscult.faithfulness.StudyResult;
import io.auscult.faithfulness.StudyRow;
import io.auscult.faithfulness.StudySettings;
import io.auscult.ui.model.LoadedModel;
import io.auscult.ui.spectrogram.SpectrogramViewModel;
import io.auscult.ui.task.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * State of the method grid (issue 7, "Side-by-side comparison"): one clip, the loaded detectors
 * of its machine as rows, the chosen methods as columns. Run computes a {@link ClipStudy} on the
 * compute executor; its cells arrive one by one, cheap methods first, and each shows its map
 * over the clip's log-mel (the map as soon as it exists, the caption "method · gain +0.12 · loc
 * AUROC 0.83" once its curve is measured). The display
 * normalisation (mode, and one scale for every cell, per detector row, or per cell) is applied
 * here, on the user interface thread, whenever a cell arrives or the choice changes. One
 * {@link SpectrogramViewModel} holds the viewport every cell draws, so zoom and scroll are shared
 * by construction; so is the time cursor.
 */
public final class MethodGridViewModel {

    /** The methods ticked when the grid opens: the cheap ones and Integrated Gradients. */
    public static final List<String> DEFAULT_METHODS = List.of("error", "saliency", "gradcam", "ig");
    /** Normal training clips used as baselines (GradientSHAP; IG with the mean baseline). */
    public static final int REFERENCES = 3;

    /**
     * Which maps share one display scale. Each cell its own by default: the error map (squared
     * standardised error) and the gradient maps are in different units, so on one scale the
     * gradients all but vanish; a shared scale is for comparing methods of one kind.
     */
    public enum Scale {
        SHARED("one scale for all cells"),
        PER_ROW("one scale per detector"),
        PER_CELL("each cell its own scale");

        private final String word;

        Scale(String word) {
            this.word = word;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    /** One cell of the grid as the view shows it. */
    public static final class Cell {
        private final int row;
        private final int column;
        private final String method;
        private final ReadOnlyObjectWrapper<StudyCell> result = new ReadOnlyObjectWrapper<>();
        private final ReadOnlyObjectWrapper<Spectrogram> shown = new ReadOnlyObjectWrapper<>();
        private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper();
        private final ReadOnlyStringWrapper compact = new ReadOnlyStringWrapper();
        /** The map as soon as it exists (before its curve), then the result's. */
        private AttributionMap map;

        Cell(int row, int column, String method) {
            this.row = row;
            this.column = column;
            this.method = method;
            caption(method + " · waiting", "waiting");
        }

        public int row() {
            return row;
        }

        public int column() {
            return column;
        }

        public String method() {
            return method;
        }

        /** The study's cell, null until it has been computed. */
        public ReadOnlyObjectProperty<StudyCell> resultProperty() {
            return result.getReadOnlyProperty();
        }

        /** The display-normalised map ([-1, 1] or [0, 1]), null until computed or when it failed. */
        public ReadOnlyObjectProperty<Spectrogram> shownProperty() {
            return shown.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty captionProperty() {
            return caption.getReadOnlyProperty();
        }

        /** The caption for a narrow cell, without the method (the column header names it). */
        public ReadOnlyStringProperty compactCaptionProperty() {
            return compact.getReadOnlyProperty();
        }

        void caption(String full, String narrow) {
            caption.set(full);
            compact.set(narrow);
        }
    }

    /** A detector row: its label and, once the study has ended, its score against its threshold. */
    public static final class Row {
        private final String label;
        private final double threshold;
        private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper();

        Row(String label, double threshold) {
            this.label = label;
            this.threshold = threshold;
            caption.set(label);
        }

        public String label() {
            return label;
        }

        public ReadOnlyStringProperty captionProperty() {
            return caption.getReadOnlyProperty();
        }
    }

    private final TaskRunner tasks;
    private final Executor ui;
    private final Recording clip;
    private final List<LoadedModel> models;
    private final List<Path> references;
    private final Map<String, BooleanProperty> chosen = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
    private final ObjectProperty<DisplayNormalisation.Mode> mode =
            new SimpleObjectProperty<>(DisplayNormalisation.DEFAULT.mode());
    private final ObjectProperty<Scale> scale = new SimpleObjectProperty<>(Scale.PER_CELL);
    private final BooleanProperty patches = new SimpleBooleanProperty(false);
    private final IntegerProperty seed = new SimpleIntegerProperty(0);
    private final SpectrogramViewModel display = new SpectrogramViewModel();
    private final DoubleProperty opacity = new SimpleDoubleProperty(OverlayRaster.Style.DEFAULT.opacity());
    private final BooleanProperty contour = new SimpleBooleanProperty(false);
    private final DoubleProperty cursor = new SimpleDoubleProperty(Double.NaN);
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<Cell> cells = FXCollections.observableArrayList();
    private final List<StudyCell> arrivals = new ArrayList<>();
    private final ReadOnlyObjectWrapper<StudyResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private TaskHandle<StudyResult> handle;
    private int generation;

    /**
     * @param ui         runs work on the user interface thread ({@code Platform::runLater}; a
     *                   current-thread executor in view-model tests), for the cells as they arrive
     * @param clip       the recording
     * @param models     the detectors of its machine, in row order (used on the compute thread only)
     * @param references normal training recordings of the machine (baselines; may be empty)
     */
    public MethodGridViewModel(TaskRunner tasks, Executor ui, Recording clip, List<LoadedModel> models,
                               List<Path> references) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.clip = Objects.requireNonNull(clip, "clip");
        this.models = List.copyOf(models);
        this.references = List.copyOf(references).subList(0, Math.min(REFERENCES, references.size()));
        for (String m : Attributions.methods()) {
            chosen.put(m, new SimpleBooleanProperty(DEFAULT_METHODS.contains(m)));
        }
        for (LoadedModel m : this.models) {
            rows.add(new Row(label(m), m.modelThreshold()));
        }
        // Grey log-mel under coloured maps: two colour maps on top of each other cannot be read.
        display.colorMapProperty().set("gray");
        mode.addListener((o, a, b) -> renormalise());
        scale.addListener((o, a, b) -> renormalise());
        status.set(this.models.isEmpty() ? "No detector of machine '" + clip.labels().machineType()
                + "' is loaded: load or train one." : "Choose methods, then Run.");
    }

    /** "fan · AE" (the file name is left out: a grid row needs to be short). */
    static String label(LoadedModel m) {
        return m.machine() + " · " + m.kind().word().toUpperCase(Locale.ROOT);
    }

    /** Whether {@code method} is a column of the next run. */
    public BooleanProperty methodChosen(String method) {
        BooleanProperty p = chosen.get(method);
        if (p == null) {
            throw new IllegalArgumentException("unknown method '" + method + "'; known: " + chosen.keySet());
        }
        return p;
    }

    /** Ticks exactly the given methods (the command line's {@code --method a,b,c}). */
    public void chooseMethods(List<String> methods) {
        for (String m : methods) {
            methodChosen(m.trim().toLowerCase(Locale.ROOT));
        }
        chosen.forEach((m, p) -> p.set(methods.stream().anyMatch(x -> x.trim().equalsIgnoreCase(m))));
    }

    /**
     * Sets a method's parameters for the next run (as {@code --param} takes them; missing ones
     * keep their defaults). Checked at once: a bad name or value is an IllegalArgumentException.
     */
    public void setParameters(String method, Map<String, String> values) {
        Attributions.create(method, values);
        parameters.put(method, Map.copyOf(values));
    }

    /** The chosen methods with their parameters, in the order of {@link Attributions#methods()}. */
    public List<Attribution> methods() {
        List<Attribution> out = new ArrayList<>();
        chosen.forEach((m, p) -> {
            if (p.get()) {
                out.add(Attributions.create(m, parameters.getOrDefault(m, Map.of())));
            }
        });
        return out;
    }

    public StudySettings settings() {
        return patches.get() ? StudySettings.patches(seed.get()) : StudySettings.bins(seed.get());
    }

    /**
     * Starts the study: the clip's log-mel and each detector's input are computed first (the
     * log-mel is shown at once), then the cells arrive cheap methods first. Returns false, saying
     * why, when nothing can run.
     */
    public boolean run() {
        if (running.get()) {
            status.set("The grid is already being computed.");
            return false;
        }
        List<Attribution> methods = methods();
        if (methods.isEmpty()) {
            status.set("Choose at least one method.");
            return false;
        }
        if (models.isEmpty()) {
            return false;
        }
        int run = ++generation;
        StudySettings settings = settings();
        columns.setAll(methods.stream().map(Attribution::method).toList());
        List<Cell> fresh = new ArrayList<>();
        for (int r = 0; r < models.size(); r++) {
            for (int c = 0; c < methods.size(); c++) {
                fresh.add(new Cell(r, c, methods.get(c).method()));
            }
        }
        cells.setAll(fresh);
        arrivals.clear();
        result.set(null);
        rows.forEach(r -> r.caption.set(r.label));
        running.set(true);
        status.set(String.format(Locale.ROOT, "Computing %d x %d cells for %s (cheap methods first)…",
                models.size(), methods.size(), clip.path().getFileName()));
        handle = tasks.run(BackgroundTask.of("method grid", (progress, cancel) -> {
            Prepared p = prepare(progress.slice(0, 0.05), cancel);
            ui.execute(() -> {
                if (run == generation) {
                    showClip(p);
                }
            });
            return new ClipStudy(settings).run(p.detectors, methods, p.mask, map -> ui.execute(() -> {
                if (run == generation) {
                    mapArrived(map);
                }
            }), cell -> ui.execute(() -> {
                if (run == generation) {
                    arrived(cell);
                }
            }), progress.slice(0.05, 1), cancel);
        }), new TaskRunner.Outcome<>() {
            @Override
            public void succeeded(StudyResult value) {
                if (run == generation) {
                    finished(value);
                }
            }

            @Override
            public void cancelled() {
                if (run == generation) {
                    running.set(false);
                    status.set("Cancelled; the cells computed so far are shown.");
                }
            }

            @Override
            public void failed(String message, Throwable error) {
                if (run == generation) {
                    running.set(false);
                    status.set("The grid failed: " + message);
                }
            }
        });
        return true;
    }

    /** What the study needs, computed on the compute thread. */
    private record Prepared(Spectrogram logMelDb, List<StudyDetector> detectors, Optional<AnomalyMask> mask) {
    }

    private Prepared prepare(Progress progress, Cancellation cancel) throws AudioFormatException, IOException {
        progress.report(0, "reading " + clip.path().getFileName());
        Map<FeatureSpec, AudioClip> audio = new LinkedHashMap<>();
        Spectrogram logMelDb = null;
        List<StudyDetector> detectors = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            cancel.throwIfCancelled();
            LoadedModel m = models.get(i);
            TrainedDetector d = m.detector();
            LogMelExtractor extractor = new LogMelExtractor(d.features());
            AudioClip a = audio.get(d.features());
            if (a == null) {
                a = AudioLoader.load(clip.path(), ChannelChoice.MEAN, d.features().sampleRate());
                audio.put(d.features(), a);
            }
            Spectrogram db = extractor.extract(a);
            if (logMelDb == null) {
                logMelDb = db;
            } else if (db.frames() != logMelDb.frames() || db.mels() != logMelDb.mels()) {
                // Every cell is drawn on one grid with one viewport; another front end does not fit it.
                throw new IllegalArgumentException(rows.get(i).label + " sees the clip as " + db.frames() + " x "
                        + db.mels() + ", " + rows.get(0).label + " as " + logMelDb.frames() + " x "
                        + logMelDb.mels() + " (frames x mels): the grid needs one front end");
            }
            List<Spectrogram> refs = new ArrayList<>();
            for (Path r : references) {
                cancel.throwIfCancelled();
                try {
                    refs.add(d.standardiser().apply(extractor.extract(
                            AudioLoader.load(r, ChannelChoice.MEAN, d.features().sampleRate()))));
                } catch (AudioFormatException | IllegalArgumentException e) {
                    // A baseline that cannot be read is left out; the methods that need none are unaffected.
                }
            }
            detectors.add(new StudyDetector(rows.get(i).label, d.reconstructionNetwork("The method grid"),
                    d.standardiser().apply(db), refs,
                    d.threshold()));
            progress.report((i + 1.0) / models.size(), "prepared " + rows.get(i).label);
        }
        Optional<AnomalyMask> mask = Optional.empty();
        if (clip.mask().isPresent()) {
            AnomalyMask m = AnomalyMaskCsv.read(clip.mask().get());
            if (m.frames() == logMelDb.frames() && m.mels() == logMelDb.mels()) {
                mask = Optional.of(m);
            }
        }
        return new Prepared(logMelDb, detectors, mask);
    }

    private void showClip(Prepared p) {
        display.show(clip.path().getFileName().toString(), p.logMelDb(), p.mask().orElse(null), null);
    }

    /** A map before its curve: shown at once, the caption says the numbers are coming. */
    private void mapArrived(ClipStudy.MapReady m) {
        Cell cell = cells.get(m.row() * columns.size() + m.column());
        cell.map = m.map();
        cell.caption(cell.method + " · measuring faithfulness…", "measuring…");
        renormalise();
    }

    private void arrived(StudyCell c) {
        arrivals.add(c);
        Cell cell = cells.get(c.row() * columns.size() + c.column());
        cell.map = c.map().orElse(null);
        cell.result.set(c);
        cell.caption(caption(c), compactCaption(c));
        renormalise();
        long done = cells.stream().filter(x -> x.result.get() != null).count();
        status.set(String.format(Locale.ROOT, "%d of %d cells…", done, cells.size()));
    }

    private void finished(StudyResult r) {
        result.set(r);
        running.set(false);
        for (StudyRow sr : r.rows()) {
            Row row = rows.get(sr.row());
            row.caption.set(Double.isFinite(sr.score()) ? String.format(Locale.ROOT, "%s\nscore %.3g\nthreshold %.3g\n%s",
                    row.label, sr.score(), row.threshold, sr.score() > row.threshold ? "ANOMALOUS" : "normal")
                    : row.label + "\n" + sr.failure().orElse(""));
        }
        long failed = r.cells().stream().filter(c -> !c.succeeded()).count();
        status.set(String.format(Locale.ROOT, "%d cells of %s%s. Wheel zooms, drag scrolls: all cells together.",
                r.cells().size(), clip.path().getFileName(), failed == 0 ? "" : ", " + failed + " without a map (see caption)"));
    }

    /** "saliency · gain +0.123 · loc AUROC 0.834", or the reason a cell has no map. */
    static String caption(StudyCell c) {
        if (!c.succeeded()) {
            return c.method() + " · " + shorten(c.failure().orElse("no map"));
        }
        StringBuilder s = new StringBuilder(c.method()).append(String.format(Locale.ROOT, " · gain %+.3f", c.gain()));
        c.localisation().ifPresent(l -> s.append(String.format(Locale.ROOT, " · loc AUROC %.3f", l.pixelAuroc())));
        return s.toString();
    }

    /** "gain +0.123 · loc 0.834", or "no map" (the column header names the method). */
    static String compactCaption(StudyCell c) {
        if (!c.succeeded()) {
            return "no map: " + shorten(c.failure().orElse(""));
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "gain %+.3f", c.gain()));
        c.localisation().ifPresent(l -> s.append(String.format(Locale.ROOT, " · loc %.3f", l.pixelAuroc())));
        return s.toString();
    }

    private static String shorten(String s) {
        return s.length() > 90 ? s.substring(0, 87) + "…" : s;
    }

    /** Applies the display normalisation to every computed map: shared, per row or per cell. */
    void renormalise() {
        DisplayNormalisation n = new DisplayNormalisation(mode.get(), DisplayNormalisation.DEFAULT.clipPercentile());
        Map<Integer, List<Cell>> groups = new LinkedHashMap<>();
        for (Cell c : cells) {
            if (c.map == null) {
                c.shown.set(null);
                continue;
            }
            int key = switch (scale.get()) {
                case SHARED -> 0;
                case PER_ROW -> c.row;
                case PER_CELL -> c.row * 1000 + c.column;
            };
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        for (List<Cell> group : groups.values()) {
            List<AttributionMap> maps = group.stream().map(c -> c.map).toList();
            List<Spectrogram> shown = n.applyShared(maps);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).shown.set(shown.get(i));
            }
        }
    }

    /** Asks the running study to stop (between cells and inside the slow methods). */
    public void cancel() {
        if (handle != null && running.get()) {
            handle.cancel();
            status.set("Cancelling…");
        }
    }

    /** The cell of detector {@code row} and method {@code column}. */
    public Cell cell(int row, int column) {
        return cells.get(row * columns.size() + column);
    }

    public Recording clip() {
        return clip;
    }

    /** The clip's log-mel (dB), the shared viewport, colour map and dB range of every cell. */
    public SpectrogramViewModel display() {
        return display;
    }

    /** The time cursor in seconds, shown in every cell (NaN: none). */
    public DoubleProperty cursorProperty() {
        return cursor;
    }

    /** How every cell draws its map: the overlay colour map, this opacity, filled or contours. */
    public OverlayRaster.Style style() {
        return new OverlayRaster.Style(OverlayRaster.Style.DEFAULT.colorMap(), Math.max(0, Math.min(1, opacity.get())),
                contour.get());
    }

    public DoubleProperty opacityProperty() {
        return opacity;
    }

    public BooleanProperty contourProperty() {
        return contour;
    }

    public ObjectProperty<DisplayNormalisation.Mode> modeProperty() {
        return mode;
    }

    public ObjectProperty<Scale> scaleProperty() {
        return scale;
    }

    /** Patches of 16 x 8 as replacement units when true, single bins otherwise. */
    public BooleanProperty patchesProperty() {
        return patches;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** The methods of the last run, in column order. */
    public ObservableList<String> columns() {
        return columns;
    }

    /** Row-major: {@code cells.get(row * columns + column)}. */
    public ObservableList<Cell> cells() {
        return cells;
    }

    /** The study's cells in the order they arrived (cheap methods first). */
    public List<StudyCell> arrivals() {
        return List.copyOf(arrivals);
    }

    /** The whole study once it has ended, else null. */
    public ReadOnlyObjectProperty<StudyResult> resultProperty() {
        return result.getReadOnlyProperty();
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

    /** The normal training recordings used as baselines. */
    public List<Path> references() {
        return references;
    }
}
