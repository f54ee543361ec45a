package io.auscult.ui.explain;

import io.auscult.store.SpectrogramRaster;
import io.auscult.store.SpectrogramRaster.Viewport;
import io.auscult.ui.spectrogram.SpectrogramLayer;
import javafx.beans.value.ObservableValue;

/**
 * The outline of a set of bins over the spectrogram (time-major mask on the clip's grid): the
 * region the budget slider replaced, or the region the user painted.
 */
final class RegionOutlineLayer implements SpectrogramLayer {

    private final String name;
    private final ObservableValue<boolean[]> region;
    private final ObservableValue<io.auscult.features.Spectrogram> grid;
    private final int colour;
    private final int fill;

    /**
     * @param grid the spectrogram the mask lies on (its frames and bands)
     */
    RegionOutlineLayer(String name, ObservableValue<boolean[]> region,
                       ObservableValue<io.auscult.features.Spectrogram> grid, int colour, int fill) {
        this.name = name;
        this.region = region;
        this.grid = grid;
        this.colour = colour;
        this.fill = fill;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean render(Viewport viewport, int width, int height, int[] argb) {
        boolean[] r = region.getValue();
        io.auscult.features.Spectrogram s = grid.getValue();
        if (r == null || s == null || r.length != s.frames() * s.mels()) {
            return false;
        }
        SpectrogramRaster.renderOutline(r, s.frames(), s.mels(), viewport, width, height, colour, fill, argb);
        return true;
    }
}
