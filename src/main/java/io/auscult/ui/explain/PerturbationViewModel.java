package io.auscult.ui.explain;

import io.auscult.audio.AudioClip;
import io.auscult.engine.BackgroundTask;
import io.auscult.explain.AttributionMap;
import io.auscult.faithfulness.Faithfulness;
import io.auscult.faithfulness.FaithfulnessMeasure;
import io.auscult.faithfulness.ReplacementCurve;
import io.auscult.faithfulness.ReplacementExplorer;
import io.auscult.faithfulness.ReplacementUnits;
import io.auscult.features.SpectralGainResynthesis;
import io.auscult.features.Spectrogram;
import io.auscult.ui.task.TaskRunner;
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

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The paper's metric made tangible: a budget k whose top-k units of the map on screen are
 * replaced by the model's reconstruction. Moving k shows the perturbed input, the replaced
 * region, the score s(x_k) and the normalised drop d(k); the whole faithfulness curve with its
 * random-order band is computed once in the background, and every step is one network call of
 * one input (cached by the number of units, so going back is instant). While a step is being
 * scored, further moves are coalesced: only the latest k is scored next.
 *
 * <p>Also the three versions to listen to (original, reconstruction, repaired = the perturbed
 * input) rendered with the original phase, and a hand-painted region replaced the same way.
 */
public final class PerturbationViewModel {

    /** Units of the replacement. */
    public enum Units {
        BINS("bins"), PATCHES("patches 16 × 8");

        private final String label;

        Units(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        ReplacementUnits of(Spectrogram s) {
            return this == BINS ? ReplacementUnits.bins(s.frames(), s.mels())
                    : ReplacementUnits.patches(s.frames(), s.mels(), 16, 8);
        }
    }

    /** What to listen to. */
    public enum Version { ORIGINAL, RECONSTRUCTION, REPAIRED }

    private final ExplainViewModel explain;
    private final TaskRunner tasks;
    private final DoubleProperty k = new SimpleDoubleProperty(0.1);
    private final ObjectProperty<Units> units = new SimpleObjectProperty<>(Units.BINS);
    private final BooleanProperty active = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<ReplacementExplorer.Step> step = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Faithfulness> curve = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<boolean[]> replaced = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper("Compute a map, then move the budget.");
    private final Map<Version, AudioClip> audio = new HashMap<>();
    private ReplacementExplorer explorer;
    private boolean stepRunning;
    private Consumer<AudioClip> playWhenRepaired;
    private double pendingK = Double.NaN;
    private long generation;
    private int networkSteps;

    /** What the budget, the painted region and the repaired audio say for a detector without a reconstruction. */
    static final String NO_RECONSTRUCTION = "This detector scores an embedding and has no reconstruction: there is "
            + "nothing to replace the highlighted bins with, so the faithfulness test does not apply to it.";

    public PerturbationViewModel(ExplainViewModel explain) {
        this.explain = explain;
        this.tasks = explain.tasks();
        k.addListener((o, a, b) -> request(b.doubleValue()));
        units.addListener((o, a, b) -> reset());
        explain.mapProperty().addListener((o, a, b) -> reset());
        explain.contextProperty().addListener((o, a, b) -> reset());
        active.addListener((o, a, on) -> {
            if (on) {
                request(k.get());
            } else {
                replaced.set(null);
                if (explain.pictureProperty().get() == ExplainViewModel.Picture.PERTURBED) {
                    explain.pictureProperty().set(ExplainViewModel.Picture.ORIGINAL);
                }
            }
        });
    }

    /** Forgets the explorer (new map, clip or units): the next move prepares a new one. */
    private void reset() {
        generation++;
        explorer = null;
        stepRunning = false;
        pendingK = Double.NaN;
        step.set(null);
        curve.set(null);
        replaced.set(null);
        audio.remove(Version.REPAIRED);
        // A pending "hear the repair" waits for the new map's step (reset happens when the map arrives).
        audio.remove(Version.RECONSTRUCTION);
        if (explain.contextProperty().get() == null || explain.mapProperty().get() == null) {
            readout.set("Compute a map, then move the budget.");
        } else if (active.get()) {
            request(k.get());
        }
    }

