package io.auscult.ui.explain;

import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.engine.BackgroundTask;
import io.auscult.explain.Attribution;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.Attributions;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.explain.ExplanationTarget;
import io.auscult.explain.IgBaseline;
import io.auscult.explain.ParameterSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.store.OverlayRaster;
import io.auscult.ui.model.LoadedModel;
import io.auscult.ui.spectrogram.SpectrogramViewModel;
import io.auscult.ui.task.TaskRunner;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * State of the explanation views for the clip on screen, testable without a stage: which
 * method and parameters, how the map is shown (display part, percentile clip, scale per map or
 * shared across the clip's methods, opacity, colour map, contours), which picture the
 * spectrogram shows (original, reconstruction, difference), and the map itself.
 *
 * <p>Maps are computed on the compute executor with progress and cancel, and cached per
 * (model, clip, method, parameters) so that switching back is instant. A map that arrives for a
 * clip no longer on screen is cached but not shown.
 */
public final class ExplainViewModel {

    /** What the spectrogram view shows. */
    public enum Picture {
        ORIGINAL("original"), RECONSTRUCTION("reconstruction"), DIFFERENCE("difference |x - x̂|"),
        PERTURBED("perturbed (repaired)");

        private final String label;

        Picture(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Caption of the curve under the spectrogram while it shows the map's frame profile. */
    public static final String PROFILE_CURVE = "map Σ";

    /** Normal references loaded for GradientSHAP and IG's mean baseline, at most this many. */
    static final int MAX_REFERENCES = 8;

    private final TaskRunner tasks;
    private final SpectrogramViewModel spectrogram;
    private final Function<LoadedModel, List<Path>> normalClips;
    private final MapCache cache = new MapCache(MapCache.DEFAULT_CAPACITY);
    private final Map<LoadedModel, List<Spectrogram>> references = new ConcurrentHashMap<>();
    /** Regions the user saved as a clip's ground truth this session (they win over the clip's own mask). */
    private final Map<Path, io.auscult.data.synth.AnomalyMask> annotations = new HashMap<>();
    private final AttributionOverlayLayer overlay = new AttributionOverlayLayer();

    private final ObjectProperty<ClipContext> context = new SimpleObjectProperty<>();
    private final StringProperty method = new SimpleStringProperty("saliency");
    private final Map<String, Map<String, String>> parameters = new HashMap<>();
    private final BooleanProperty overlayOn = new SimpleBooleanProperty(false);
    private final ObjectProperty<DisplayNormalisation.Mode> displayMode =
            new SimpleObjectProperty<>(DisplayNormalisation.DEFAULT.mode());
    private final DoubleProperty clipPercentile = new SimpleDoubleProperty(DisplayNormalisation.DEFAULT.clipPercentile());
    private final BooleanProperty sharedScale = new SimpleBooleanProperty(false);
    private final DoubleProperty opacity = new SimpleDoubleProperty(OverlayRaster.Style.DEFAULT.opacity());
    private final StringProperty overlayColorMap = new SimpleStringProperty(OverlayRaster.Style.DEFAULT.colorMap());
    private final BooleanProperty contour = new SimpleBooleanProperty(false);
    private final ObjectProperty<Picture> picture = new SimpleObjectProperty<>(Picture.ORIGINAL);
    private final ReadOnlyObjectWrapper<AttributionMap> map = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Spectrogram> perturbedDb = new ReadOnlyObjectWrapper<>();
    /** Whether IG's baseline was moved off the reconstruction for an md detector (not by the user). */
    private boolean igBaselineAdjusted;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Select a recording scored by a model.");
    private final ReadOnlyStringWrapper scaleText = new ReadOnlyStringWrapper("");
    private static final String GREY = "gray";
    private String colourMapBeforeOverlay;
    private double scale = Double.NaN;
    private int computations;
    private long request;

    /**
     * @param normalClips the normal training recordings of a model's machine (baselines of
     *                    GradientSHAP and of IG's mean baseline); may return an empty list
     */
    public ExplainViewModel(TaskRunner tasks, SpectrogramViewModel spectrogram,
                            Function<LoadedModel, List<Path>> normalClips) {
        this.tasks = tasks;
        this.spectrogram = spectrogram;
        this.normalClips = normalClips;
        for (Observable o : List.<Observable>of(displayMode, clipPercentile, sharedScale)) {
            o.addListener(x -> renormalise());
        }
        for (Observable o : List.<Observable>of(opacity, overlayColorMap, contour)) {
            o.addListener(x -> overlay.styleProperty().set(style()));
        }
        overlayOn.addListener((o, a, on) -> {
            if (on && map.get() == null) {
                compute();
            }
            showOverlay();
        });
        method.addListener((o, a, b) -> {
            // The old method's map must not stay on screen under the new method's name.
            map.set(null);
            overlay.mapProperty().set(null);
            if (overlayOn.get()) {
                compute();
            }
        });
        picture.addListener((o, a, b) -> {
            showPicture();
            showOverlay();
        });
    }

    // ------------------------------------------------------------------ context

    /** The clip on screen changed (null: nothing scored on screen). */
    public void setContext(ClipContext c) {
        request++;
        adjustIgBaseline(c);
        context.set(c);
        map.set(null);
        perturbedDb.set(null);
        if (picture.get() == Picture.PERTURBED) {
            picture.set(Picture.ORIGINAL);
        }
        overlay.mapProperty().set(null);
        scale = Double.NaN;
        scaleText.set("");
        if (c == null) {
            status.set("Select a recording scored by a model.");
            return;
        }
        status.set(String.format(Locale.ROOT, "%s · %s: score %.4g", c.clipName(), c.model().displayName(), c.score()));
        showPicture();
        if (overlayOn.get()) {
            compute();
        }
    }

    /**
     * IG's default path starts at the reconstruction, which an md detector does not have: for one,
     * the path starts at the training mean instead (the parameter field shows it: not silent), and
     * goes back to the default for the next detector that reconstructs, unless the user chose.
     */
    private void adjustIgBaseline(ClipContext c) {
        if (c == null) {
            return;
        }
        Map<String, String> p = new LinkedHashMap<>(parametersOf("ig"));
        String baseline = p.getOrDefault("baseline", IgBaseline.RECONSTRUCTION.label());
        if (!c.hasReconstruction() && baseline.equals(IgBaseline.RECONSTRUCTION.label())) {
            p.put("baseline", IgBaseline.MEAN.label());
            parameters.put("ig", p);
            igBaselineAdjusted = true;
        } else if (c.hasReconstruction() && igBaselineAdjusted) {
            p.remove("baseline");
            parameters.put("ig", p);
            igBaselineAdjusted = false;
        }
    }

    // ------------------------------------------------------------------ computing

    /** The method's parameters as the user set them (missing ones take the defaults). */
    public Map<String, String> parametersOf(String m) {
        return Map.copyOf(parameters.getOrDefault(m, Map.of()));
    }

    /**
     * Sets one parameter of a method (empty or the default text removes it). Checked at once, so a
     * bad value is refused here with the method's own message rather than when computing.
     */
    public void setParameter(String m, String name, String value) {
        Map<String, String> p = new LinkedHashMap<>(parameters.getOrDefault(m, Map.of()));
        String defaultValue = Attributions.editable(m).stream().filter(s -> s.name().equals(name))
                .map(ParameterSpec::defaultValue).findFirst().orElse("");
        if (value == null || value.isBlank() || value.trim().equals(defaultValue)) {
            p.remove(name);
        } else {
            p.put(name, value.trim());
        }
        Attributions.create(m, p);
        parameters.put(m, p);
        if (m.equals("ig") && name.equals("baseline")) {
            igBaselineAdjusted = false; // the user's choice stays
        }
        if (overlayOn.get() && m.equals(method.get())) {
            compute();
        }
    }

    /**
     * Shows the current method's map for the clip on screen: from the cache at once, else computed
     * on the compute executor. Returns true when it came from the cache.
     */
    public boolean compute() {
        ClipContext c = context.get();
        if (c == null) {
            status.set("Nothing to explain: select a recording scored by a model.");
            return false;
        }
        String m = method.get();
        Map<String, String> p = parametersOf(m);
        MapKey key = new MapKey(c.model(), c.recording().path(), m, p);
        Optional<AttributionMap> cached = cache.get(key);
        if (cached.isPresent()) {
            show(key, cached.get());
            return true;
        }
        Attribution attribution;
        try {
            attribution = Attributions.create(m, p);
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return false;
        }
        long mine = ++request;
        status.set("computing " + m + " for " + c.clipName() + "...");
        tasks.run(BackgroundTask.of(m + " of " + c.clipName(), (progress, cancel) -> {
            List<Spectrogram> refs = needsReferences(m, p) ? referencesOf(c.model()) : List.of();
            ExplanationTarget target = new ExplanationTarget(c.model().detector().network(), c.input(), refs, 0L);
            return attribution.explain(target, progress, cancel);
        }), TaskRunner.outcome(result -> {
            computations++;
            cache.put(key, result);
            if (mine == request && context.get() == c) {
                show(key, result);
            }
        }, message -> {
            if (mine == request) {
                status.set(m + " failed: " + message);
            }
        }));
        return false;
    }

    private static boolean needsReferences(String m, Map<String, String> p) {
        return m.equals("gradshap") || "gradshap".equals(p.get("over"))
                || "mean".equals(p.get("baseline"));
    }

    /** The model's normal references, standardised; loaded once per model on the compute thread. */
    private List<Spectrogram> referencesOf(LoadedModel model) {
        return references.computeIfAbsent(model, m -> {
            List<Spectrogram> out = new ArrayList<>();
            LogMelExtractor extractor = new LogMelExtractor(m.detector().features());
            for (Path p : normalClips.apply(m)) {
                if (out.size() >= MAX_REFERENCES) {
                    break;
                }
                try {
                    Spectrogram s = extractor.extract(AudioLoader.load(p, ChannelChoice.MEAN,
                            m.detector().features().sampleRate()));
                    out.add(m.detector().standardiser().apply(s));
                } catch (Exception e) {
                    // A reference that cannot be read is skipped; the method says so if none is left.
                }
            }
            return List.copyOf(out);
        });
    }

    private void show(MapKey key, AttributionMap m) {
        map.set(m);
        renormalise();
        ClipContext c = context.get();
        status.set(String.format(Locale.ROOT, "%s · %s%s: score %.4g", c.clipName(), m.method(),
                m.parameters().isEmpty() ? "" : " " + new java.util.TreeMap<>(m.parameters()), m.score())
                + (m.completenessDelta().isPresent()
                ? String.format(Locale.ROOT, " · completeness Δ %.3g", m.completenessDelta().getAsDouble()) : ""));
        overlayOn.set(true);
        showOverlay();
    }

    // ------------------------------------------------------------------ report

    /**
     * Writes the clip's report (self-contained HTML, the table, curves and maps as CSV, JSON)
     * into {@code dir}: the clip's model on the methods computed for this clip so far (at least
     * the current one), each with its faithfulness curve and, with ground truth, its localisation.
     * Runs as a {@link io.auscult.faithfulness.ClipStudy} on the compute executor.
     *
     * @param patches whether the curves replace 16 x 8 patches (else single bins)
     * @param done    receives the files written, on the user interface thread
     */
    public void exportReport(Path dir, boolean patches, java.util.function.Consumer<List<Path>> done) {
        ClipContext c = context.get();
        if (c == null) {
            status.set("Nothing to report: select a recording scored by a model.");
            return;
        }
        List<String> methods = new ArrayList<>();
        for (AttributionMap m : cache.ofClip(new MapKey(c.model(), c.recording().path(), "", Map.of()))) {
            if (!methods.contains(m.method())) {
                methods.add(m.method());
            }
        }
        if (!methods.contains(method.get())) {
            methods.add(method.get());
        }
        List<io.auscult.explain.Attribution> attributions = new ArrayList<>();
        for (String m : methods) {
            attributions.add(Attributions.create(m, parametersOf(m)));
        }
        DisplayNormalisation n = normalisation();
        io.auscult.store.ClipReport.OverlayScale scaleChoice = sharedScale.get()
                ? io.auscult.store.ClipReport.OverlayScale.PER_ROW : io.auscult.store.ClipReport.OverlayScale.PER_MAP;
        io.auscult.faithfulness.StudySettings settings = patches ? io.auscult.faithfulness.StudySettings.patches(0)
                : io.auscult.faithfulness.StudySettings.bins(0);
        Optional<io.auscult.data.synth.AnomalyMask> truth = groundTruth(c);
        tasks.run(BackgroundTask.of("report of " + c.clipName(), (progress, cancel) -> {
            boolean needs = methods.stream().anyMatch(m -> needsReferences(m, parametersOf(m)));
            io.auscult.faithfulness.StudyDetector row = new io.auscult.faithfulness.StudyDetector(
                    c.model().displayName(), c.model().detector().reconstructionNetwork("The clip report"), c.input(),
                    needs ? referencesOf(c.model()) : List.of(), c.model().detector().threshold());
            io.auscult.faithfulness.StudyResult result = new io.auscult.faithfulness.ClipStudy(settings).run(
                    List.of(row), attributions, truth, cell -> { }, progress, cancel);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("file", c.recording().path().toAbsolutePath().normalize().toString());
            labels.put("machine", c.recording().labels().machineType() + " · " + c.recording().labels().machineId());
            labels.put("split / condition", c.recording().labels().split().word() + " / "
                    + c.recording().labels().condition().word());
            labels.put("model file", c.model().file().map(Path::toString).orElse("not saved"));
            io.auscult.store.ClipReport report = new io.auscult.store.ClipReport(
                    "Auscult clip report: " + c.clipName(), c.clipName(), labels, c.logMelDb(), truth,
                    List.of(io.auscult.store.ClipReport.DetectorRow.of(result.rows().get(0), c.model().detector())),
                    result.cells(), n, scaleChoice, settings.describe());
            return io.auscult.store.ClipReportFiles.write(dir, report);
        }), TaskRunner.outcome(files -> {
            status.set("Wrote the report of " + c.clipName() + " to " + dir + " (" + files.size() + " files)");
            done.accept(files);
        }, m -> status.set("Report failed: " + m)));
    }

    /** Records a region the user saved as the clip's ground truth (used by the clip's report). */
    public void annotate(Path clip, io.auscult.data.synth.AnomalyMask mask) {
        annotations.put(clip, mask);
    }

    /** The clip's ground truth: the user's saved annotation, else the clip's own mask. */
    public Optional<io.auscult.data.synth.AnomalyMask> groundTruth(ClipContext c) {
        io.auscult.data.synth.AnomalyMask a = annotations.get(c.recording().path());
        return a != null ? Optional.of(a) : c.mask();
    }

    // ------------------------------------------------------------------ display

    /** The display normalisation the controls describe. */
    public DisplayNormalisation normalisation() {
        return new DisplayNormalisation(displayMode.get(), clipPercentile.get());
    }

    private OverlayRaster.Style style() {
        return new OverlayRaster.Style(overlayColorMap.get(), Math.max(0, Math.min(1, opacity.get())), contour.get());
    }

    /** Normalises the map on screen again (display part, clip, own or shared scale). */
    private void renormalise() {
        AttributionMap m = map.get();
        ClipContext c = context.get();
        if (m == null || c == null) {
            return;
        }
        DisplayNormalisation n = normalisation();
        List<AttributionMap> scaleOver = List.of(m);
        if (sharedScale.get()) {
            scaleOver = cache.ofClip(new MapKey(c.model(), c.recording().path(), m.method(), Map.of()));
            if (!scaleOver.contains(m)) {
                scaleOver = new ArrayList<>(scaleOver);
                scaleOver.add(m);
            }
        }
        List<AttributionMap> all = new ArrayList<>(scaleOver);
        all.remove(m);
        all.add(0, m);
        scale = n.scaleOf(all);
        Spectrogram normalised = n.applyAt(m, scale);
        scaleText.set(String.format(Locale.ROOT, "1.0 = %.3g (%s, %s scale over %d map%s)", scale,
                n.mode().name().toLowerCase(Locale.ROOT), sharedScale.get() ? "shared" : "own", all.size(),
                all.size() == 1 ? "" : "s"));
        overlay.signedProperty().set(n.mode() == DisplayNormalisation.Mode.SIGNED);
        overlay.styleProperty().set(style());
        overlay.mapProperty().set(normalised);
        showOverlay();
    }

    private void showOverlay() {
        boolean on = overlayOn.get() && overlay.mapProperty().get() != null;
        // Over the perturbed input the replaced region's outline is the message; the map's
        // colours on top of it would hide what was replaced.
        overlay.visibleProperty().set(on && picture.get() != Picture.PERTURBED);
        // A coloured map over a coloured log-mel reads as one picture: under an overlay the
        // log-mel turns grey (the user's colour map comes back when the overlay goes).
        if (on && !GREY.equals(spectrogram.colorMapProperty().get())) {
            colourMapBeforeOverlay = spectrogram.colorMapProperty().get();
            spectrogram.colorMapProperty().set(GREY);
        } else if (!on && colourMapBeforeOverlay != null) {
            spectrogram.colorMapProperty().set(colourMapBeforeOverlay);
            colourMapBeforeOverlay = null;
        }
        if (on) {
            spectrogram.setFrameErrors(frameProfile(overlay.mapProperty().get()));
            spectrogram.curveLabelProperty().set(PROFILE_CURVE);
        } else if (context.get() != null) {
            spectrogram.setFrameErrors(frameErrors(context.get()));
            spectrogram.curveLabelProperty().set(SpectrogramViewModel.ERROR_CURVE);
        }
    }

    /**
     * The map's frame profile: per frame, the sum over bands of the shown map (its magnitude for a
     * signed map, so evidence for and against both count as "the model looks here").
     */
    static float[] frameProfile(Spectrogram normalised) {
        float[] out = new float[normalised.frames()];
        float[] v = normalised.values();
        int mels = normalised.mels();
        for (int f = 0; f < out.length; f++) {
            double sum = 0;
            for (int m = 0; m < mels; m++) {
                sum += Math.abs(v[f * mels + m]);
            }
            out[f] = (float) sum;
        }
        return out;
    }

    /** Mean squared error of each frame (the score is its mean over frames); null without a reconstruction. */
    static float[] frameErrors(ClipContext c) {
        return c.hasReconstruction() ? SpectrogramViewModel.frameMeans(c.reconstruction().errorMap()) : null;
    }

    /** Puts the chosen picture in the spectrogram view, keeping its zoom. */
    private void showPicture() {
        ClipContext c = context.get();
        if (c == null) {
            return;
        }
        if (!c.hasReconstruction()
                && (picture.get() == Picture.RECONSTRUCTION || picture.get() == Picture.DIFFERENCE)) {
            status.set("The " + c.model().kind().word() + " detector scores an embedding: it has no "
                    + "reconstruction to show.");
            picture.set(Picture.ORIGINAL);
            return;
        }
        Spectrogram s = switch (picture.get()) {
            case ORIGINAL -> c.logMelDb();
            case RECONSTRUCTION -> c.reconstructionDb();
            case DIFFERENCE -> c.differenceDb();
            case PERTURBED -> perturbedDb.get() == null ? c.logMelDb() : perturbedDb.get();
        };
        if (picture.get() == Picture.DIFFERENCE) {
            // Differences run from 0 dB up; the log-mel's range would show them all black.
            float max = 0;
            for (float v : s.values()) {
                max = Math.max(max, v);
            }
            spectrogram.floorDbProperty().set(0);
            spectrogram.ceilingDbProperty().set(Math.max(1, Math.ceil(max / 5) * 5));
        } else {
            float max = Float.NEGATIVE_INFINITY;
            for (float v : c.logMelDb().values()) {
                max = Math.max(max, v);
            }
            double top = Double.isFinite(max) ? Math.ceil(max / 10) * 10 : 0;
            spectrogram.ceilingDbProperty().set(top);
            spectrogram.floorDbProperty().set(top - SpectrogramViewModel.DEFAULT_RANGE_DB);
        }
        spectrogram.spectrogramProperty().set(s);
    }

    /** Shows a perturbed input (dB) as the picture, e.g. the budget slider's x_k. */
    public void showPerturbed(Spectrogram db) {
        perturbedDb.set(db);
        if (picture.get() == Picture.PERTURBED) {
            showPicture();
        } else {
            picture.set(Picture.PERTURBED);
        }
    }

    // ------------------------------------------------------------------ properties

    public AttributionOverlayLayer overlay() {
        return overlay;
    }

    public ObjectProperty<ClipContext> contextProperty() {
        return context;
    }

    public StringProperty methodProperty() {
        return method;
    }

    public BooleanProperty overlayOnProperty() {
        return overlayOn;
    }

    public ObjectProperty<DisplayNormalisation.Mode> displayModeProperty() {
        return displayMode;
    }

    public DoubleProperty clipPercentileProperty() {
        return clipPercentile;
    }

    public BooleanProperty sharedScaleProperty() {
        return sharedScale;
    }

    public DoubleProperty opacityProperty() {
        return opacity;
    }

    public StringProperty overlayColorMapProperty() {
        return overlayColorMap;
    }

    public BooleanProperty contourProperty() {
        return contour;
    }

    public ObjectProperty<Picture> pictureProperty() {
        return picture;
    }

    /** The raw map on screen (model-input space), or null. */
    public ReadOnlyObjectProperty<AttributionMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "1.0 = 0.0123 (absolute, own scale over 1 map)": what full colour means. */
    public ReadOnlyStringProperty scaleTextProperty() {
        return scaleText.getReadOnlyProperty();
    }

    /** The raw value shown at full strength, NaN with no map. */
    public double scale() {
        return scale;
    }

    /** Maps computed (not taken from the cache) so far: for tests of the cache. */
    public int computations() {
        return computations;
    }

    public TaskRunner tasks() {
        return tasks;
    }
}
