package io.auscult.ui.spectrogram;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PixelImageTest {

    /** Every colour channel at every alpha: round(c * a / 255), alpha kept, 0 for transparent. */
    @Test
    void premultiplyRoundsEachChannelByAlpha() {
        int[] argb = new int[256 * 256];
        for (int a = 0; a < 256; a++) {
            for (int c = 0; c < 256; c++) {
                argb[a * 256 + c] = (a << 24) | (c << 16) | ((255 - c) << 8) | (c / 2);
            }
        }
        PixelImage.premultiply(argb);
        for (int a = 0; a < 256; a++) {
            for (int c = 0; c < 256; c++) {
                int p = argb[a * 256 + c];
                assertThat(p >>> 24).isEqualTo(a == 0 ? 0 : a);
                assertThat((p >> 16) & 255).isEqualTo(a == 0 ? 0 : (int) Math.round(c * a / 255.0));
                assertThat((p >> 8) & 255).isEqualTo(a == 0 ? 0 : (int) Math.round((255 - c) * a / 255.0));
                assertThat(p & 255).isEqualTo(a == 0 ? 0 : (int) Math.round((c / 2) * a / 255.0));
            }
        }
    }
}
