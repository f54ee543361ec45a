package io.auscult.ui.compare;

import io.auscult.data.synth.AnomalyMask;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.features.Spectrogram;
import io.auscult.store.SpectrogramRaster;
import io.auscult.store.SpectrogramRaster.Viewport;
import io.auscult.ui.explain.AttributionOverlayLayer;
import io.auscult.ui.spectrogram.SpectrogramViewModel;
import javafx.beans.Observable;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * One cell of the method grid: its caption above, the clip's grey log-mel with the cell's map
 * drawn by an {@link AttributionOverlayLayer}, the ground-truth outline, and the shared time
 * cursor. Lighter than the main spectrogram view (no axes, colour bar or error curve: the grid
 * draws one time axis under each column), so that a dozen fit a window. Every cell draws the
 * grid's one viewport; wheel and drag change that viewport, so all cells zoom and scroll together.
 */
final class MethodGridCellView extends Region {

    static final double CAPTION = 20;
    /** Width from which the full caption "method · gain +0.123 · loc AUROC 0.834" fits at 12 px. */
    static final double WIDE = 280;
    /**
     * Ground truth in cyan (as in the main view), but half transparent: a synthetic mask is
     * fragmented, and at cell size its full-strength outline hides the map under it. The
     * anomaly's time span is marked at full strength by a bar along the cell's top edge.
     */
    private static final int OUTLINE = 0x9900E5FF;
    private static final Color SPAN = Color.web("#00E5FF");
    static final double SPAN_BAR = 4;
    private static final Color CURSOR = Color.web("#ffffff", 0.85);
    private static final Color BACK = Color.web("#15171c");

    private final MethodGridViewModel grid;
    private final MethodGridViewModel.Cell cell;
    private final Label caption = new Label();
    private final ImageView image = new ImageView();
    private final ImageView overlay = new ImageView();
    private final ImageView outline = new ImageView();
    private final Canvas front = new Canvas();
    private final AttributionOverlayLayer layer = new AttributionOverlayLayer();
    private WritableImage pixels;
    private WritableImage overlayPixels;
    private WritableImage outlinePixels;
    private int[] argb = new int[0];
    private boolean dirty = true;
    private double dragX;
    private double dragY;

