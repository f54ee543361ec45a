package io.auscult.ui.spectrogram;

import io.auscult.features.Spectrogram;
import io.auscult.store.ColorMap;
import io.auscult.store.SpectrogramRaster;
import io.auscult.store.SpectrogramRaster.Viewport;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The central spectrogram view: the log-mel as one image per viewport
 * (max-pooled, see {@link SpectrogramRaster}), transparent layers above it (ground-truth
 * outline now, explanations later), a frequency axis in Hz on the mel scale, a time axis in
 * seconds, a colour bar in dB, the playback selection and playhead, and under the image the
 * model's per-frame error on the same time axis.
 *
 * <p>Mouse: wheel zooms time around the pointer, Ctrl+wheel zooms frequency, Shift+wheel
 * scrolls; drag pans; Shift+drag selects a time range for playback. Keys (when focused):
 * {@code + -} zoom, arrows scroll, {@code Ctrl+Up/Down} zoom frequency, {@code 0} fits.
 */
public final class SpectrogramView extends Region {

    static final double LEFT = 70;
    static final double RIGHT = 74;
    static final double TOP = 24;
    static final double AXIS = 34;
    static final double CURVE = 64;
    static final double GAP = 6;
    private static final Font FONT = Font.font(11);
    private static final Color AXIS_COLOUR = Color.web("#c8ccd4");
    private static final Color BACK = Color.web("#1e2127");

    private final SpectrogramViewModel model;
    private final Canvas frame = new Canvas();
    private final ImageView image = new ImageView();
    private final Canvas cursor = new Canvas();
    private final Canvas curve = new Canvas();
    private final ObservableList<SpectrogramLayer> layers = FXCollections.observableArrayList();
    private final List<ImageView> layerViews = new ArrayList<>();
    private final List<PixelImage> layerPixels = new ArrayList<>();
    private PixelImage pixels;
    private boolean dirty = true;
    private double dragX;
    private double dragY;
    private double dragStartSeconds = Double.NaN;
    private long lastRenderNanos;
    private RectangleTool rectangleTool;
    private final SpectrogramLayer groundTruth;
    private double[] rectangle;

    /** Draws rectangles with the primary button while {@link #active()} (a region painter). */
    public interface RectangleTool {
        boolean active();

        /** A rectangle in bin coordinates: frames [frame0, frame1), bands [mel0, mel1). */
        void drawn(double frame0, double frame1, double mel0, double mel1);
    }

    public SpectrogramView(SpectrogramViewModel model) {
        this.model = model;
        this.groundTruth = new MaskOutlineLayer(model.maskProperty());
        getStyleClass().add("spectrogram-view");
        // Opaque, so the renderer starts each repaint of this area here instead of at the split
        // pane above, whose two full-area fills were a fifth of the area's software repaint.
        setBackground(new Background(new BackgroundFill(BACK, null, null)));
        setFocusTraversable(true);
        image.setSmooth(false);
        cursor.setMouseTransparent(true);
        // Shown only while it has something on it (see drawCursor); unmanaged, so showing and
        // hiding it asks for no layout (this view places it itself).
        cursor.setManaged(false);
        cursor.setVisible(false);
        getChildren().addAll(frame, image, cursor, curve);
        layers.add(groundTruth);
        layers.addListener((Observable o) -> invalidate());
        for (Observable p : List.<Observable>of(model.displayedProperty(), model.viewportProperty(),
                model.colorMapProperty(), model.floorDbProperty(), model.ceilingDbProperty(),
                model.maskProperty(), model.frameErrorsProperty(), model.curveLabelProperty())) {
            p.addListener(o -> invalidate());
        }
        for (Observable p : List.<Observable>of(model.selectionStartProperty(), model.selectionEndProperty(),
                model.playheadProperty())) {
            p.addListener(o -> drawCursor());
        }
        setOnScroll(this::onScroll);
        setOnMousePressed(this::onPressed);
        setOnMouseDragged(this::onDragged);
        setOnMouseReleased(this::onReleased);
        setOnMouseMoved(e -> model.pointAt(xFraction(e.getX()), yFraction(e.getY())));
        setOnMouseExited(e -> model.pointAt(-1, -1));
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        setMinSize(320, 240);
        setPrefSize(900, 520);
    }

