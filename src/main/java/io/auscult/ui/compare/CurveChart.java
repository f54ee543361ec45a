package io.auscult.ui.compare;

import io.auscult.explain.Attributions;
import io.auscult.ui.CanvasRegion;
import io.auscult.ui.compare.TestSetComparisonViewModel.Baseline;
import io.auscult.ui.compare.TestSetComparisonViewModel.Series;
import javafx.beans.Observable;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The mean faithfulness curves d(k) of a comparison in one chart: colour per method, line style
 * per detector (solid, dashed, dotted), and each detector's random-order baseline as a grey line
 * in the detector's style over a grey band of +- one standard deviation of the random curves.
 * Drawn on a canvas that redraws when resized or when the data change.
 */
final class CurveChart extends CanvasRegion {

    /**
     * Okabe-Ito colours in the order of {@link Attributions#methods()}, lightened where the
     * original is too dark on the dark background; Grad-CAM gets the pink so that it does not sit
     * next to the error map's orange.
     */
    static final Color[] METHOD_COLOURS = {Color.web("#E69F00"), Color.web("#56B4E9"), Color.web("#009E73"),
        Color.web("#F0E442"), Color.web("#4F8FE0"), Color.web("#CC79A7"), Color.web("#D55E00")};
    /** Dash patterns per detector: solid, dashed, dotted, dash-dot. */
    static final double[][] DETECTOR_DASHES = {{}, {10, 6}, {2.5, 4}, {10, 4, 2.5, 4}};
    private static final Color BACK = Color.web("#1e2127");
    private static final Color INK = Color.web("#c8ccd4");
    private static final Color GRID = Color.web("#343a44");
    private static final Color RANDOM = Color.web("#9aa0aa");
    private static final double LEFT = 56;
    private static final double TOP = 30;
    private static final double BOTTOM = 40;
    private static final double LEGEND = 210;

    private final ObservableList<Series> series;
    private final ObservableList<Baseline> baselines;

    CurveChart(ObservableList<Series> series, ObservableList<Baseline> baselines) {
        this.series = series;
        this.baselines = baselines;
        getStyleClass().add("compare-chart");
        series.addListener((Observable o) -> redraw());
        baselines.addListener((Observable o) -> redraw());
        setMinSize(320, 220);
        setPrefSize(640, 360);
    }

    static Color methodColour(String method) {
        int i = Attributions.methods().indexOf(method);
        return METHOD_COLOURS[Math.floorMod(i < 0 ? method.hashCode() : i, METHOD_COLOURS.length)];
    }

    @Override
    protected void paint() {
        redraw();
    }

    private List<String> detectors() {
        List<String> out = new ArrayList<>();
        for (Baseline b : baselines) {
            if (!out.contains(b.detector())) {
                out.add(b.detector());
            }
        }
        for (Series s : series) {
            if (!out.contains(s.detector())) {
                out.add(s.detector());
            }
        }
        return out;
    }

    void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(BACK);
        g.fillRect(0, 0, w, h);
        double pw = w - LEFT - LEGEND;
        double ph = h - TOP - BOTTOM;
        if (pw < 40 || ph < 40) {
            return;
        }
        g.setFont(Font.font(12));
        if (series.isEmpty()) {
            g.setFill(INK);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("Mean faithfulness curves appear here as detectors finish.", w / 2, h / 2);
            return;
        }
        double lo = 0;
        double hi = 1;
        for (Series s : series) {
            for (double d : s.drops()) {
                if (Double.isFinite(d)) {
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
            }
        }
        for (Baseline b : baselines) {
            for (int i = 0; i < b.low().length; i++) {
                lo = Math.min(lo, b.low()[i]);
                hi = Math.max(hi, b.high()[i]);
            }
        }
        lo = Math.floor(lo * 10) / 10;
        hi = Math.ceil(hi * 10) / 10;
        axes(g, pw, ph, lo, hi);
        List<String> detectors = detectors();
        for (Baseline b : baselines) {
            double[] x = b.fractions();
            double[] px = new double[2 * x.length];
            double[] py = new double[2 * x.length];
            for (int i = 0; i < x.length; i++) {
                px[i] = xOf(x[i], pw);
                py[i] = yOf(b.high()[i], ph, lo, hi);
                px[2 * x.length - 1 - i] = xOf(x[i], pw);
                py[2 * x.length - 1 - i] = yOf(b.low()[i], ph, lo, hi);
            }
            g.setFill(Color.rgb(154, 160, 170, 0.16));
            g.fillPolygon(px, py, px.length);
            stroke(g, RANDOM, 1.6, dashes(detectors.indexOf(b.detector())));
            line(g, x, b.mean(), pw, ph, lo, hi);
        }
        for (Series s : series) {
            stroke(g, methodColour(s.method()), 2.2, dashes(detectors.indexOf(s.detector())));
            line(g, s.fractions(), s.drops(), pw, ph, lo, hi);
        }
        g.setLineDashes();
        legend(g, w, detectors);
    }