    /** Shows budget {@code fraction}: at once when cached, else scored on the compute executor. */
    public void request(double fraction) {
        if (!active.get()) {
            return;
        }
        ClipContext c = explain.contextProperty().get();
        AttributionMap m = explain.mapProperty().get();
        if (c == null || m == null) {
            readout.set("Compute a map first (Explain tab), then move the budget.");
            return;
        }
        if (!c.hasReconstruction()) {
            readout.set(NO_RECONSTRUCTION);
            return;
        }
        if (explorer != null) {
            Optional<ReplacementExplorer.Step> cached = explorer.cachedAt(fraction);
            if (cached.isPresent()) {
                show(cached.get());
                return;
            }
        }
        if (stepRunning) {
            pendingK = fraction;
            return;
        }
        stepRunning = true;
        long mine = generation;
        ReplacementExplorer existing = explorer;
        Units u = units.get();
        tasks.run(BackgroundTask.of(String.format(Locale.ROOT, "budget %.1f %%", fraction * 100), (progress, cancel) -> {
            ReplacementExplorer e = existing != null ? existing : ReplacementExplorer.prepare(
                    c.model().detector().reconstructionNetwork("Replacing with the reconstruction"), c.input(), toDoubles(m.values().values()), u.of(c.input()),
                    FaithfulnessMeasure.standard(0));
            return new Prepared(e, e.at(fraction));
        }), TaskRunner.outcome(p -> {
            if (mine != generation) {
                return;
            }
            stepRunning = false;
            networkSteps++;
            if (explorer == null) {
                explorer = p.explorer();
                computeCurve(mine);
            }
            show(p.step());
            if (!Double.isNaN(pendingK)) {
                double next = pendingK;
                pendingK = Double.NaN;
                if (next != p.step().fraction()) {
                    request(next);
                }
            }
        }, message -> {
            if (mine == generation) {
                stepRunning = false;
                readout.set("Cannot replace: " + message);
            }
        }));
    }

    private record Prepared(ReplacementExplorer explorer, ReplacementExplorer.Step step) {
    }

    /** The whole curve and its random band, once per explorer, in the background. */
    private void computeCurve(long mine) {
        ReplacementExplorer e = explorer;
        tasks.run(BackgroundTask.of("faithfulness curve", (progress, cancel) -> e.faithfulness(cancel)),
                TaskRunner.outcome(f -> {
                    if (mine == generation) {
                        curve.set(f);
                        updateReadout();
                    }
                }, m -> { }));
    }

    private void show(ReplacementExplorer.Step s) {
        step.set(s);
        replaced.set(s.replaced());
        ClipContext c = explain.contextProperty().get();
        explain.showPerturbed(c.toDb(s.perturbed()));
        audio.remove(Version.REPAIRED);
        updateReadout();
        if (playWhenRepaired != null && !stepRunning) {
            Consumer<AudioClip> play = playWhenRepaired;
            playWhenRepaired = null;
            listen(Version.REPAIRED, play);
        }
    }

    /**
     * The shortest way to hear a repair: computes the map if needed, applies the budget and plays
     * the repaired version as soon as the step on screen is scored.
     */
    public void hearRepaired(Consumer<AudioClip> play) {
        if (explain.contextProperty().get() == null) {
            tasks.say("Select a recording scored by a model first.");
            return;
        }
        if (!explain.contextProperty().get().hasReconstruction()) {
            tasks.say(NO_RECONSTRUCTION);
            return;
        }
        playWhenRepaired = play;
        explain.overlayOnProperty().set(true);
        if (active.get() && step.get() != null && !stepRunning) {
            playWhenRepaired = null;
            listen(Version.REPAIRED, play);
        } else {
            active.set(true);
        }
    }

    private void updateReadout() {
        ReplacementExplorer.Step s = step.get();
        if (s == null || explorer == null) {
            return;
        }
        String gain = curve.get() == null ? "curve: computing…" : String.format(Locale.ROOT,
                "area %.3f vs random %.3f → gain %+.3f", curve.get().curve().area(),
                curve.get().reference().meanArea(), curve.get().gain());
        readout.set(String.format(Locale.ROOT, "k = %.1f %% · %,d of %,d units replaced (%,d bins)%n"
                        + "score %.4g → %.4g (reconstruction %.4g)%nd(k) = %.3f · %s",
                s.fraction() * 100, s.unitsReplaced(), explorer.units().count(), s.binsReplaced(),
                explorer.scoreInput(), s.score(), explorer.scoreReconstruction(), s.drop(), gain));
    }

