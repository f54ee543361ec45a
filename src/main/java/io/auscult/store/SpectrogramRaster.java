package io.auscult.store;

import io.auscult.features.Spectrogram;

import java.util.Arrays;

/**
 * Draws the visible part of a spectrogram into an ARGB pixel buffer, the way a sound viewer
 * does: one pixel per screen point, not one node per bin. When more frames (or bands) fall on
 * one pixel than it can show, the pixel takes their <em>maximum</em>, so a short click in a
 * ten-minute recording stays visible when zoomed out (Sonic Visualiser, Raven). When fewer
 * fall on it, it takes the nearest bin (blocks, no smoothing: a bin is a measurement).
 *
 * <p>Row 0 is the top of the image, the highest band. Rows are linear in band index, so the
 * frequency axis is on the mel scale. Pure computation on arrays: the GUI, the PNG export and
 * the benchmarks share it.
 */
public final class SpectrogramRaster {

    /** Colour of the area beyond the recording's end (or below band 0). */
    public static final int BACKGROUND = 0xFF101010;

    private SpectrogramRaster() {
    }

    /**
     * The visible rectangle in bin units: frames {@code [firstFrame, firstFrame + frames)} and
     * bands {@code [firstMel, firstMel + mels)}. Fractional, so zoom is continuous.
     */
    public record Viewport(double firstFrame, double frames, double firstMel, double mels) {

        public Viewport {
            if (!(frames > 0) || !(mels > 0) || !Double.isFinite(firstFrame) || !Double.isFinite(firstMel)) {
                throw new IllegalArgumentException("empty or invalid viewport: frames " + frames + " from "
                        + firstFrame + ", bands " + mels + " from " + firstMel);
            }
        }

        /** The whole spectrogram. */
        public static Viewport all(Spectrogram s) {
            return new Viewport(0, Math.max(1, s.frames()), 0, s.mels());
        }

        /** The frame at horizontal fraction {@code x} (0 = left edge, 1 = right edge). */
        public double frameAt(double x) {
            return firstFrame + x * frames;
        }

        /** The band at vertical fraction {@code y} (0 = top edge, 1 = bottom edge). */
        public double melAt(double y) {
            return firstMel + (1 - y) * mels;
        }
    }

