package io.auscult.ui.results;

import io.auscult.metrics.PartialAuc;
import io.auscult.metrics.RocCurve;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import java.util.Locale;
import java.util.Optional;

/** The ROC curve of the results, with AUC and pAUC, the pAUC region and the current operating point. */
final class RocView extends PlotPane {

    private final ResultsViewModel model;

    RocView(ResultsViewModel model) {
        this.model = model;
        getStyleClass().add("roc-view");
        model.rocProperty().addListener(o -> redraw());
        model.countsProperty().addListener(o -> redraw());
    }

    @Override
    void draw(GraphicsContext g, double w, double h) {
        double pw = plotWidth();
        double ph = plotHeight();
        g.setStroke(GRID);
        for (int i = 0; i <= 10; i += 2) {
            double x = LEFT + pw * i / 10;
            double y = TOP + ph * i / 10;
            g.strokeLine(x, TOP, x, TOP + ph);
            g.strokeLine(LEFT, y, LEFT + pw, y);
        }
        g.setFill(Color.rgb(255, 255, 255, 0.06));
        g.fillRect(LEFT, TOP, pw * PartialAuc.DEFAULT_MAX_FPR, ph);
        g.setStroke(Color.web("#5c6370"));
        g.setLineDashes(4, 4);
        g.strokeLine(LEFT, TOP + ph, LEFT + pw, TOP);
        g.setLineDashes();
        g.setFill(INK);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i <= 10; i += 2) {
            g.fillText(String.format(Locale.ROOT, "%.1f", i / 10.0), LEFT + pw * i / 10, TOP + ph + 4);
        }
        g.fillText("false positive rate", LEFT + pw / 2, TOP + ph + 18);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 10; i += 2) {
            g.fillText(String.format(Locale.ROOT, "%.1f", i / 10.0), LEFT - 6, TOP + ph * (1 - i / 10.0));
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
        Optional<RocCurve> roc = model.rocProperty().get();
        if (roc.isEmpty()) {
            g.fillText("ROC: needs normal and anomalous test clips", LEFT, TOP - 8);
            return;
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(String.format(Locale.ROOT, "ROC  AUC %.3f  pAUC %.3f",
                model.auc(), model.pauc()), 8, TOP - 8);
        RocCurve c = roc.get();
        g.setStroke(Color.web("#ffb000"));
        g.setLineWidth(2);
        g.beginPath();
        for (int i = 0; i < c.points(); i++) {
            double x = LEFT + c.fpr(i) * pw;
            double y = TOP + (1 - c.tpr(i)) * ph;
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
        g.setLineWidth(1);
        model.countsProperty().get().ifPresent(k -> {
            double fpr = k.falsePositives() + k.trueNegatives() == 0 ? 0
                    : k.falsePositives() / (double) (k.falsePositives() + k.trueNegatives());
            double x = LEFT + fpr * pw;
            double y = TOP + (1 - k.recall()) * ph;
            g.setFill(Color.WHITE);
            g.fillOval(x - 4, y - 4, 8, 8);
        });
    }
}
