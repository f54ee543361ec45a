package io.auscult.ui.spectrogram;

import io.auscult.data.synth.AnomalyMask;
import io.auscult.features.Spectrogram;
import io.auscult.store.ColorMap;
import io.auscult.store.SpectrogramRaster.Viewport;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Locale;

/**
 * State of the spectrogram view, testable without a stage: the log-mel shown (dB), its layers
 * (ground-truth mask, the model's per-frame error), the visible viewport, colour map and dB
 * range, the cursor readout, the playback selection and playhead. Zoom keeps the point under
 * the mouse where it is; the viewport never leaves the recording.
 */
public final class SpectrogramViewModel {

    /** Fewest frames and bands a zoom may show: below this a bin is a wall of colour. */
    static final double MIN_FRAMES = 8;
    static final double MIN_MELS = 4;
    /** Default contrast: the top 80 dB below the loudest bin, like Audacity's default range. */
    public static final double DEFAULT_RANGE_DB = 80;
    /** Caption of the curve under the image while it is the model's per-frame error. */
    public static final String ERROR_CURVE = "error";

    private final ObjectProperty<Spectrogram> spectrogram = new SimpleObjectProperty<>();
    private final ObjectProperty<Spectrogram> linear = new SimpleObjectProperty<>();
    private final ObjectProperty<Scale> scale = new SimpleObjectProperty<>(Scale.MEL);
    private final ReadOnlyObjectWrapper<Spectrogram> displayed = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<AnomalyMask> mask = new SimpleObjectProperty<>();
    private final ObjectProperty<float[]> frameErrors = new SimpleObjectProperty<>();
    private final ObjectProperty<Viewport> viewport = new SimpleObjectProperty<>(new Viewport(0, 1, 0, 1));
    private final StringProperty colorMap = new SimpleStringProperty(ColorMap.NAMES.get(0));
    private final DoubleProperty floorDb = new SimpleDoubleProperty(-80);
    private final DoubleProperty ceilingDb = new SimpleDoubleProperty(0);
    private final StringProperty readout = new SimpleStringProperty("");
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty curveLabel = new SimpleStringProperty(ERROR_CURVE);
    /** What the curve strip says when there is no curve (set before {@link #show} so the redraw uses it). */
    private final StringProperty noCurveText = new SimpleStringProperty(NO_MODEL_CURVE);
    private final DoubleProperty selectionStart = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty selectionEnd = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty playhead = new SimpleDoubleProperty(Double.NaN);

    /** The frequency scale of the picture: the log-mel (the models' input) or the linear STFT. */
    public enum Scale {
        MEL("Mel"), LINEAR("Linear (STFT)");

        private final String label;

        Scale(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public SpectrogramViewModel() {
        // In the mel scale the picture is the log-mel, whoever sets it (the explanation views
        // show perturbed log-mels through spectrogramProperty); switching scale, or a linear
        // picture arriving while that scale is chosen, keeps the time range and shows all bands.
        spectrogram.addListener(o -> refreshDisplayed(false));
        linear.addListener(o -> refreshDisplayed(scale.get() == Scale.LINEAR));
        scale.addListener(o -> refreshDisplayed(true));
    }

    private void refreshDisplayed(boolean rescale) {
        Spectrogram before = displayed.get();
        Spectrogram now = scale.get() == Scale.LINEAR && linear.get() != null ? linear.get() : spectrogram.get();
        displayed.set(now);
        if (rescale && now != null && now != before) {
            Viewport v = viewport.get();
            viewport.set(before != null && before.frames() == now.frames()
                    ? new Viewport(v.firstFrame(), v.frames(), 0, now.mels()) : Viewport.all(now));
            // The two pictures differ in level (a mel band sums many bins): the top of the
            // scale follows the loudest bin, the user's dynamic range stays.
            double range = ceilingDb.get() - floorDb.get();
            double top = topOfScale(now);
            ceilingDb.set(top);
            floorDb.set(top - (range > 0 ? range : DEFAULT_RANGE_DB));
        }
    }

    /** The loudest bin rounded up to 10 dB. */
    private static double topOfScale(Spectrogram s) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : s.values()) {
            max = Math.max(max, v);
        }
        return Double.isFinite(max) ? Math.ceil(max / 10) * 10 : 0;
    }