    /**
     * Renders the viewport of {@code s} into {@code out} ({@code width * height}, row-major,
     * opaque ARGB), values mapped through {@code map} on [{@code loDb}, {@code hiDb}].
     *
     * @return {@code out}
     */
    public static int[] render(Spectrogram s, Viewport v, int width, int height, ColorMap map, double loDb,
                               double hiDb, int[] out) {
        checkSize(width, height, out);
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            lut[i] = map.argb(i);
        }
        double scale = hiDb > loDb ? 255.0 / (hiDb - loDb) : 0;
        int mels = s.mels();
        float[] column = new float[mels];
        int[] rowFrom = new int[height];
        int[] rowTo = new int[height];
        bucketRows(v, height, mels, rowFrom, rowTo);
        // Pass 1, column by column: the max-pooled value of each band, as a colour-map index,
        // stored band-major. The map is monotonic, so the largest index is the largest value.
        int[] index = new int[mels * width];
        boolean[] empty = new boolean[width];
        int[] firstFrame = new int[width];
        int[] endFrame = new int[width];
        columnFrames(v.firstFrame(), v.frames(), width, s.frames(), firstFrame, endFrame);
        for (int x = 0; x < width; x++) {
            int fa = firstFrame[x];
            int fb = endFrame[x];
            if (fa >= fb) {
                empty[x] = true;
                continue;
            }
            maxOverFrames(s, fa, fb, column);
            for (int m = 0; m < mels; m++) {
                double t = (column[m] - loDb) * scale;
                index[m * width + x] = t <= 0 ? 0 : t >= 255 ? 255 : (int) Math.round(t);
            }
        }
        // Pass 2, row by row (contiguous writes): a row over one band copies that band's
        // colours; a row over several takes the largest index among them.
        int[] bandColours = new int[width];
        int lastBand = -1;
        for (int y = 0; y < height; y++) {
            int ma = rowFrom[y];
            int mb = rowTo[y];
            int row = y * width;
            if (ma >= mb) {
                java.util.Arrays.fill(out, row, row + width, BACKGROUND);
                continue;
            }
            if (mb - ma == 1) {
                if (ma != lastBand) {
                    int base = ma * width;
                    for (int x = 0; x < width; x++) {
                        bandColours[x] = empty[x] ? BACKGROUND : lut[index[base + x]];
                    }
                    lastBand = ma;
                }
                System.arraycopy(bandColours, 0, out, row, width);
                continue;
            }
            for (int x = 0; x < width; x++) {
                if (empty[x]) {
                    out[row + x] = BACKGROUND;
                    continue;
                }
                int i = index[ma * width + x];
                for (int m = ma + 1; m < mb; m++) {
                    i = Math.max(i, index[m * width + x]);
                }
                out[row + x] = lut[i];
            }
        }
        return out;
    }

    /**
     * Draws the outline of a time-major {@code frames x mels} mask over the viewport: a pixel
     * is on the outline when its area holds a masked bin (max-pooled, like the image) and a
     * neighbour's does not; inside pixels take {@code fillArgb} (0 for none), others are
     * transparent.
     *
     * @return {@code out}, fully rewritten
     */
    public static int[] renderOutline(boolean[] mask, int frames, int mels, Viewport v, int width, int height,
                                      int argb, int fillArgb, int[] out) {
        checkSize(width, height, out);
        if ((long) frames * mels != mask.length) {
            throw new IllegalArgumentException("mask has " + mask.length + " cells, not " + frames + " x " + mels);
        }
        // Built from runs rather than pixel by pixel: the view draws this on the user interface
        // thread when a recording is first shown, often before the JIT has compiled it, and a
        // per-pixel pass then cost 20-45 ms (docs/performance.md, session 9). Runs of masked
        // frames per band become pixel intervals per band, then per row; only interval ends and
        // the pixels a row has that its neighbour rows lack are outline.
        int[] rowFrom = new int[height];
        int[] rowTo = new int[height];
        bucketRows(v, height, mels, rowFrom, rowTo);
        int[] firstFrame = new int[width];
        int[] endFrame = new int[width];
        columnFrames(v.firstFrame(), v.frames(), width, frames, firstFrame, endFrame);
        PixelRuns[] bands = new PixelRuns[mels];
        for (int m = 0; m < mels; m++) {
            bands[m] = PixelRuns.ofBand(mask, frames, mels, m, firstFrame, endFrame);
        }
        Arrays.fill(out, 0, width * height, 0);
        PixelRuns above = PixelRuns.NONE;
        PixelRuns row = rowRuns(bands, rowFrom, rowTo, 0);
        for (int y = 0; y < height; y++) {
            PixelRuns below = y + 1 < height ? rowRuns(bands, rowFrom, rowTo, y + 1) : PixelRuns.NONE;
            int base = y * width;
            for (int i = 0; i < row.count; i++) {
                int a = row.start[i];
                int b = row.end[i];
                Arrays.fill(out, base + a, base + b, fillArgb);
                out[base + a] = argb;
                out[base + b - 1] = argb;
            }
            // Pixels of this row whose upper or lower neighbour is uncovered (or off the image).
            row.paintMinus(above, out, base, argb);
            row.paintMinus(below, out, base, argb);
            above = row;
            row = below;
        }
        return out;
    }

    /** The covered pixel intervals of row {@code y}: the union of its bands' intervals. */
    private static PixelRuns rowRuns(PixelRuns[] bands, int[] rowFrom, int[] rowTo, int y) {
        PixelRuns runs = PixelRuns.NONE;
        for (int m = rowFrom[y]; m < rowTo[y]; m++) {
            runs = runs.union(bands[m]);
        }
        return runs;
    }

    /**
     * Frames {@code [first[x], end[x])} under each pixel column, clamped to the recording
     * (empty beyond it): the same pooling the image uses.
     */
    private static void columnFrames(double firstVisible, double visible, int width, int frames, int[] first,
                                     int[] end) {
        double perPixel = visible / width;
        for (int x = 0; x < width; x++) {
            int fa = (int) Math.floor(firstVisible + x * perPixel);
            int fb = Math.max(fa + 1, (int) Math.ceil(firstVisible + (x + 1) * perPixel));
            first[x] = Math.max(0, fa);
            end[x] = Math.min(frames, fb);
        }
    }

    /**
     * The largest value of each horizontal pixel's frames in {@code series} (one value per
     * frame), NaN where the pixel lies beyond the series: a per-frame curve drawn with the same
     * max-pooling as the image, so a one-frame spike shows at any zoom.
     */
    public static double[] poolColumns(float[] series, double firstFrame, double frames, int width) {
        double[] out = new double[width];
        int[] first = new int[width];
        int[] end = new int[width];
        columnFrames(firstFrame, frames, width, series.length, first, end);
        for (int x = 0; x < width; x++) {
            int fa = first[x];
            int fb = end[x];
            if (fa >= fb) {
                out[x] = Double.NaN;
                continue;
            }
            float m = series[fa];
            for (int f = fa + 1; f < fb; f++) {
                m = Math.max(m, series[f]);
            }
            out[x] = m;
        }
        return out;
    }

    private static void maxOverFrames(Spectrogram s, int fa, int fb, float[] column) {
        float[] values = s.values();
        int mels = s.mels();
        System.arraycopy(values, fa * mels, column, 0, mels);
        for (int f = fa + 1; f < fb; f++) {
            int base = f * mels;
            for (int m = 0; m < mels; m++) {
                float x = values[base + m];
                if (x > column[m]) {
                    column[m] = x;
                }
            }
        }
    }

    /** Band range [from, to) under each row, clamped to the spectrogram's bands. */
    private static void bucketRows(Viewport v, int height, int mels, int[] from, int[] to) {
        double perPixel = v.mels() / height;
        for (int y = 0; y < height; y++) {
            double top = v.firstMel() + v.mels() - y * perPixel;
            double bottom = top - perPixel;
            int a = (int) Math.floor(bottom);
            int b = Math.max(a + 1, (int) Math.ceil(top));
            from[y] = Math.max(0, a);
            to[y] = Math.min(mels, b);
        }
    }

    private static void checkSize(int width, int height, int[] out) {
        if (width <= 0 || height <= 0 || out.length < width * height) {
            throw new IllegalArgumentException("pixel buffer of " + out.length + " for " + width + " x " + height);
        }
    }
}