    private static double[] dashes(int detector) {
        return DETECTOR_DASHES[Math.floorMod(detector, DETECTOR_DASHES.length)];
    }

    private static void stroke(GraphicsContext g, Color c, double width, double[] dashes) {
        g.setStroke(c);
        g.setLineWidth(width);
        g.setLineCap(StrokeLineCap.BUTT);
        g.setLineDashes(dashes);
    }

    private static double xOf(double k, double pw) {
        return LEFT + k * pw;
    }

    private static double yOf(double d, double ph, double lo, double hi) {
        return TOP + ph * (1 - (d - lo) / (hi - lo));
    }

    private static void line(GraphicsContext g, double[] x, double[] y, double pw, double ph, double lo, double hi) {
        g.beginPath();
        boolean started = false;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(y[i])) {
                started = false;
                continue;
            }
            double px = xOf(x[i], pw);
            double py = yOf(y[i], ph, lo, hi);
            if (started) {
                g.lineTo(px, py);
            } else {
                g.moveTo(px, py);
                started = true;
            }
        }
        g.stroke();
    }

    private static void axes(GraphicsContext g, double pw, double ph, double lo, double hi) {
        g.setLineDashes();
        g.setLineWidth(1);
        g.setFill(INK);
        g.setTextBaseline(VPos.CENTER);
        int steps = (int) Math.round((hi - lo) / 0.1);
        int every = steps > 12 ? 4 : steps > 6 ? 2 : 1;
        for (int i = 0; i <= steps; i++) {
            double v = lo + i * 0.1;
            double y = yOf(v, ph, lo, hi);
            g.setStroke(Math.abs(v) < 1e-9 ? INK.deriveColor(0, 1, 0.7, 1) : GRID);
            g.strokeLine(LEFT, y, LEFT + pw, y);
            if (i % every == 0) {
                g.setTextAlign(TextAlignment.RIGHT);
                g.fillText(String.format(Locale.ROOT, "%.1f", v), LEFT - 6, y);
            }
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (int k = 0; k <= 10; k++) {
            double x = xOf(k / 10.0, pw);
            g.setStroke(GRID);
            g.strokeLine(x, TOP, x, TOP + ph);
            g.fillText(String.format(Locale.ROOT, "%.1f", k / 10.0), x, TOP + ph + 4);
        }
        g.fillText("fraction of the input replaced by the reconstruction, k (highest attribution first)",
                LEFT + pw / 2, TOP + ph + 20);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("normalised score drop d(k), mean over clips", LEFT, TOP / 2);
    }

    private void legend(GraphicsContext g, double w, List<String> detectors) {
        double x = w - LEGEND + 16;
        double y = TOP + 6;
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(INK);
        g.fillText("method (colour)", x, y);
        y += 18;
        List<String> methods = new ArrayList<>();
        series.forEach(s -> {
            if (!methods.contains(s.method())) {
                methods.add(s.method());
            }
        });
        for (String m : methods) {
            stroke(g, methodColour(m), 3, new double[0]);
            g.strokeLine(x, y, x + 26, y);
            g.setFill(INK);
            g.fillText(m, x + 34, y);
            y += 17;
        }
        y += 8;
        g.fillText("detector (line)", x, y);
        y += 18;
        for (int d = 0; d < detectors.size(); d++) {
            stroke(g, INK, 2, dashes(d));
            g.strokeLine(x, y, x + 26, y);
            g.setFill(INK);
            g.fillText(detectors.get(d), x + 34, y);
            y += 17;
        }
        y += 8;
        g.setFill(Color.rgb(154, 160, 170, 0.3));
        g.fillRect(x, y - 6, 26, 12);
        stroke(g, RANDOM, 1.6, new double[0]);
        g.strokeLine(x, y, x + 26, y);
        g.setFill(INK);
        g.fillText("random order ± 1 sd", x + 34, y);
        g.setLineDashes();
    }
}
