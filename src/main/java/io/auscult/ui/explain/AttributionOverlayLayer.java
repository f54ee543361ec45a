package io.auscult.ui.explain;

import io.auscult.features.Spectrogram;
import io.auscult.store.OverlayRaster;
import io.auscult.store.SpectrogramRaster.Viewport;
import io.auscult.ui.spectrogram.SpectrogramLayer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.List;

/**
 * An attribution map over the spectrogram: the display-normalised map (values in [-1, 1]) drawn
 * with its own colour map and opacity, filled or as contours ({@link OverlayRaster}). The layer
 * holds what it draws as properties; {@link #changes()} lists them so a view can redraw when
 * any of them changes.
 */
public final class AttributionOverlayLayer implements SpectrogramLayer {

    private final ObjectProperty<Spectrogram> map = new SimpleObjectProperty<>();
    private final BooleanProperty signed = new SimpleBooleanProperty(false);
    private final BooleanProperty visible = new SimpleBooleanProperty(true);
    private final ObjectProperty<OverlayRaster.Style> style = new SimpleObjectProperty<>(OverlayRaster.Style.DEFAULT);

    @Override
    public String name() {
        return "Attribution overlay";
    }

    @Override
    public boolean render(Viewport viewport, int width, int height, int[] argb) {
        Spectrogram m = map.get();
        if (m == null || !visible.get()) {
            return false;
        }
        OverlayRaster.render(m, signed.get(), viewport, width, height, style.get(), argb);
        return true;
    }

    /** The normalised map (time-major, on the spectrogram's grid), or null for none. */
    public ObjectProperty<Spectrogram> mapProperty() {
        return map;
    }

    public BooleanProperty signedProperty() {
        return signed;
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    public ObjectProperty<OverlayRaster.Style> styleProperty() {
        return style;
    }

    /** Everything whose change means the layer looks different. */
    public List<Observable> changes() {
        return List.of(map, signed, visible, style);
    }
}