    /** Layers drawn over the image, bottom first. */
    public ObservableList<SpectrogramLayer> layers() {
        return layers;
    }

    /** While the tool is active, primary-button drags draw rectangles for it instead of panning. */
    public void setRectangleTool(RectangleTool tool) {
        rectangleTool = tool;
    }

    /**
     * Adds a layer above the others but under the ground-truth outline (the truth stays readable
     * over any overlay), and redraws whenever one of {@code changes} changes.
     */
    public void addLayer(SpectrogramLayer layer, List<? extends Observable> changes) {
        int truth = layers.indexOf(groundTruth);
        layers.add(truth < 0 ? layers.size() : truth, layer);
        changes.forEach(c -> c.addListener(o -> invalidate()));
    }

    /** Width and height in pixels of the spectrogram image itself (without axes). */
    public int imageWidth() {
        return pixels == null ? 0 : pixels.width();
    }

    public int imageHeight() {
        return pixels == null ? 0 : pixels.height();
    }

    /** How many layers are drawn over the picture now (tests: the mel-grid layers hide over the linear STFT). */
    public int layerImagesShown() {
        return (int) layerViews.stream().filter(v -> v.getImage() != null).count();
    }

    /** Nanoseconds the last image render took (for the status bar and the render benchmark). */
    public long lastRenderNanos() {
        return lastRenderNanos;
    }

    private void invalidate() {
        dirty = true;
        requestLayout();
    }

    private double plotWidth() {
        return Math.max(1, Math.floor(getWidth() - LEFT - RIGHT));
    }

    private double plotHeight() {
        return Math.max(1, Math.floor(getHeight() - TOP - AXIS - CURVE - GAP));
    }

    private double xFraction(double x) {
        return (x - LEFT) / plotWidth();
    }

    private double yFraction(double y) {
        return (y - TOP) / plotHeight();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (frame.getWidth() != w || frame.getHeight() != h) {
            frame.setWidth(w);
            frame.setHeight(h);
            cursor.setWidth(w);
            cursor.setHeight(h);
            dirty = true;
        }
        int pw = (int) plotWidth();
        int ph = (int) plotHeight();
        image.relocate(LEFT, TOP);
        curve.relocate(LEFT, TOP + ph + GAP);
        if (curve.getWidth() != pw || curve.getHeight() != CURVE) {
            curve.setWidth(pw);
            curve.setHeight(CURVE);
            dirty = true;
        }
        for (ImageView v : layerViews) {
            v.relocate(LEFT, TOP);
        }
        if (dirty) {
            dirty = false;
            redraw(pw, ph);
        }
    }

    private void redraw(int pw, int ph) {
        GraphicsContext g = frame.getGraphicsContext2D();
        g.setFill(BACK);
        g.fillRect(0, 0, frame.getWidth(), frame.getHeight());
        Spectrogram s = model.displayedProperty().get();
        if (s == null || s.frames() == 0) {
            image.setImage(null);
            layerViews.forEach(v -> v.setImage(null));
            curve.getGraphicsContext2D().clearRect(0, 0, curve.getWidth(), curve.getHeight());
            g.setFill(AXIS_COLOUR);
            g.setFont(Font.font(14));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("Select a recording in the browser (or drop WAV files here)", getWidth() / 2, getHeight() / 2);
            drawCursor();
            return;
        }
        long t0 = System.nanoTime();
        Viewport v = model.viewportProperty().get();
        pixels = PixelImage.sized(pixels, pw, ph);
        // Opaque colours: premultiplied already.
        pixels.draw(argb -> SpectrogramRaster.render(s, v, pw, ph, model.colorMapValue(),
                model.floorDbProperty().get(), model.ceilingDbProperty().get(), argb));
        image.setImage(pixels.image());
        lastRenderNanos = System.nanoTime() - t0;
        drawLayers(v, pw, ph);
        drawAxes(g, s, v, pw, ph);
        drawCurve(s, v, pw);
        drawCursor();
    }