    /** Replaces a hand-painted region (time-major bins) and shows it like a budget step. */
    public void replaceRegion(boolean[] bins) {
        ClipContext c = explain.contextProperty().get();
        AttributionMap m = explain.mapProperty().get();
        if (c == null) {
            return;
        }
        if (!c.hasReconstruction()) {
            readout.set(NO_RECONSTRUCTION);
            return;
        }
        long mine = generation;
        ReplacementExplorer existing = explorer;
        Units u = units.get();
        // A region needs no map; the explorer does, for its order: the error map will do then.
        double[] order = m != null ? toDoubles(m.values().values()) : toDoubles(c.reconstruction().errorMap().values());
        tasks.run(BackgroundTask.of("replace painted region", (progress, cancel) -> {
            ReplacementExplorer e = existing != null ? existing : ReplacementExplorer.prepare(
                    c.model().detector().reconstructionNetwork("Replacing with the reconstruction"), c.input(), order, u.of(c.input()), FaithfulnessMeasure.standard(0));
            return new Prepared(e, e.region(bins));
        }), TaskRunner.outcome(p -> {
            if (mine != generation) {
                return;
            }
            if (explorer == null && m != null) {
                explorer = p.explorer();
            }
            step.set(p.step());
            replaced.set(p.step().replaced());
            explain.showPerturbed(c.toDb(p.step().perturbed()));
            audio.remove(Version.REPAIRED);
            readout.set(String.format(Locale.ROOT, "painted region: %,d bins (%.1f %%)%nscore %.4g → %.4g · d = %.3f",
                    p.step().binsReplaced(), p.step().fraction() * 100, p.explorer().scoreInput(), p.step().score(),
                    p.step().drop()));
        }, msg -> readout.set("Cannot replace the region: " + msg)));
    }

    /**
     * The audio of a version (rendered once with the original phase, on the compute executor),
     * handed to {@code play} on the user interface thread.
     */
    public void listen(Version version, Consumer<AudioClip> play) {
        ClipContext c = explain.contextProperty().get();
        if (c == null || c.audio() == null) {
            tasks.say("Select a recording first.");
            return;
        }
        AudioClip ready = version == Version.ORIGINAL ? c.audio() : audio.get(version);
        if (ready != null) {
            play.accept(ready);
            return;
        }
        if (version != Version.ORIGINAL && !c.hasReconstruction()) {
            tasks.say(NO_RECONSTRUCTION);
            return;
        }
        Spectrogram target;
        if (version == Version.RECONSTRUCTION) {
            target = c.reconstruction().reconstruction();
        } else {
            ReplacementExplorer.Step s = step.get();
            if (s == null) {
                tasks.say("Move the budget (or replace a painted region) first: nothing is repaired yet.");
                return;
            }
            target = s.perturbed();
        }
        long mine = generation;
        tasks.run(BackgroundTask.of("render " + version.name().toLowerCase(Locale.ROOT) + " audio",
                // Both sides through the same standardisation: bins the edit left alone keep gain 1 exactly.
                (progress, cancel) -> SpectralGainResynthesis.renderStandardised(Optional.of(c.audio()),
                        c.model().detector().features(), c.model().detector().standardiser(), c.input(), target)),
                TaskRunner.outcome(clip -> {
            if (mine == generation || version == Version.ORIGINAL) {
                audio.put(version, clip);
            }
            play.accept(clip);
        }, m -> tasks.say("Cannot render audio: " + m)));
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    // ------------------------------------------------------------------ properties

    public TaskRunner tasks() {
        return tasks;
    }

    /** The budget k in [0, 1]. */
    public DoubleProperty kProperty() {
        return k;
    }

    public ObjectProperty<Units> unitsProperty() {
        return units;
    }

    /** Whether the budget is applied (the perturbation view is on). */
    public BooleanProperty activeProperty() {
        return active;
    }

    public ReadOnlyObjectProperty<ReplacementExplorer.Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** The whole curve with its random reference, once computed. */
    public ReadOnlyObjectProperty<Faithfulness> curveProperty() {
        return curve.getReadOnlyProperty();
    }

    /** M_k of the step on screen (time-major), for the outline layer. */
    public ReadOnlyObjectProperty<boolean[]> replacedProperty() {
        return replaced.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    /** Steps scored by the network (not served from the cache): for tests of the cache. */
    public int networkSteps() {
        return networkSteps;
    }

    /** The explorer of the map on screen, once prepared. */
    public Optional<ReplacementExplorer> explorer() {
        return Optional.ofNullable(explorer);
    }

    /** The curve of the map on screen as the faithfulness module gives it, when ready. */
    public Optional<ReplacementCurve> curveNow() {
        return Optional.ofNullable(curve.get()).map(Faithfulness::curve);
    }
}
