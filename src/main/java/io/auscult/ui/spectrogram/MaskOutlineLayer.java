package io.auscult.ui.spectrogram;

import io.auscult.data.synth.AnomalyMask;
import io.auscult.store.SpectrogramRaster;
import io.auscult.store.SpectrogramRaster.Viewport;
import javafx.beans.value.ObservableValue;

/** The outline of the ground-truth anomaly region of a synthetic clip, in cyan. */
final class MaskOutlineLayer implements SpectrogramLayer {

    /** Cyan stands apart from every colour map we ship (all run dark-blue/purple to yellow or grey). */
    static final int COLOUR = 0xFF00E5FF;

    /** A faint wash inside, so a fragmented region still reads as one area. */
    static final int FILL = 0x3300E5FF;

    private final ObservableValue<AnomalyMask> mask;

    MaskOutlineLayer(ObservableValue<AnomalyMask> mask) {
        this.mask = mask;
    }

    @Override
    public String name() {
        return "Ground-truth anomaly region";
    }

    @Override
    public boolean render(Viewport viewport, int width, int height, int[] argb) {
        AnomalyMask m = mask.getValue();
        if (m == null || m.isEmpty()) {
            return false;
        }
        SpectrogramRaster.renderOutline(m.cells(), m.frames(), m.mels(), viewport, width, height, COLOUR, FILL, argb);
        return true;
    }
}
