package io.auscult.ui.spectrogram;

import io.auscult.store.SpectrogramRaster.Viewport;

/**
 * A transparent picture drawn over the spectrogram on the same grid and viewport: the
 * ground-truth mask outline now; attribution overlays and perturbation masks (explanations
 * issue) plug in the same way, as further layers in {@link SpectrogramView#layers()}.
 */
public interface SpectrogramLayer {

    /** Name for menus and legends. */
    String name();

    /**
     * Draws the layer for {@code viewport} into {@code argb} ({@code width * height}, rows from
     * the top, ARGB with alpha; 0 = transparent). Returns false when it has nothing to show.
     */
    boolean render(Viewport viewport, int width, int height, int[] argb);
}
