package io.auscult.store;

import io.auscult.features.Spectrogram;
import io.auscult.store.SpectrogramRaster.Viewport;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpectrogramRasterTest {

    private static final ColorMap GREY = ColorMap.named("gray");

    /** A spectrogram of -80 dB everywhere but one loud frame (a click). */
    private static Spectrogram click(int frames, int mels, int clickFrame) {
        float[] v = new float[frames * mels];
        Arrays.fill(v, -80f);
        for (int m = 0; m < mels; m++) {
            v[clickFrame * mels + m] = 0f;
        }
        double[] centres = new double[mels];
        for (int m = 0; m < mels; m++) {
            centres[m] = 100.0 * (m + 1);
        }
        return new Spectrogram(v, frames, mels, 512, 16000, centres);
    }

    @Test
    void aOneFrameClickStaysVisibleWhenTenMinutesAreShownOnFewPixels() {
        // 10 minutes = 18,750 frames on 200 px: ~94 frames per pixel; a mean would dilute the
        // click to about -79 dB, the maximum keeps it at 0 dB (white in the grey map).
        Spectrogram s = click(18_750, 16, 9_001);
        int[] out = SpectrogramRaster.render(s, Viewport.all(s), 200, 16, GREY, -80, 0, new int[200 * 16]);
        int column = (int) Math.floor(9_001 / (18_750 / 200.0));
        for (int y = 0; y < 16; y++) {
            assertThat(out[y * 200 + column]).isEqualTo(GREY.argb(255));
            assertThat(out[y * 200 + column + 3]).isEqualTo(GREY.argb(0));
        }
    }

    @Test
    void zoomedInEachBinBecomesABlockOfPixels() {
        Spectrogram s = click(8, 4, 2);
        // Frames 2..4 (3 frames) on 6 px: 2 px per frame; bands 0..3 on 8 rows: 2 rows per band.
        int[] out = SpectrogramRaster.render(s, new Viewport(2, 3, 0, 4), 6, 8, GREY, -80, 0, new int[48]);
        for (int y = 0; y < 8; y++) {
            assertThat(out[y * 6]).isEqualTo(GREY.argb(255));
            assertThat(out[y * 6 + 1]).isEqualTo(GREY.argb(255));
            assertThat(out[y * 6 + 2]).isEqualTo(GREY.argb(0));
        }
    }

    @Test
    void highBandsAreAtTheTopAndBeyondTheEndIsBackground() {
        float[] v = new float[2 * 2];
        v[1] = 0f;   // frame 0, band 1 (high) loud
        v[0] = -80f; // frame 0, band 0 (low) quiet
        v[2] = -80f;
        v[3] = -80f;
        Spectrogram s = new Spectrogram(v, 2, 2, 512, 16000, new double[] {100, 200});
        int[] out = SpectrogramRaster.render(s, new Viewport(0, 4, 0, 2), 4, 2, GREY, -80, 0, new int[8]);
        assertThat(out[0]).isEqualTo(GREY.argb(255)); // top row, frame 0: band 1
        assertThat(out[4]).isEqualTo(GREY.argb(0));   // bottom row, frame 0: band 0
        assertThat(out[3]).isEqualTo(SpectrogramRaster.BACKGROUND); // frame 3 does not exist
    }

    @Test
    void outlineMarksTheBorderOfTheMaskOnly() {
        boolean[] mask = new boolean[10 * 10];
        for (int f = 2; f < 7; f++) {
            for (int m = 2; m < 7; m++) {
                mask[f * 10 + m] = true;
            }
        }
        int[] out = SpectrogramRaster.renderOutline(mask, 10, 10, new Viewport(0, 10, 0, 10), 10, 10, 0xFF00FFFF,
                0x2200FFFF, new int[100]);
        // Frame 2 (x = 2) is the left edge; band 4 is row 10 - 1 - 4 = 5.
        assertThat(out[5 * 10 + 2]).isEqualTo(0xFF00FFFF);
        assertThat(out[5 * 10 + 4]).isEqualTo(0x2200FFFF); // inside: the wash
        assertThat(out[5 * 10 + 8]).isZero();              // outside: transparent
    }

    /**
     * The outline is built from runs for speed; it must equal the definition pixel by pixel: a
     * pixel is covered when a masked bin lies in its frames (the image's pooling) and bands, and
     * is outline when covered with an uncovered 4-neighbour or on the border. Random masks
     * (blocks, speckle, whole bands) under zoomed-in, zoomed-out, panned and clipped viewports.
     */
    @Test
    void theOutlineFromRunsEqualsThePerPixelDefinition() {
        java.util.Random random = new java.util.Random(7);
        int checked = 0;
        for (int trial = 0; trial < 300; trial++) {
            int frames = 1 + random.nextInt(60);
            int mels = 1 + random.nextInt(24);
            boolean[] mask = new boolean[frames * mels];
            switch (trial % 3) {
                case 0 -> { // a few blocks
                    for (int k = random.nextInt(4); k >= 0; k--) {
                        int f0 = random.nextInt(frames);
                        int f1 = f0 + 1 + random.nextInt(frames - f0);
                        int m0 = random.nextInt(mels);
                        int m1 = m0 + 1 + random.nextInt(mels - m0);
                        for (int f = f0; f < f1; f++) {
                            for (int m = m0; m < m1; m++) {
                                mask[f * mels + m] = true;
                            }
                        }
                    }
                }
                case 1 -> { // speckle
                    for (int i = 0; i < mask.length; i++) {
                        mask[i] = random.nextDouble() < 0.2;
                    }
                }
                default -> { // whole bands, as a persistent fault
                    int m = random.nextInt(mels);
                    for (int f = 0; f < frames; f++) {
                        mask[f * mels + m] = true;
                    }
                }
            }
            int width = 1 + random.nextInt(50);
            int height = 1 + random.nextInt(40);
            double visibleFrames = frames * (0.1 + 2 * random.nextDouble());
            double visibleMels = mels * (0.1 + 1.5 * random.nextDouble());
            Viewport v = new Viewport(frames * (random.nextDouble() - 0.3), visibleFrames,
                    mels * (random.nextDouble() - 0.3), visibleMels);
            int[] expected = outlineByDefinition(mask, frames, mels, v, width, height, 7, 3);
            int[] actual = new int[width * height];
            Arrays.fill(actual, -1);
            SpectrogramRaster.renderOutline(mask, frames, mels, v, width, height, 7, 3, actual);
            assertThat(actual).as("trial %d: %s, %d x %d", trial, v, width, height).isEqualTo(expected);
            checked += (int) Arrays.stream(expected).filter(c -> c == 7).count();
        }
        assertThat(checked).as("outline pixels compared").isGreaterThan(1000);
    }

    private static int[] outlineByDefinition(boolean[] mask, int frames, int mels, Viewport v, int width, int height,
                                             int edge, int inside) {
        boolean[] covered = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            double top = v.firstMel() + v.mels() - y * v.mels() / height;
            double bottom = top - v.mels() / height;
            int m0 = Math.max(0, (int) Math.floor(bottom));
            int m1 = Math.min(mels, Math.max((int) Math.floor(bottom) + 1, (int) Math.ceil(top)));
            for (int x = 0; x < width; x++) {
                double left = v.firstFrame() + x * v.frames() / width;
                double right = v.firstFrame() + (x + 1) * v.frames() / width;
                int f0 = Math.max(0, (int) Math.floor(left));
                int f1 = Math.min(frames, Math.max((int) Math.floor(left) + 1, (int) Math.ceil(right)));
                for (int f = f0; f < f1 && !covered[y * width + x]; f++) {
                    for (int m = m0; m < m1; m++) {
                        if (mask[f * mels + m]) {
                            covered[y * width + x] = true;
                            break;
                        }
                    }
                }
            }
        }
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (!covered[i]) {
                    continue;
                }
                boolean border = x == 0 || y == 0 || x == width - 1 || y == height - 1
                        || !covered[i - 1] || !covered[i + 1] || !covered[i - width] || !covered[i + width];
                out[i] = border ? edge : inside;
            }
        }
        return out;
    }

    @Test
    void poolColumnsKeepsTheMaximumAndMarksPixelsBeyondTheEnd() {
        float[] series = new float[100];
        series[37] = 5f;
        double[] pooled = SpectrogramRaster.poolColumns(series, 0, 200, 10);
        assertThat(pooled[1]).isEqualTo(5.0); // frames 20..39
        assertThat(pooled[0]).isEqualTo(0.0);
        assertThat(pooled[7]).isNaN();        // frames 140..159 do not exist
    }

    @Test
    void anEmptyViewportIsRefused() {
        assertThatThrownBy(() -> new Viewport(0, 0, 0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("viewport");
    }
}
