package io.auscult.ui.explain;

import io.auscult.ui.spectrogram.SpectrogramView;

import java.util.List;

/**
 * Puts the explanation layers on a spectrogram view, bottom first: the attribution overlay,
 * the region the budget replaced (white), the painted region (green); and makes primary-button
 * drags paint while the painter is on.
 */
public final class ExplainLayers {

    /** White outline with a faint wash: the replaced region must not hide the picture under it. */
    static final int REPLACED = 0xFFFFFFFF;
    static final int REPLACED_FILL = 0x22FFFFFF;
    static final int PAINTED = 0xFF4CFF6A;
    static final int PAINTED_FILL = 0x334CFF6A;

    private ExplainLayers() {
    }

    public static void install(SpectrogramView view, ExplainViewModel explain, PerturbationViewModel perturbation,
                               RegionPainter painter) {
        view.addLayer(explain.overlay(), explain.overlay().changes());
        view.addLayer(new RegionOutlineLayer("Replaced by the reconstruction", perturbation.replacedProperty(),
                explain.contextProperty().map(ClipContext::input), REPLACED, REPLACED_FILL),
                List.of(perturbation.replacedProperty()));
        view.addLayer(new RegionOutlineLayer("Painted region", painter.regionProperty(),
                explain.contextProperty().map(ClipContext::input), PAINTED, PAINTED_FILL),
                List.of(painter.regionProperty()));
        view.setRectangleTool(new SpectrogramView.RectangleTool() {
            @Override
            public boolean active() {
                return painter.paintingProperty().get();
            }

            @Override
            public void drawn(double frame0, double frame1, double mel0, double mel1) {
                painter.addRectangle(frame0, frame1, mel0, mel1);
            }
        });
    }
}
