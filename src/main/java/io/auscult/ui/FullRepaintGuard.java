package io.auscult.ui;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

/**
 * Keeps JavaFX from repainting the whole window for a pulse that has nothing to paint.
 *
 * <p>Why (issue 6, "the JavaFX thread is never blocked > 100 ms"; docs/performance.md, "Demo-load
 * stall, session 8"): when a pulse's layout adds nodes or re-indexes cells (a tree, table or
 * list filling its rows; a new label's skin made in the style pass), JavaFX 21 leaves the scene
 * root marked for styling at the end of that pulse. The next pulse then styles nothing new, yet
 * the scene counts as changed, so it is rendered with no node of the render graph dirty, and
 * Prism's painter treats an empty list of dirty regions as "paint everything": a full-window
 * repaint, 70-200 ms with the software renderer (Xvfb, virtual machines), during which the user
 * interface thread waits at its next pulse. This class gives such a pulse one real, one-pixel
 * change: a transparent 1 x 1 region in the window's corner changes its opacity in the pulse
 * after a pulse with real style or layout work, so the painter paints that pixel instead of the
 * window.
 *
 * <p>"Real work": the pulse laid something out and its style and layout passes took at least
 * {@link #HEAVY_NANOS}. JavaFX offers no public way to ask whether styling was left unfinished,
 * so this is a proxy: making or re-indexing a screenful of cells or a new control's skin takes
 * milliseconds, while a status line or progress bar changing every other pulse takes a fraction
 * of one and leaves nothing unfinished; touching the anchor after those would add a render (with
 * its upload of the whole window to the display) to every progress step for nothing. A pulse
 * missed by the proxy costs what it cost before (a full repaint); an extra touch costs one
 * one-pixel render. Nothing happens while the window is idle, and the anchor never asks for
 * layout, so it cannot re-arm itself. The anchor is unmanaged, mouse-transparent and paints
 * nothing; only public JavaFX calls are used. Call on the user interface thread.
 */
public final class FullRepaintGuard {

    /**
     * Style and layout time of a pulse from which on it counts as heavy: 2 ms. Measured under
     * Xvfb on the demo: a progress step's pulse takes 0-1 ms, the pulses that left styling
     * unfinished (results table, recordings tree, explanation panel filled) 15-80 ms.
     */
    static final long HEAVY_NANOS = 2_000_000L;
    /** Two opacities of a region that paints nothing: only the change matters to the painter. */
    private static final double OPACITY_A = 1.0;
    private static final double OPACITY_B = 0.5;

    private final Region anchor = new Region();
    private final long heavyNanos;
    private boolean layoutSeen;
    private boolean touchThisPulse;
    private long pulseStart;
    private long touches;

    private FullRepaintGuard(long heavyNanos) {
        this.heavyNanos = heavyNanos;
        anchor.setManaged(false);
        anchor.setMouseTransparent(true);
        anchor.setFocusTraversable(false);
        anchor.resizeRelocate(0, 0, 1, 1);
        anchor.setOpacity(OPACITY_A);
    }

    /**
     * Installs the guard on {@code scene}, whose root must be a {@link Pane} (the anchor is added
     * to it as an unmanaged child, behind the others). Returns the guard (for tests).
     */
    public static FullRepaintGuard install(Scene scene) {
        return install(scene, HEAVY_NANOS);
    }

    /** As {@link #install(Scene)} with another threshold for a heavy pulse (tests: 0 = every layout). */
    static FullRepaintGuard install(Scene scene, long heavyNanos) {
        if (!(scene.getRoot() instanceof Pane root)) {
            throw new IllegalArgumentException("the scene's root must be a Pane, not " + scene.getRoot());
        }
        FullRepaintGuard guard = new FullRepaintGuard(heavyNanos);
        root.getChildren().add(0, guard.anchor);
        guard.watch(root);
        // Pre-layout listeners run before the style pass, post-layout ones after the layout pass.
        scene.addPreLayoutPulseListener(() -> guard.pulseStart = System.nanoTime());
        scene.addPostLayoutPulseListener(guard::afterLayout);
        return guard;
    }

    private void watch(Parent root) {
        // The root reports "needs layout" when anything below it asks for layout (the request
        // travels up the tree); it is cleared by the layout pass. A pulse that leaves styling
        // unfinished always follows such a request: its layout or style pass changed the tree.
        root.needsLayoutProperty().addListener((o, was, needs) -> {
            if (needs) {
                layoutSeen = true;
            }
        });
        if (root.isNeedsLayout()) {
            layoutSeen = true;
        }
    }

    /** Runs in every pulse after its layout pass, before the scene is copied to the renderer. */
    private void afterLayout() {
        if (touchThisPulse) {
            touchThisPulse = false;
            touches++;
            anchor.setOpacity(anchor.getOpacity() == OPACITY_A ? OPACITY_B : OPACITY_A);
        }
        if (layoutSeen) {
            layoutSeen = false;
            touchThisPulse = System.nanoTime() - pulseStart >= heavyNanos;
        }
    }

    /** How many pulses the anchor has changed in so far. */
    public long touches() {
        return touches;
    }

    /** The anchor node (for tests). */
    Region anchor() {
        return anchor;
    }
}
