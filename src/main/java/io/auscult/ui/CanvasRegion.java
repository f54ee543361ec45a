package io.auscult.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/**
 * A region drawn on one canvas that fills it: the canvas follows the region's size and
 * {@link #paint} runs after every resize. Subclasses also call {@link #paint} when their data
 * change. Plots, axes and colour bars share this instead of each resizing its own canvas.
 */
public abstract class CanvasRegion extends Region {

    protected final Canvas canvas = new Canvas();

    protected CanvasRegion() {
        getChildren().add(canvas);
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            paint();
        }
    }

    /** Draws the whole canvas at its current size. */
    protected abstract void paint();
}
