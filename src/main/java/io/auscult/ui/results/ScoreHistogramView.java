package io.auscult.ui.results;

import io.auscult.data.Condition;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Locale;

/**
 * Histogram of the scores, normal and anomalous test clips in two colours, with the threshold
 * as a vertical line the user drags: pressing anywhere in the plot puts the line there, and
 * dragging moves it; decisions, precision, recall and F1 follow live.
 *
 * <p>The axis shows where the decision is made: from the lowest score to three times the span of
 * the normal scores and the threshold. Scores beyond (a band-scored model's anomalies reach 30 times
 * its threshold) are counted in the last bin and named above it, instead of squeezing every
 * normal clip into one bar.
 */
public final class ScoreHistogramView extends PlotPane {

    static final int BINS = 24;
    private final ResultsViewModel model;
    private double lo = 0;
    private double hi = 1;
    /** True when scores above {@link #hi} exist and are counted in the last bin. */
    private boolean overflow;

    ScoreHistogramView(ResultsViewModel model) {
        this.model = model;
        getStyleClass().add("score-histogram");
        model.rows().addListener((javafx.collections.ListChangeListener<ResultRow>) c -> {
            lo = 0;
            hi = 1;
            redraw();
        });
        model.thresholdProperty().addListener(o -> redraw());
        canvas.setOnMousePressed(this::drag);
        canvas.setOnMouseDragged(this::drag);
        canvas.setOnMouseMoved(e -> setCursor(Math.abs(e.getX() - xOf(model.thresholdProperty().get())) < 6
                ? Cursor.H_RESIZE : Cursor.DEFAULT));
    }

    private void drag(MouseEvent e) {
        if (model.rows().isEmpty()) {
            return;
        }
        model.thresholdProperty().set(scoreAt(e.getX()));
        e.consume();
    }

    /** Canvas x of a score. */
    public double xOf(double score) {
        return LEFT + (score - lo) / (hi - lo) * plotWidth();
    }

    /** Score at canvas x, clamped to the plotted range. */
    public double scoreAt(double x) {
        double t = Math.max(0, Math.min(1, (x - LEFT) / plotWidth()));
        return lo + t * (hi - lo);
    }

    private void range(List<ResultRow> rows) {
        double[] r = range(rows.stream().mapToDouble(ResultRow::score).toArray(),
                rows.stream().filter(x -> x.label() != Condition.ANOMALY).mapToDouble(ResultRow::score).toArray(),
                model.thresholdProperty().get());
        lo = r[0];
        hi = r[1];
        overflow = r[2] != 0;
    }

    /**
     * The plotted range {lo, hi, overflow (1 or 0)} of {@code scores}: from the lowest score (or
     * threshold) to the highest; but when the highest lies beyond twice that, only to the core (the
     * highest normal score or the threshold, whichever is larger) plus twice the core's distance
     * from the lowest score. 5 % padding at the ends that are not cut.
     */
    static double[] range(double[] scores, double[] normalScores, double threshold) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : scores) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double core = normalScores.length == 0 ? max : Double.NEGATIVE_INFINITY;
        for (double v : normalScores) {
            core = Math.max(core, v);
        }
        if (Double.isFinite(threshold)) {
            min = Math.min(min, threshold);
            max = Math.max(max, threshold);
            core = Math.max(core, threshold);
        }
        double cap = core + 2 * (core - min);
        // Cut only a long tail: when the whole range is more than twice the kept one.
        boolean cut = core > min && max - min > 2 * (cap - min);
        double top = cut ? cap : max;
        double pad = top > min ? 0.05 * (top - min) : Math.max(1e-6, Math.abs(top) * 0.1);
        return new double[] {min - pad, cut ? cap : top + pad, cut ? 1 : 0};
    }

    @Override
    void draw(GraphicsContext g, double w, double h) {
        List<ResultRow> rows = List.copyOf(model.rows());
        g.setFill(INK);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
        if (rows.isEmpty()) {
            g.fillText("Score histogram: no results yet", LEFT, TOP - 8);
            return;
        }
        // The range is fixed while dragging would make the line run away from the mouse; it
        // is refitted only when the rows change or the line leaves it.
        double t = model.thresholdProperty().get();
        if (lo == 0 && hi == 1 || !(t >= lo && t <= hi) || rowsOutside(rows)) {
            range(rows);
        }
        int[] normal = new int[BINS];
        int[] anomaly = new int[BINS];
        int top = 1;
        int above = 0;
        for (ResultRow r : rows) {
            if (r.score() > hi) {
                above++;
            }
            int b = (int) Math.min(BINS - 1, Math.max(0, Math.floor((r.score() - lo) / (hi - lo) * BINS)));
            if (r.label() == Condition.ANOMALY) {
                top = Math.max(top, ++anomaly[b]);
            } else {
                top = Math.max(top, ++normal[b]);
            }
        }
        double pw = plotWidth();
        double ph = plotHeight();
        double bw = pw / BINS;
        for (int b = 0; b < BINS; b++) {
            double x = LEFT + b * bw;
            bar(g, x + 1, bw / 2 - 1, normal[b], top, ph, NORMAL);
            bar(g, x + bw / 2, bw / 2 - 1, anomaly[b], top, ph, ANOMALY);
        }
        g.setStroke(GRID);
        g.strokeLine(LEFT, TOP + ph + 0.5, LEFT + pw, TOP + ph + 0.5);
        g.setFill(INK);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i <= 4; i++) {
            double s = lo + (hi - lo) * i / 4;
            g.fillText(tick(s), LEFT + pw * i / 4, TOP + ph + 4);
        }
        g.fillText("anomaly score", LEFT + pw / 2, TOP + ph + 18);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(Integer.toString(top), LEFT - 6, TOP);
        g.fillText("0", LEFT - 6, TOP + ph);
        double x = xOf(t);
        g.setStroke(Color.WHITE);
        g.setLineWidth(2);
        g.strokeLine(x, TOP - 4, x, TOP + ph);
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
        g.setFill(NORMAL);
        g.fillText("■ normal", LEFT, TOP - 8);
        g.setFill(ANOMALY);
        g.fillText("■ anomaly", LEFT + 70, TOP - 8);
        if (overflow && above > 0) {
            g.setFill(INK);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(above + " above " + tick(hi) + " ▸", LEFT + pw, TOP - 8);
        }
        // The value beside the line, on whichever side has room.
        String label = String.format(Locale.ROOT, "%.4g", t);
        g.setFill(Color.WHITE);
        boolean right = x + 60 < LEFT + pw;
        g.setTextAlign(right ? TextAlignment.LEFT : TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(label, right ? x + 4 : x - 4, TOP + 14);
    }

    private boolean rowsOutside(List<ResultRow> rows) {
        for (ResultRow r : rows) {
            if (r.score() < lo || r.score() > hi && !overflow) {
                return true;
            }
        }
        return false;
    }

    private static void bar(GraphicsContext g, double x, double width, int count, int top, double ph, Color c) {
        if (count == 0) {
            return;
        }
        double bh = ph * count / top;
        g.setFill(c);
        g.fillRect(x, TOP + ph - bh, Math.max(1, width), bh);
    }

    /** A short axis label: "0.512", "87.3", "2.0k", "41k" (exponent notation crowded the axis for large scores). */
    static String tick(double s) {
        double a = Math.abs(s);
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", s / 1e3);
        }
        if (a >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", s / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g", s);
    }
}
