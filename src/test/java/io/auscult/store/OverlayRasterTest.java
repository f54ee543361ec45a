package io.auscult.store;

import io.auscult.features.Spectrogram;
import io.auscult.store.SpectrogramRaster.Viewport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OverlayRasterTest {

    /** 4 frames x 2 bands; frame 1 band 1 holds a strong positive bin, frame 3 band 0 a negative one. */
    private static Spectrogram map() {
        float[] v = new float[8];
        v[1 * 2 + 1] = 1.0f;
        v[3 * 2 + 0] = -0.5f;
        return new Spectrogram(v, 4, 2, 512, 16000, new double[] {100, 200});
    }

    @Test
    void oneBinPerPixelPaintsEachBinWithAlphaFromItsMagnitude() {
        int[] out = new int[8];
        OverlayRaster.render(map(), true, Viewport.all(map()), 4, 2, new OverlayRaster.Style("inferno", 1.0, false), out);
        // Row 0 is the top band (band 1): frame 1 is the +1 bin, full alpha, red.
        assertThat(out[1]).isEqualTo(OverlayRaster.POSITIVE);
        // Row 1 is band 0: frame 3 is -0.5, blue at half alpha.
        assertThat(out[4 + 3] >>> 24).isEqualTo((int) Math.round(255 * 0.5));
        assertThat(out[4 + 3] & 0xFFFFFF).isEqualTo(OverlayRaster.NEGATIVE & 0xFFFFFF);
        // Zero bins are transparent.
        assertThat(out[0]).isZero();
        assertThat(out[4]).isZero();
    }

    @Test
    void unsignedModeHidesNegativeValuesAndOpacityScalesAlpha() {
        int[] out = new int[8];
        OverlayRaster.render(map(), false, Viewport.all(map()), 4, 2, new OverlayRaster.Style("viridis", 0.5, false), out);
        assertThat(out[1] >>> 24).isEqualTo(128);
        assertThat(out[4 + 3]).isZero();
    }

    @Test
    void poolingKeepsTheStrongestBinWhenZoomedOut() {
        int[] out = new int[2];
        // 4 frames into 2 pixels, 2 bands into 1 row: each pixel keeps its largest magnitude.
        OverlayRaster.render(map(), true, Viewport.all(map()), 2, 1, new OverlayRaster.Style("inferno", 1.0, false), out);
        assertThat(out[0]).isEqualTo(OverlayRaster.POSITIVE);
        assertThat(out[1] & 0xFFFFFF).isEqualTo(OverlayRaster.NEGATIVE & 0xFFFFFF);
    }

    @Test
    void contourModeDrawsOnlyTheEdgesOfAnIsoRegion() {
        // 10 x 10 map with a 4 x 4 block at 0.9 in the middle.
        float[] v = new float[100];
        for (int f = 3; f < 7; f++) {
            for (int m = 3; m < 7; m++) {
                v[f * 10 + m] = 0.9f;
            }
        }
        Spectrogram s = new Spectrogram(v, 10, 10, 512, 16000, new double[10]);
        int[] out = new int[100];
        OverlayRaster.render(s, false, Viewport.all(s), 10, 10, new OverlayRaster.Style("inferno", 0.3, true), out);
        int drawn = 0;
        for (int c : out) {
            if (c != 0) {
                drawn++;
                assertThat(c >>> 24).as("contours are opaque whatever the opacity").isEqualTo(255);
            }
        }
        // The block's border ring: 16 bins minus the 4 inside.
        assertThat(drawn).isEqualTo(12);
    }

    @Test
    void beyondTheLastFrameIsTransparent() {
        int[] out = new int[8];
        // Frames 2..10 over 4 pixels: pixel 0 holds frames 2-3, the others lie past the map's end.
        OverlayRaster.render(map(), true, new Viewport(2, 8, 0, 2), 4, 2, OverlayRaster.Style.DEFAULT, out);
        assertThat(out[4]).as("frame 3, band 0").isNotZero();
        for (int x = 1; x < 4; x++) {
            assertThat(out[x]).isZero();
            assertThat(out[4 + x]).isZero();
        }
    }

    @Test
    void refusesABadOpacityOrColourMap() {
        assertThatThrownBy(() -> new OverlayRaster.Style("inferno", 1.5, false)).hasMessageContaining("opacity");
        assertThatThrownBy(() -> new OverlayRaster.Style("rainbow", 0.5, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
