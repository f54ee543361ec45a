package io.auscult.ui.proxy;

import io.auscult.proxy.ModelResult;
import io.auscult.proxy.ProxyTaskKind;
import io.auscult.ui.CanvasRegion;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Locale;

/**
 * The chosen task's proxy metric (x) against LP or MD AUC (y), one dot per model, the selected
 * model ringed. Clicking a dot selects that model. Drawn on a canvas that follows the region's size.
 */
public final class ProxyScatterPlot extends CanvasRegion {

    private static final Color BACK = Color.web("#1e2127");
    private static final Color INK = Color.web("#c8ccd4");
    private static final Color GRID = Color.web("#343a44");
    private static final Color DOT = Color.web("#4aa3ff");
    private static final double LEFT = 56;
    private static final double RIGHT = 20;
    private static final double TOP = 26;
    private static final double BOTTOM = 40;
    /** How near (pixels) a click must be to a dot to pick it. */
    static final double PICK_RADIUS = 10;

    private final ProxyLabViewModel model;
    private double xLo;
    private double xHi = 1;
    private double yLo;
    private double yHi = 1;

    ProxyScatterPlot(ProxyLabViewModel model) {
        this.model = model;
        getStyleClass().add("proxy-scatter");
        setMinSize(240, 180);
        setPrefSize(520, 360);
        model.models().addListener((javafx.collections.ListChangeListener<ModelResult>) c -> redraw());
        model.scatterTaskProperty().addListener(o -> redraw());
        model.axisProperty().addListener(o -> redraw());
        model.selectedProperty().addListener(o -> redraw());
        canvas.setOnMouseClicked(this::pick);
    }

    @Override
    protected void paint() {
        redraw();
    }

    private void pick(MouseEvent e) {
        ModelResult best = null;
        double bestD = PICK_RADIUS;
        for (ProxyLabViewModel.Point p : model.points()) {
            double d = Math.hypot(xOf(p.x()) - e.getX(), yOf(p.y()) - e.getY());
            if (d <= bestD) {
                bestD = d;
                best = p.model();
            }
        }
        if (best != null) {
            model.select(best);
        }
    }

    /** Canvas x of a proxy metric value. */
    public double xOf(double x) {
        return LEFT + (x - xLo) / (xHi - xLo) * (canvas.getWidth() - LEFT - RIGHT);
    }

    /** Canvas y of an AUC value. */
    public double yOf(double y) {
        double ph = canvas.getHeight() - TOP - BOTTOM;
        return TOP + ph - (y - yLo) / (yHi - yLo) * ph;
    }

    private void fit(List<ProxyLabViewModel.Point> points) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (ProxyLabViewModel.Point p : points) {
            minX = Math.min(minX, p.x());
            maxX = Math.max(maxX, p.x());
            minY = Math.min(minY, p.y());
            maxY = Math.max(maxY, p.y());
        }
        // A little room round the dots so none sits on the frame; a constant axis gets a unit-free span.
        double px = maxX > minX ? 0.08 * (maxX - minX) : Math.max(1e-3, Math.abs(maxX) * 0.1);
        double py = maxY > minY ? 0.08 * (maxY - minY) : 0.05;
        xLo = minX - px;
        xHi = maxX + px;
        yLo = minY - py;
        yHi = maxY + py;
    }

    void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(BACK);
        g.fillRect(0, 0, w, h);
        if (w <= LEFT + RIGHT || h <= TOP + BOTTOM) {
            return;
        }
        g.setFont(Font.font(11));
        g.setFill(INK);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
        ProxyTaskKind task = model.scatterTaskProperty().get();
        List<ProxyLabViewModel.Point> points = model.points();
        if (task == null || points.isEmpty()) {
            g.fillText("Proxy metric vs AUC: run the lab to see its models", LEFT, TOP - 8);
            return;
        }
        fit(points);
        double pw = w - LEFT - RIGHT;
        double ph = h - TOP - BOTTOM;
        g.setStroke(GRID);
        for (int i = 0; i <= 4; i++) {
            g.strokeLine(LEFT, TOP + ph * i / 4 + 0.5, LEFT + pw, TOP + ph * i / 4 + 0.5);
            g.strokeLine(LEFT + pw * i / 4 + 0.5, TOP, LEFT + pw * i / 4 + 0.5, TOP + ph);
        }
        g.setFill(INK);
        g.fillText(task.word() + ": " + task.metricName() + " vs " + model.axisProperty().get()
                + "  (" + points.size() + " models; click a dot)", LEFT, TOP - 8);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i <= 4; i++) {
            g.fillText(String.format(Locale.ROOT, "%.3g", xLo + (xHi - xLo) * i / 4), LEFT + pw * i / 4, TOP + ph + 4);
        }
        g.fillText(task.metricName() + (task.higherIsBetter() ? " (higher is better)" : " (lower is better)"),
                LEFT + pw / 2, TOP + ph + 20);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 4; i++) {
            g.fillText(String.format(Locale.ROOT, "%.3f", yLo + (yHi - yLo) * i / 4), LEFT - 6, TOP + ph - ph * i / 4);
        }
        ModelResult sel = model.selectedProperty().get();
        for (ProxyLabViewModel.Point p : points) {
            double x = xOf(p.x());
            double y = yOf(p.y());
            g.setFill(DOT);
            g.fillOval(x - 4, y - 4, 8, 8);
            if (p.model().equals(sel)) {
                g.setStroke(Color.WHITE);
                g.setLineWidth(2);
                g.strokeOval(x - 8, y - 8, 16, 16);
                g.setLineWidth(1);
                g.setFill(Color.WHITE);
                g.setTextAlign(x + 120 < LEFT + pw ? TextAlignment.LEFT : TextAlignment.RIGHT);
                g.fillText(p.model().model(), x + (x + 120 < LEFT + pw ? 11 : -11), y);
            }
        }
    }
}