    MethodGridCellView(MethodGridViewModel grid, MethodGridViewModel.Cell cell) {
        this.grid = grid;
        this.cell = cell;
        getStyleClass().add("grid-cell");
        setId("grid-cell-" + cell.row() + "-" + cell.column());
        caption.getStyleClass().add("grid-caption");
        // The full caption where it fits, the compact one (no method name) in a narrow cell.
        caption.textProperty().bind(javafx.beans.binding.Bindings.when(widthProperty().greaterThanOrEqualTo(WIDE))
                .then(cell.captionProperty()).otherwise(cell.compactCaptionProperty()));
        caption.setTooltip(new Tooltip());
        caption.getTooltip().textProperty().bind(cell.captionProperty());
        caption.setMinWidth(0);
        image.setSmooth(false);
        overlay.setSmooth(false);
        outline.setSmooth(false);
        overlay.setMouseTransparent(true);
        outline.setMouseTransparent(true);
        front.setMouseTransparent(true);
        getChildren().addAll(caption, image, overlay, outline, front);
        SpectrogramViewModel d = grid.display();
        for (Observable o : List.<Observable>of(d.spectrogramProperty(), d.viewportProperty(), d.colorMapProperty(),
                d.floorDbProperty(), d.ceilingDbProperty(), d.maskProperty(), cell.shownProperty(),
                cell.resultProperty(), grid.runningProperty(), grid.modeProperty(), grid.opacityProperty(), grid.contourProperty())) {
            o.addListener(x -> invalidate());
        }
        grid.cursorProperty().addListener(o -> drawFront());
        setOnScroll(this::onScroll);
        setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
            requestFocus();
        });
        setOnMouseDragged(this::onDragged);
        setOnMouseMoved(this::onMoved);
        setMinSize(120, 90);
        setPrefSize(360, 220);
    }

    MethodGridViewModel.Cell cell() {
        return cell;
    }

    private void invalidate() {
        dirty = true;
        requestLayout();
    }

    private int plotWidth() {
        return (int) Math.max(1, Math.floor(getWidth()));
    }

    private int plotHeight() {
        return (int) Math.max(1, Math.floor(getHeight() - CAPTION));
    }

    /** Horizontal fraction of the plot at x (0 left .. 1 right). */
    double xFraction(double x) {
        return x / plotWidth();
    }

    @Override
    protected void layoutChildren() {
        caption.resizeRelocate(2, 0, Math.max(0, getWidth() - 4), CAPTION);
        int pw = plotWidth();
        int ph = plotHeight();
        image.relocate(0, CAPTION);
        overlay.relocate(0, CAPTION);
        outline.relocate(0, CAPTION);
        front.relocate(0, CAPTION);
        if (front.getWidth() != pw || front.getHeight() != ph) {
            front.setWidth(pw);
            front.setHeight(ph);
            dirty = true;
        }
        if (dirty) {
            dirty = false;
            redraw(pw, ph);
        }
    }

    private void redraw(int pw, int ph) {
        SpectrogramViewModel d = grid.display();
        Spectrogram s = d.spectrogramProperty().get();
        if (s == null || s.frames() == 0) {
            image.setImage(null);
            overlay.setImage(null);
            outline.setImage(null);
            drawFront();
            return;
        }
        if (pixels == null || pixels.getWidth() != pw || pixels.getHeight() != ph) {
            pixels = new WritableImage(pw, ph);
            overlayPixels = new WritableImage(pw, ph);
            outlinePixels = new WritableImage(pw, ph);
            argb = new int[pw * ph];
        }
        Viewport v = d.viewportProperty().get();
        SpectrogramRaster.render(s, v, pw, ph, d.colorMapValue(), d.floorDbProperty().get(), d.ceilingDbProperty().get(),
                argb);
        pixels.getPixelWriter().setPixels(0, 0, pw, ph, PixelFormat.getIntArgbInstance(), argb, 0, pw);
        image.setImage(pixels);
        Spectrogram map = cell.shownProperty().get();
        layer.mapProperty().set(map);
        layer.signedProperty().set(grid.modeProperty().get() == DisplayNormalisation.Mode.SIGNED);
        layer.styleProperty().set(grid.style());
        if (map != null && map.frames() == s.frames() && map.mels() == s.mels() && layer.render(v, pw, ph, argb)) {
            overlayPixels.getPixelWriter().setPixels(0, 0, pw, ph, PixelFormat.getIntArgbInstance(), argb, 0, pw);
            overlay.setImage(overlayPixels);
        } else {
            overlay.setImage(null);
        }
        AnomalyMask m = d.maskProperty().get();
        if (m != null && !m.isEmpty()) {
            SpectrogramRaster.renderOutline(m.cells(), m.frames(), m.mels(), v, pw, ph, OUTLINE, 0, argb);
            outlinePixels.getPixelWriter().setPixels(0, 0, pw, ph, PixelFormat.getIntArgbInstance(), argb, 0, pw);
            outline.setImage(outlinePixels);
        } else {
            outline.setImage(null);
        }
        drawFront();
    }

    /** The cursor line, and a word where the cell has no map yet. */
    private void drawFront() {
        GraphicsContext g = front.getGraphicsContext2D();
        double w = front.getWidth();
        double h = front.getHeight();
        g.clearRect(0, 0, w, h);
        if (cell.shownProperty().get() == null) {
            g.setFill(Color.rgb(0, 0, 0, 0.45));
            g.fillRect(0, 0, w, h);
            g.setFill(Color.web("#c8ccd4"));
            g.setFont(Font.font(13));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(cell.resultProperty().get() == null
                    ? (grid.runningProperty().get() ? "computing…" : "not computed") : "no map", w / 2, h / 2);
        }
        AnomalyMask m = grid.display().maskProperty().get();
        Spectrogram s = grid.display().spectrogramProperty().get();
        if (m != null && !m.isEmpty() && s != null) {
            double hop = s.hop() / (double) s.sampleRate();
            double x0 = Math.max(0, grid.display().xOf(m.firstFrame() * hop) * w);
            double x1 = Math.min(w, grid.display().xOf((m.lastFrame() + 1) * hop) * w);
            if (x1 > x0) {
                g.setFill(SPAN);
                g.fillRect(x0, 0, x1 - x0, SPAN_BAR);
            }
        }
        double t = grid.cursorProperty().get();
        if (Double.isFinite(t) && grid.display().spectrogramProperty().get() != null) {
            double x = Math.round(grid.display().xOf(t) * w) + 0.5;
            if (x >= 0 && x <= w) {
                g.setStroke(CURSOR);
                g.setLineWidth(1);
                g.strokeLine(x, 0, x, h);
            }
        }
    }

    private void onScroll(ScrollEvent e) {
        SpectrogramViewModel d = grid.display();
        double dy = e.getDeltaY() != 0 ? e.getDeltaY() : e.getDeltaX();
        if (dy == 0) {
            return;
        }
        if (e.isShiftDown()) {
            d.scrollTime(-Math.signum(dy) * 0.15);
        } else if (e.isShortcutDown()) {
            d.zoomFrequency(dy > 0 ? 1.25 : 1 / 1.25, 1 - Math.max(0, Math.min(1, (e.getY() - CAPTION) / plotHeight())));
        } else {
            d.zoomTime(dy > 0 ? 1.25 : 1 / 1.25, Math.max(0, Math.min(1, xFraction(e.getX()))));
        }
        e.consume();
    }

    private void onDragged(MouseEvent e) {
        double dx = (e.getX() - dragX) / plotWidth();
        double dy = (e.getY() - dragY) / plotHeight();
        dragX = e.getX();
        dragY = e.getY();
        grid.display().pan(dx, dy);
        onMoved(e);
    }

    private void onMoved(MouseEvent e) {
        double f = xFraction(e.getX());
        if (f >= 0 && f <= 1 && e.getY() >= CAPTION) {
            grid.cursorProperty().set(grid.display().secondsAt(f));
        }
    }

    /** The pixel colour at (x, y) of the drawn overlay layer (for tests), 0 where there is none. */
    int overlayArgbAt(int x, int y) {
        return overlay.getImage() == null ? 0 : overlay.getImage().getPixelReader().getArgb(x, y);
    }

    boolean hasOverlay() {
        return overlay.getImage() != null;
    }
}
