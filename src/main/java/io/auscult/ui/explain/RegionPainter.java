package io.auscult.ui.explain;

import io.auscult.data.synth.AnomalyMask;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.features.Spectrogram;
import io.auscult.ui.spectrogram.SpectrogramViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A region the user paints on the clip on screen (rectangles in bins), to replace by the
 * reconstruction like a budget step, and to save as the clip's annotation: a
 * {@code NAME.mask.csv} beside the WAV, which every view and command then reads as the clip's
 * ground truth. An existing mask file is never overwritten (it may be a synthetic clip's true
 * region); the user is told so.
 */
public final class RegionPainter {

    private final ExplainViewModel explain;
    private final SpectrogramViewModel spectrogram;
    private final BooleanProperty painting = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<boolean[]> region = new ReadOnlyObjectWrapper<>();

    public RegionPainter(ExplainViewModel explain, SpectrogramViewModel spectrogram) {
        this.explain = explain;
        this.spectrogram = spectrogram;
        explain.contextProperty().addListener((o, a, b) -> region.set(null));
    }

    /** Marks the bins of frames [frame0, frame1) and bands [mel0, mel1) (clamped to the clip). */
    public void addRectangle(double frame0, double frame1, double mel0, double mel1) {
        ClipContext c = explain.contextProperty().get();
        if (c == null) {
            return;
        }
        Spectrogram s = c.input();
        int f0 = (int) Math.max(0, Math.floor(Math.min(frame0, frame1)));
        int f1 = (int) Math.min(s.frames(), Math.ceil(Math.max(frame0, frame1)));
        int m0 = (int) Math.max(0, Math.floor(Math.min(mel0, mel1)));
        int m1 = (int) Math.min(s.mels(), Math.ceil(Math.max(mel0, mel1)));
        if (f0 >= f1 || m0 >= m1) {
            return;
        }
        boolean[] r = region.get() == null ? new boolean[s.frames() * s.mels()] : region.get().clone();
        for (int f = f0; f < f1; f++) {
            for (int m = m0; m < m1; m++) {
                r[f * s.mels() + m] = true;
            }
        }
        region.set(r);
    }

    public void clear() {
        region.set(null);
    }

    public boolean isEmpty() {
        boolean[] r = region.get();
        if (r == null) {
            return true;
        }
        for (boolean b : r) {
            if (b) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the region as {@code NAME.mask.csv} beside the clip's WAV and shows it as the
     * clip's ground truth. Returns the file, or empty (with a message) when nothing was written.
     */
    public Optional<Path> saveAsAnnotation() {
        ClipContext c = explain.contextProperty().get();
        if (c == null || isEmpty()) {
            explain.tasks().say("Paint a region first (Paint region, then drag on the spectrogram).");
            return Optional.empty();
        }
        Path file = AnomalyMaskCsv.besideWav(c.recording().path());
        if (Files.exists(file)) {
            explain.tasks().say(file.getFileName() + " already exists (the clip's ground truth); "
                    + "the painted region was not saved over it.");
            return Optional.empty();
        }
        AnomalyMask mask = new AnomalyMask(region.get().clone(), c.input().frames(), c.input().mels());
        try {
            AnomalyMaskCsv.write(file, mask);
        } catch (IOException e) {
            explain.tasks().say("Could not write " + file + ": " + e.getMessage());
            return Optional.empty();
        }
        spectrogram.maskProperty().set(mask);
        explain.annotate(c.recording().path(), mask);
        explain.tasks().say("Saved the painted region as " + file + " (ground truth of this clip from now on)");
        return Optional.of(file);
    }

    /** Whether dragging on the spectrogram paints (instead of panning). */
    public BooleanProperty paintingProperty() {
        return painting;
    }

    /** The painted bins (time-major on the clip's grid), or null. */
    public ReadOnlyObjectProperty<boolean[]> regionProperty() {
        return region.getReadOnlyProperty();
    }
}
