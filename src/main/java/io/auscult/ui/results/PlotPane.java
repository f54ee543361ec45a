package io.auscult.ui.results;

import io.auscult.ui.CanvasRegion;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * A plot drawn on a canvas that fills the region and redraws when resized: small, fast, and
 * exportable as PNG by snapshot. Subclasses draw in {@link #draw}; {@link #redraw} after
 * their data change.
 */
abstract class PlotPane extends CanvasRegion {

    static final Color BACK = Color.web("#1e2127");
    static final Color INK = Color.web("#c8ccd4");
    static final Color GRID = Color.web("#343a44");
    static final Color NORMAL = Color.web("#4aa3ff");
    static final Color ANOMALY = Color.web("#ff6b5a");
    static final Font FONT = Font.font(11);
    static final double LEFT = 48;
    static final double RIGHT = 22;
    static final double TOP = 26;
    static final double BOTTOM = 34;

    PlotPane() {
        setMinSize(200, 160);
        setPrefSize(420, 300);
    }

    @Override
    protected void paint() {
        redraw();
    }

    final void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(BACK);
        g.fillRect(0, 0, w, h);
        if (w > LEFT + RIGHT && h > TOP + BOTTOM) {
            g.setFont(FONT);
            draw(g, w, h);
        }
    }

    double plotWidth() {
        return canvas.getWidth() - LEFT - RIGHT;
    }

    double plotHeight() {
        return canvas.getHeight() - TOP - BOTTOM;
    }

    abstract void draw(GraphicsContext g, double w, double h);
}