    private void drawLayers(Viewport v, int pw, int ph) {
        while (layerViews.size() < layers.size()) {
            ImageView iv = new ImageView();
            iv.setMouseTransparent(true);
            iv.setSmooth(false);
            layerViews.add(iv);
            layerPixels.add(null);
            getChildren().add(getChildren().indexOf(cursor), iv);
            iv.relocate(LEFT, TOP);
        }
        // The layers (ground-truth mask, attributions, perturbation) live on the mel grid; over
        // the linear STFT they would sit at the wrong frequencies, so they are hidden there.
        boolean melGrid = !model.linearShown();
        for (int i = 0; i < layerViews.size(); i++) {
            ImageView iv = layerViews.get(i);
            if (i >= layers.size() || !melGrid) {
                iv.setImage(null);
                continue;
            }
            SpectrogramLayer layer = layers.get(i);
            PixelImage img = PixelImage.sized(layerPixels.get(i), pw, ph);
            layerPixels.set(i, img);
            boolean drawn = img.drawIf(argb -> {
                if (layer.render(v, pw, ph, argb)) {
                    PixelImage.premultiply(argb);
                    return true;
                }
                return false;
            });
            iv.setImage(drawn ? img.image() : null);
        }
    }

    private void drawAxes(GraphicsContext g, Spectrogram s, Viewport v, int pw, int ph) {
        g.setFont(FONT);
        g.setStroke(AXIS_COLOUR);
        g.setFill(AXIS_COLOUR);
        g.setLineWidth(1);
        g.strokeRect(LEFT - 0.5, TOP - 0.5, pw + 1, ph + 1);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
        g.fillText(model.titleProperty().get() + (model.linearShown()
                ? "   · linear STFT: mel-grid layers (mask, overlays) hidden, switch to Mel to see them" : ""),
                LEFT, TOP - 7);
        // Frequency axis: round Hz values, placed at their band position (mel scale).
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        double lastY = Double.POSITIVE_INFINITY;
        for (double hz : FREQUENCY_TICKS) {
            double band = bandOf(s, hz);
            if (Double.isNaN(band)) {
                continue;
            }
            double y = TOP + (1 - (band - v.firstMel()) / v.mels()) * ph;
            if (y < TOP || y > TOP + ph || lastY - y < 16) {
                continue;
            }
            lastY = y;
            g.strokeLine(LEFT - 5, Math.round(y) + 0.5, LEFT, Math.round(y) + 0.5);
            g.fillText(hz >= 1000 ? String.format(Locale.ROOT, hz % 1000 == 0 ? "%.0f k" : "%.1f k", hz / 1000)
                    : String.format(Locale.ROOT, "%.0f", hz), LEFT - 8, y);
        }
        g.save();
        g.translate(14, TOP + ph / 2.0);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(model.linearShown() ? "frequency (Hz, linear)" : "frequency (Hz, mel scale)", 0, 0);
        g.restore();
        // Time axis under the error curve: a 1-2-5 step giving labels ~90 px apart.
        double secondsPerFrame = s.hop() / (double) s.sampleRate();
        double t0 = v.firstFrame() * secondsPerFrame;
        double span = v.frames() * secondsPerFrame;
        double step = niceStep(span / Math.max(1, pw / 90.0));
        double axisY = TOP + ph + GAP + CURVE;
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
        for (double t = Math.ceil(t0 / step) * step; t <= t0 + span + 1e-9; t += step) {
            double x = LEFT + (t - t0) / span * pw;
            g.strokeLine(Math.round(x) + 0.5, axisY, Math.round(x) + 0.5, axisY + 5);
            g.fillText(String.format(Locale.ROOT, "%." + decimals + "f", t), x, axisY + 7);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("time (s)", LEFT + pw, axisY + 20);
        // Colour bar with its dB scale.
        double bx = LEFT + pw + 14;
        double lo = model.floorDbProperty().get();
        double hi = model.ceilingDbProperty().get();
        ColorMap map = model.colorMapValue();
        for (int y = 0; y < ph; y++) {
            int c = map.argb(hi - (hi - lo) * y / Math.max(1, ph - 1), lo, hi);
            g.setFill(Color.rgb((c >> 16) & 255, (c >> 8) & 255, c & 255));
            g.fillRect(bx, TOP + y, 12, 1);
        }
        g.setFill(AXIS_COLOUR);
        g.strokeRect(bx - 0.5, TOP - 0.5, 13, ph + 1);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double dbStep = niceStep((hi - lo) / Math.max(1, ph / 40.0));
        for (double d = Math.ceil(lo / dbStep) * dbStep; d <= hi + 1e-9; d += dbStep) {
            double y = TOP + (hi - d) / (hi - lo) * ph;
            g.fillText(String.format(Locale.ROOT, "%.0f", d), bx + 17, y);
        }
        g.setTextBaseline(VPos.BASELINE);
        g.fillText("dB", bx, TOP - 7);
        // Error curve caption.
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(model.curveLabelProperty().get(), LEFT - 8, TOP + ph + GAP + CURVE / 2);
    }

    private void drawCurve(Spectrogram s, Viewport v, int pw) {
        GraphicsContext g = curve.getGraphicsContext2D();
        g.setFill(Color.web("#15171c"));
        g.fillRect(0, 0, curve.getWidth(), curve.getHeight());
        float[] errors = model.frameErrorsProperty().get();
        if (errors == null || errors.length == 0) {
            g.setFill(Color.web("#7d8590"));
            g.setFont(FONT);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(model.noCurveTextProperty().get(), 8, CURVE / 2);
            return;
        }
        double max = 0;
        for (float e : errors) {
            max = Math.max(max, e);
        }
        double[] pooled = SpectrogramRaster.poolColumns(errors, v.firstFrame(), v.frames(), pw);
        g.setFill(Color.web("#7d8590"));
        g.setFont(FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(String.format(Locale.ROOT, "max %.3g", max), 4, 2);
        g.setStroke(Color.web("#ffb000"));
        g.setLineWidth(1.2);
        g.beginPath();
        boolean started = false;
        for (int x = 0; x < pw; x++) {
            if (Double.isNaN(pooled[x])) {
                continue;
            }
            double y = CURVE - 3 - (CURVE - 8) * pooled[x] / (max > 0 ? max : 1);
            if (started) {
                g.lineTo(x + 0.5, y);
            } else {
                g.moveTo(x + 0.5, y);
                started = true;
            }
        }
        g.stroke();
    }

    /**
     * Draws the playback selection and playhead on their own transparent canvas, and shows that
     * canvas only while one of them is there: an empty canvas the size of the view still costs
     * the software renderer a blend of every pixel each time the view is repainted (8-19 ms of
     * the spectrogram's first paint under Xvfb; docs/performance.md, session 8).
     */
    private void drawCursor() {
        GraphicsContext g = cursor.getGraphicsContext2D();
        g.clearRect(0, 0, cursor.getWidth(), cursor.getHeight());
        boolean drawn = false;
        if (model.displayedProperty().get() != null) {
            double pw = plotWidth();
            double bottom = TOP + plotHeight() + GAP + CURVE;
            if (model.hasSelection()) {
                double a = clampX(model.xOf(model.selectionStartProperty().get()));
                double b = clampX(model.xOf(model.selectionEndProperty().get()));
                g.setFill(Color.rgb(255, 255, 255, 0.18));
                g.fillRect(LEFT + a * pw, TOP, (b - a) * pw, bottom - TOP);
                drawn = true;
            }
            double p = model.xOf(model.playheadProperty().get());
            if (p >= 0 && p <= 1) {
                g.setStroke(Color.WHITE);
                g.setLineWidth(1.5);
                g.strokeLine(LEFT + p * pw, TOP, LEFT + p * pw, bottom);
                drawn = true;
            }
        }
        cursor.setVisible(drawn);
    }

    private static double clampX(double x) {
        return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
    }

    private void onScroll(ScrollEvent e) {
        double x = xFraction(e.getX());
        double y = yFraction(e.getY());
        if (e.isShiftDown()) {
            double d = e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY();
            model.scrollTime(-d / 400);
        } else if (e.isControlDown()) {
            model.zoomFrequency(Math.pow(1.2, e.getDeltaY() / 40), clampX(y));
        } else {
            model.zoomTime(Math.pow(1.25, e.getDeltaY() / 40), clampX(x));
        }
        e.consume();
    }

    private void onPressed(MouseEvent e) {
        requestFocus();
        dragX = e.getX();
        dragY = e.getY();
        dragStartSeconds = e.isShiftDown() && e.getButton() == MouseButton.PRIMARY
                ? model.secondsAt(clampX(xFraction(e.getX()))) : Double.NaN;
        rectangle = rectangleTool != null && rectangleTool.active() && !model.linearShown()
                && e.getButton() == MouseButton.PRIMARY
                && !e.isShiftDown() ? new double[] {e.getX(), e.getY(), e.getX(), e.getY()} : null;
    }

    private void onReleased(MouseEvent e) {
        if (rectangle == null) {
            return;
        }
        Viewport v = model.viewportProperty().get();
        double x0 = clampX(xFraction(Math.min(rectangle[0], e.getX())));
        double x1 = clampX(xFraction(Math.max(rectangle[0], e.getX())));
        double y0 = clampX(yFraction(Math.min(rectangle[1], e.getY())));
        double y1 = clampX(yFraction(Math.max(rectangle[1], e.getY())));
        rectangle = null;
        drawCursor();
        rectangleTool.drawn(v.frameAt(x0), v.frameAt(x1), v.melAt(y1), v.melAt(y0));
    }

    private void onDragged(MouseEvent e) {
        if (rectangle != null) {
            rectangle[2] = e.getX();
            rectangle[3] = e.getY();
            drawCursor();
            GraphicsContext g = cursor.getGraphicsContext2D();
            g.setStroke(Color.WHITE);
            g.setLineDashes(5, 4);
            g.strokeRect(Math.min(rectangle[0], rectangle[2]), Math.min(rectangle[1], rectangle[3]),
                    Math.abs(rectangle[2] - rectangle[0]), Math.abs(rectangle[3] - rectangle[1]));
            g.setLineDashes();
            cursor.setVisible(true);
        } else if (!Double.isNaN(dragStartSeconds)) {
            model.select(dragStartSeconds, model.secondsAt(clampX(xFraction(e.getX()))));
        } else {
            model.pan((e.getX() - dragX) / plotWidth(), (e.getY() - dragY) / plotHeight());
            dragX = e.getX();
            dragY = e.getY();
        }
        model.pointAt(xFraction(e.getX()), yFraction(e.getY()));
    }

    private void onKey(KeyEvent e) {
        boolean used = true;
        switch (e.getCode()) {
            case PLUS, EQUALS, ADD -> model.zoomTime(1.5, 0.5);
            case MINUS, SUBTRACT -> model.zoomTime(1 / 1.5, 0.5);
            case LEFT -> model.scrollTime(-0.1);
            case RIGHT -> model.scrollTime(0.1);
            case UP -> {
                if (e.isShortcutDown()) {
                    model.zoomFrequency(1.5, 0.5);
                } else {
                    model.scrollFrequency(0.1);
                }
            }
            case DOWN -> {
                if (e.isShortcutDown()) {
                    model.zoomFrequency(1 / 1.5, 0.5);
                } else {
                    model.scrollFrequency(-0.1);
                }
            }
            case DIGIT0, NUMPAD0, HOME -> model.fit();
            default -> used = false;
        }
        if (used) {
            e.consume();
        }
    }

    private static final double[] FREQUENCY_TICKS = {0, 100, 200, 300, 500, 700, 1000, 1500, 2000, 3000, 4000,
        5000, 6000, 7000, 8000};

    /** Band coordinate of {@code hz} (inverse of {@link SpectrogramViewModel#hzAtBand}). */
    static double bandOf(Spectrogram s, double hz) {
        double[] c = s.bandCentresHz();
        if (hz < 0 || hz > c[c.length - 1]) {
            return Double.NaN;
        }
        if (hz <= c[0]) {
            return c[0] > 0 ? 0.5 * hz / c[0] : 0.5;
        }
        for (int i = 0; i < c.length - 1; i++) {
            if (hz <= c[i + 1]) {
                return i + 0.5 + (hz - c[i]) / (c[i + 1] - c[i]);
            }
        }
        return c.length - 0.5;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
