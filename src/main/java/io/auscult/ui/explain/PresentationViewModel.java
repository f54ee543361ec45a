package io.auscult.ui.explain;

import io.auscult.faithfulness.ReplacementExplorer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A prepared walk through one anomaly for a plant review, stepped with the arrow keys:
 * the clip, its score against the threshold, where the map says the anomaly is, what
 * replacing that region by the model's reconstruction does to the score, and the repaired
 * version to listen to. Each step sets the explanation state; the caption says what the
 * audience sees, in words, with the numbers.
 */
public final class PresentationViewModel {

    /** The steps, in order. */
    public enum Step {
        CLIP("The recording"), SCORE("Its anomaly score"), OVERLAY("Where the model sees the anomaly"),
        PERTURB("Replace it by what the model expected"), LISTEN("Listen: original, then repaired");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** Budget of the perturbation step. */
    public static final double BUDGET = 0.1;

    private final ExplainViewModel explain;
    private final PerturbationViewModel perturbation;
    private final Supplier<String> decision;
    private final Consumer<PerturbationViewModel.Version> listen;
    private final Runnable hearRepaired;
    private final BooleanProperty showing = new SimpleBooleanProperty(false);
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");

    /**
     * @param decision "ANOMALOUS (score 1.011 above threshold 0.95)": the workbench's own words
     * @param listen       plays a version of the clip on screen
     * @param hearRepaired plays the repaired version as soon as it exists
     */
    public PresentationViewModel(ExplainViewModel explain, PerturbationViewModel perturbation,
                                 Supplier<String> decision, Consumer<PerturbationViewModel.Version> listen,
                                 Runnable hearRepaired) {
        this.hearRepaired = hearRepaired;
        this.explain = explain;
        this.perturbation = perturbation;
        this.decision = decision;
        this.listen = listen;
        // The captions quote numbers that arrive later (the map, the step, the curve).
        explain.mapProperty().addListener((o, a, b) -> updateCaption());
        perturbation.stepProperty().addListener((o, a, b) -> updateCaption());
        perturbation.curveProperty().addListener((o, a, b) -> updateCaption());
    }

    /** Starts at the first step. */
    public void start() {
        showing.set(true);
        go(0);
    }

    public void stop() {
        showing.set(false);
        perturbation.activeProperty().set(false);
    }

    public void next() {
        go(Math.min(Step.values().length - 1, index.get() + 1));
    }

    public void previous() {
        go(Math.max(0, index.get() - 1));
    }

    /** Shows step {@code i}: every step sets the whole state, so stepping back undoes the later ones. */
    public void go(int i) {
        index.set(i);
        Step s = step();
        title.set((i + 1) + " / " + Step.values().length + " · " + s.title());
        boolean overlay = s.ordinal() >= Step.OVERLAY.ordinal() && s != Step.PERTURB && s != Step.LISTEN;
        boolean perturb = s == Step.PERTURB || s == Step.LISTEN;
        if (!perturb) {
            perturbation.activeProperty().set(false);
            explain.pictureProperty().set(ExplainViewModel.Picture.ORIGINAL);
        }
        explain.overlayOnProperty().set(overlay || perturb);
        if (perturb) {
            // Patches replace whole regions: single scattered bins read as noise from the back row.
            perturbation.unitsProperty().set(PerturbationViewModel.Units.PATCHES);
            perturbation.kProperty().set(BUDGET);
            perturbation.activeProperty().set(true);
        }
        if (s == Step.LISTEN) {
            hearRepaired.run();
        }
        updateCaption();
    }

    public Step step() {
        return Step.values()[index.get()];
    }

    private void updateCaption() {
        ClipContext c = explain.contextProperty().get();
        if (c == null) {
            caption.set("Select a recording scored by a model first.");
            return;
        }
        String clip = c.recording().labels().machineType() + " · " + c.recording().labels().machineId() + " · "
                + c.clipName();
        ReplacementExplorer.Step st = perturbation.stepProperty().get();
        caption.set(switch (step()) {
            case CLIP -> clip + ": its log-mel spectrogram, low frequencies at the bottom.";
            case SCORE -> String.format(Locale.ROOT, "%s — %s", clip, decision.get());
            case OVERLAY -> explain.mapProperty().get() == null ? "Computing the " + explain.methodProperty().get()
                    + " map…" : String.format(Locale.ROOT, "%s map: the brighter a bin, the more it drives the score "
                    + "(%.4g).", explain.mapProperty().get().method(), c.score());
            case PERTURB -> st == null ? "Replacing the top 10 % of the map by the model's reconstruction…"
                    : String.format(Locale.ROOT, "Top %.0f %% of the map replaced by the reconstruction (white): score "
                    + "%.4g → %.4g, %.0f %% of the way to the reconstruction's %.4g.", st.fraction() * 100, c.score(),
                    st.score(), st.drop() * 100, perturbation.explorer().map(ReplacementExplorer::scoreReconstruction)
                    .orElse(Double.NaN));
            case LISTEN -> "Playing the repaired version (→ again to hear it, ← back). "
                    + "Compare with the original: Budget tab, ▶ Original / A/B.";
        });
    }

    /** Plays a version again (Space in presentation mode). */
    public void replay(PerturbationViewModel.Version v) {
        listen.accept(v);
    }

    public BooleanProperty showingProperty() {
        return showing;
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** The steps, for a legend. */
    public static List<Step> steps() {
        return List.of(Step.values());
    }
}