    /** Shows a new recording: whole recording visible, dB range fitted to its loudest bin. */
    public void show(String name, Spectrogram logMelDb, AnomalyMask groundTruth, float[] errors) {
        title.set(name);
        mask.set(groundTruth);
        frameErrors.set(errors);
        linear.set(null); // the previous recording's; the caller sets this one's (setLinear)
        spectrogram.set(logMelDb);
        double top = topOfScale(logMelDb);
        ceilingDb.set(top);
        floorDb.set(top - DEFAULT_RANGE_DB);
        selectionStart.set(Double.NaN);
        selectionEnd.set(Double.NaN);
        playhead.set(Double.NaN);
        fit();
    }

    /**
     * The recording's linear-frequency picture ({@link LinearSpectrogram}), shown while the
     * scale is {@link Scale#LINEAR}; same frames as the log-mel.
     */
    public void setLinear(Spectrogram linearDb) {
        linear.set(linearDb);
    }

    /** Whether the picture on screen is the linear STFT (the mel-grid layers are then hidden). */
    public boolean linearShown() {
        return displayed.get() != null && displayed.get() == linear.get();
    }

    /** Clears the view (no recording selected). */
    public void clear() {
        linear.set(null);
        spectrogram.set(null);
        mask.set(null);
        frameErrors.set(null);
        title.set("");
        readout.set("");
    }

    /** Each frame's mean over the bands (the per-frame error of an error map: the score is its mean). */
    public static float[] frameMeans(Spectrogram s) {
        float[] out = new float[s.frames()];
        for (int f = 0; f < s.frames(); f++) {
            double sum = 0;
            for (int m = 0; m < s.mels(); m++) {
                sum += s.get(f, m);
            }
            out[f] = (float) (sum / s.mels());
        }
        return out;
    }

    /** Replaces the error curve (a model scored the recording shown). */
    public void setFrameErrors(float[] errors) {
        frameErrors.set(errors);
    }

    /** Whole recording, all bands. */
    public void fit() {
        Spectrogram s = displayed.get();
        if (s != null) {
            viewport.set(Viewport.all(s));
        }
    }

    /**
     * Zooms time by {@code factor} (> 1 zooms in), keeping the frame at horizontal fraction
     * {@code anchor} (0 left .. 1 right) under the same place.
     */
    public void zoomTime(double factor, double anchor) {
        Spectrogram s = displayed.get();
        if (s == null || !(factor > 0)) {
            return;
        }
        Viewport v = viewport.get();
        double frames = clamp(v.frames() / factor, Math.min(MIN_FRAMES, s.frames()), Math.max(1, s.frames()));
        double at = v.frameAt(anchor);
        set(at - anchor * frames, frames, v.firstMel(), v.mels());
    }

    /** Zooms frequency by {@code factor}, keeping the band at vertical fraction {@code anchor} (0 top). */
    public void zoomFrequency(double factor, double anchor) {
        Spectrogram s = displayed.get();
        if (s == null || !(factor > 0)) {
            return;
        }
        Viewport v = viewport.get();
        double mels = clamp(v.mels() / factor, Math.min(MIN_MELS, s.mels()), s.mels());
        double at = v.melAt(anchor);
        set(v.firstFrame(), v.frames(), at - (1 - anchor) * mels, mels);
    }

    /** Scrolls time by a fraction of the visible width (positive: later). */
    public void scrollTime(double fractionOfView) {
        Viewport v = viewport.get();
        set(v.firstFrame() + fractionOfView * v.frames(), v.frames(), v.firstMel(), v.mels());
    }

    /** Scrolls frequency by a fraction of the visible height (positive: higher). */
    public void scrollFrequency(double fractionOfView) {
        Viewport v = viewport.get();
        set(v.firstFrame(), v.frames(), v.firstMel() + fractionOfView * v.mels(), v.mels());
    }

    /** Moves the view by a drag of (dx, dy) in fractions of the view (content follows the mouse). */
    public void pan(double dxFraction, double dyFraction) {
        Viewport v = viewport.get();
        set(v.firstFrame() - dxFraction * v.frames(), v.frames(), v.firstMel() + dyFraction * v.mels(), v.mels());
    }

