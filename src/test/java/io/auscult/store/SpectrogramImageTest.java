package io.auscult.store;

import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpectrogramImageTest {

    private static Spectrogram ramp(int frames, int mels) {
        float[] v = new float[frames * mels];
        for (int f = 0; f < frames; f++) {
            for (int m = 0; m < mels; m++) {
                v[f * mels + m] = -80f + 80f * m / (mels - 1); // loud at high bands
            }
        }
        double[] centres = new double[mels];
        for (int m = 0; m < mels; m++) {
            centres[m] = 20 + m * 60.0;
        }
        return new Spectrogram(v, frames, mels, 512, 16000, centres);
    }

    @Test
    void writesAPngWithLowFrequenciesAtTheBottom(@TempDir Path dir) throws Exception {
        Spectrogram s = ramp(313, 128);
        Path png = dir.resolve("s.png");
        SpectrogramImage.writePng(s, SpectrogramImage.Options.titled("ramp"), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isGreaterThan(900);
        assertThat(img.getHeight()).isEqualTo(30 + 128 * 3 + 44);
        ColorMap magma = ColorMap.named("magma");
        int x = 64 + 400;
        assertThat(img.getRGB(x, 30 + 1) | 0xFF000000).isEqualTo(magma.argb(255)); // top row = loudest band
        assertThat(img.getRGB(x, 30 + 128 * 3 - 1) | 0xFF000000).isEqualTo(magma.argb(0));
        assertThat(Files.list(dir)).containsExactly(png); // atomic write leaves no temporary file
    }

    @Test
    void outlinesTheMaskInItsOwnColour() {
        Spectrogram s = ramp(100, 128);
        boolean[] mask = new boolean[100 * 128];
        for (int f = 40; f < 60; f++) {
            for (int m = 50; m < 70; m++) {
                mask[f * 128 + m] = true;
            }
        }
        BufferedImage plain = SpectrogramImage.render(s, SpectrogramImage.Options.titled("t"));
        BufferedImage outlined = SpectrogramImage.render(s, SpectrogramImage.Options.titled("t").withMask(mask));
        int scale = 940 / 100;
        int xLeftEdge = 64 + 40 * scale;
        int yInside = 30 + (127 - 60) * 3 + 1;
        assertThat(outlined.getRGB(xLeftEdge, yInside)).isNotEqualTo(plain.getRGB(xLeftEdge, yInside));
        int xInterior = 64 + 50 * scale;
        assertThat(outlined.getRGB(xInterior, yInside)).isEqualTo(plain.getRGB(xInterior, yInside));
    }

    @Test
    void longRecordingsAreMaxPooledSoAShortClickStaysVisible() {
        Spectrogram s = ramp(20_000, 8);
        float[] v = s.values().clone();
        java.util.Arrays.fill(v, -80f);
        for (int m = 0; m < 8; m++) {
            v[12_345 * 8 + m] = 0f; // one loud frame
        }
        BufferedImage img = SpectrogramImage.render(s.withValues(v), SpectrogramImage.Options.titled("t"));
        int plotWidth = img.getWidth() - 64 - 86;
        assertThat(plotWidth).isLessThanOrEqualTo(940);
        int pool = (int) Math.ceil(20_000 / 940.0);
        int column = 12_345 / pool;
        assertThat(img.getRGB(64 + column, 30 + 5) | 0xFF000000).isEqualTo(ColorMap.named("magma").argb(255));
    }

    @Test
    void aMaskOfTheWrongShapeIsRefused() {
        Spectrogram s = ramp(10, 128);
        assertThatThrownBy(() -> SpectrogramImage.render(s, SpectrogramImage.Options.titled("t")
                .withMask(new boolean[5]))).hasMessageContaining("mask");
    }
}
