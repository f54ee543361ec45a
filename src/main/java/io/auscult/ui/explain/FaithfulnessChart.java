package io.auscult.ui.explain;

import io.auscult.faithfulness.Faithfulness;
import io.auscult.faithfulness.ReplacementCurve;
import io.auscult.faithfulness.ReplacementExplorer;
import io.auscult.ui.CanvasRegion;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Locale;

/**
 * One clip's faithfulness curve d(k) with the band of its random-order references (min to max
 * over the R orders, their mean dashed) and the budget on screen as a dot: the higher the curve
 * above the band, the more the map's top units explain the score.
 */
public final class FaithfulnessChart extends CanvasRegion {

    private static final Color INK = Color.web("#c8ccd4");
    private static final Color CURVE = Color.web("#ffb000");
    private Faithfulness faithfulness;
    private ReplacementExplorer.Step step;

    public FaithfulnessChart() {
        setMinHeight(150);
        setPrefHeight(170);
        setPrefWidth(270);
        getStyleClass().add("faithfulness-chart");
    }

    /** Follows the curve and the step of a perturbation view model. */
    public void follow(PerturbationViewModel model) {
        model.curveProperty().addListener((o, a, b) -> show(b, model.stepProperty().get()));
        model.stepProperty().addListener((o, a, b) -> show(model.curveProperty().get(), b));
        show(model.curveProperty().get(), model.stepProperty().get());
    }

    void show(Faithfulness f, ReplacementExplorer.Step s) {
        faithfulness = f;
        step = s;
        draw();
    }

    @Override
    protected void paint() {
        draw();
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#15171c"));
        g.fillRect(0, 0, w, h);
        double left = 34;
        double right = 8;
        double top = 8;
        double bottom = 26;
        double pw = Math.max(1, w - left - right);
        double ph = Math.max(1, h - top - bottom);
        double lo = 0;
        double hi = 1;
        if (faithfulness != null) {
            for (double d : faithfulness.curve().drops()) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
            for (ReplacementCurve r : faithfulness.reference().curves()) {
                for (double d : r.drops()) {
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
            }
        }
        double ylo = lo;
        double yhi = hi;
        java.util.function.DoubleUnaryOperator x = k -> left + k * pw;
        java.util.function.DoubleUnaryOperator y = d -> top + (yhi - d) / (yhi - ylo) * ph;
        g.setStroke(INK);
        g.setLineWidth(1);
        g.strokeRect(left - 0.5, top - 0.5, pw + 1, ph + 1);
        g.setFont(Font.font(10));
        g.setFill(INK);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double d = Math.ceil(lo * 2) / 2; d <= hi + 1e-9; d += 0.5) {
            g.fillText(String.format(Locale.ROOT, "%.1f", d), left - 4, y.applyAsDouble(d));
            g.setStroke(Color.web("#2c313a"));
            g.strokeLine(left, y.applyAsDouble(d), left + pw, y.applyAsDouble(d));
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        double tick = pw < 300 ? 0.5 : 0.25;
        for (double k = 0; k <= 1 + 1e-9; k += tick) {
            g.fillText(String.format(Locale.ROOT, "%.0f %%", k * 100), x.applyAsDouble(k), top + ph + 3);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("k, top units replaced", left + pw, top + ph + 13);
        if (faithfulness == null) {
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(step == null ? "no curve yet" : "computing the curve…", left + pw / 2, top + ph / 2);
            drawStep(g, x, y);
            return;
        }
        double[] k = faithfulness.curve().fractions();
        List<ReplacementCurve> refs = faithfulness.reference().curves();
        double[] min = new double[k.length];
        double[] max = new double[k.length];
        double[] mean = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            min[i] = Double.POSITIVE_INFINITY;
            max[i] = Double.NEGATIVE_INFINITY;
            for (ReplacementCurve r : refs) {
                double d = r.drops()[i];
                min[i] = Math.min(min[i], d);
                max[i] = Math.max(max[i], d);
                mean[i] += d / refs.size();
            }
        }
        g.setFill(Color.rgb(160, 170, 185, 0.28));
        g.beginPath();
        g.moveTo(x.applyAsDouble(k[0]), y.applyAsDouble(max[0]));
        for (int i = 1; i < k.length; i++) {
            g.lineTo(x.applyAsDouble(k[i]), y.applyAsDouble(max[i]));
        }
        for (int i = k.length - 1; i >= 0; i--) {
            g.lineTo(x.applyAsDouble(k[i]), y.applyAsDouble(min[i]));
        }
        g.closePath();
        g.fill();
        g.setStroke(Color.web("#9aa4b2"));
        g.setLineDashes(4, 3);
        polyline(g, k, mean, x, y);
        g.setLineDashes();
        g.setStroke(CURVE);
        g.setLineWidth(2);
        polyline(g, k, faithfulness.curve().drops(), x, y);
        g.setLineWidth(1);
        g.setFill(INK);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(String.format(Locale.ROOT, "gain %+.3f", faithfulness.gain()), left + 6, top + 4);
        g.setFill(Color.web("#9aa4b2"));
        g.fillText("random band", left + 6, top + 18);
        drawStep(g, x, y);
    }

    private void drawStep(GraphicsContext g, java.util.function.DoubleUnaryOperator x,
                          java.util.function.DoubleUnaryOperator y) {
        if (step == null) {
            return;
        }
        double cx = x.applyAsDouble(step.fraction());
        double cy = y.applyAsDouble(step.drop());
        g.setFill(Color.WHITE);
        g.fillOval(cx - 4, cy - 4, 8, 8);
        g.setStroke(Color.BLACK);
        g.strokeOval(cx - 4, cy - 4, 8, 8);
    }

    private static void polyline(GraphicsContext g, double[] k, double[] d, java.util.function.DoubleUnaryOperator x,
                                 java.util.function.DoubleUnaryOperator y) {
        g.beginPath();
        g.moveTo(x.applyAsDouble(k[0]), y.applyAsDouble(d[0]));
        for (int i = 1; i < k.length; i++) {
            g.lineTo(x.applyAsDouble(k[i]), y.applyAsDouble(d[i]));
        }
        g.stroke();
    }
}