    private void set(double firstFrame, double frames, double firstMel, double mels) {
        Spectrogram s = displayed.get();
        if (s == null) {
            return;
        }
        double f0 = clamp(firstFrame, 0, Math.max(0, s.frames() - frames));
        double m0 = clamp(firstMel, 0, Math.max(0, s.mels() - mels));
        viewport.set(new Viewport(f0, frames, m0, mels));
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    /** Seconds at horizontal fraction {@code x} of the view. */
    public double secondsAt(double x) {
        Spectrogram s = displayed.get();
        return s == null ? 0 : viewport.get().frameAt(x) * s.hop() / (double) s.sampleRate();
    }

    /** Horizontal fraction of the view at {@code seconds} (outside 0..1 when not visible). */
    public double xOf(double seconds) {
        Spectrogram s = displayed.get();
        if (s == null) {
            return Double.NaN;
        }
        Viewport v = viewport.get();
        return (seconds * s.sampleRate() / s.hop() - v.firstFrame()) / v.frames();
    }

    /** Hz at a band coordinate (band m spans [m, m+1); linear between band centres). */
    public static double hzAtBand(Spectrogram s, double band) {
        double[] c = s.bandCentresHz();
        double i = band - 0.5;
        if (i <= 0) {
            return c[0] * Math.max(0, band / 0.5);
        }
        if (i >= c.length - 1) {
            return c[c.length - 1];
        }
        int lo = (int) Math.floor(i);
        return c[lo] + (i - lo) * (c[lo + 1] - c[lo]);
    }

    /** Updates the status-bar readout for the mouse at fractions (x, y) of the view. */
    public void pointAt(double x, double y) {
        Spectrogram s = displayed.get();
        if (s == null || x < 0 || x > 1 || y < 0 || y > 1) {
            readout.set("");
            return;
        }
        Viewport v = viewport.get();
        int frame = (int) Math.min(s.frames() - 1, Math.max(0, Math.floor(v.frameAt(x))));
        double band = v.melAt(y);
        int mel = (int) Math.min(s.mels() - 1, Math.max(0, Math.floor(band)));
        readout.set(String.format(Locale.ROOT, "t %.3f s   f %.0f Hz (%s %d)   %.1f dB",
                secondsAt(x), hzAtBand(s, band), linearShown() ? "bin" : "band", mel, s.get(frame, mel)));
    }

    /** Selects [a, b] seconds (any order) for playback; NaN clears. */
    public void select(double a, double b) {
        selectionStart.set(Math.min(a, b));
        selectionEnd.set(Math.max(a, b));
    }

    public boolean hasSelection() {
        return Double.isFinite(selectionStart.get()) && selectionEnd.get() > selectionStart.get();
    }

    public ColorMap colorMapValue() {
        return ColorMap.named(colorMap.get());
    }

    public ObjectProperty<Spectrogram> spectrogramProperty() {
        return spectrogram;
    }

    /** The picture on screen: the log-mel, or the linear STFT while that scale is chosen and known. */
    public ReadOnlyObjectProperty<Spectrogram> displayedProperty() {
        return displayed.getReadOnlyProperty();
    }

    public ObjectProperty<Scale> scaleProperty() {
        return scale;
    }

    public ObjectProperty<Spectrogram> linearProperty() {
        return linear;
    }

    public ObjectProperty<AnomalyMask> maskProperty() {
        return mask;
    }

    public ObjectProperty<float[]> frameErrorsProperty() {
        return frameErrors;
    }

    public ObjectProperty<Viewport> viewportProperty() {
        return viewport;
    }

    public StringProperty colorMapProperty() {
        return colorMap;
    }

    public DoubleProperty floorDbProperty() {
        return floorDb;
    }

    public DoubleProperty ceilingDbProperty() {
        return ceilingDb;
    }

    public StringProperty readoutProperty() {
        return readout;
    }

    /** What the curve under the image shows ("error", or an attribution's frame profile). */
    /** The curve strip's text when there is no model for the machine. */
    public static final String NO_MODEL_CURVE = "per-frame reconstruction error: load or train a model for this machine";

    public StringProperty noCurveTextProperty() {
        return noCurveText;
    }

    public StringProperty curveLabelProperty() {
        return curveLabel;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public DoubleProperty selectionStartProperty() {
        return selectionStart;
    }

    public DoubleProperty selectionEndProperty() {
        return selectionEnd;
    }

    public DoubleProperty playheadProperty() {
        return playhead;
    }
}
