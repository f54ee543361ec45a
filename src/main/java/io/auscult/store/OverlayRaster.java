package io.auscult.store;

import io.auscult.features.Spectrogram;
import io.auscult.store.SpectrogramRaster.Viewport;

import java.util.Objects;

/**
 * Draws a display-normalised attribution map (values in [-1, 1], see
 * {@code explain.DisplayNormalisation}) as a transparent ARGB picture over a spectrogram
 * viewport, on the same pixel grid as {@link SpectrogramRaster#render}: each pixel shows the
 * strongest value (largest magnitude) of the bins under it, so a one-bin hot spot stays visible
 * at any zoom, exactly as the log-mel under it is max-pooled.
 *
 * <p>Filled mode: colour from the style's colour map (unsigned maps) or a blue-red diverging pair
 * (signed maps), alpha {@code opacity * |v|}: gradient maps have a little weight everywhere, and
 * a stronger curve (the PNG figures' square root) tints the whole picture so that the few bins
 * that matter no longer stand out. Contour mode: only the iso-lines at 0.25, 0.5 and 0.75 of the scale (and their
 * negatives), opaque, so the spectrogram under the evidence stays fully readable.
 */
public final class OverlayRaster {

    /** Iso-levels of contour mode, as fractions of the display scale. */
    public static final double[] CONTOUR_LEVELS = {0.25, 0.5, 0.75};

    /** Diverging colours of signed maps: red raises the score, blue lowers it. */
    public static final int POSITIVE = 0xFFE8453C;
    public static final int NEGATIVE = 0xFF3C8DE8;

    /**
     * How an overlay is drawn.
     *
     * @param colorMap colour map of unsigned maps (one of {@link ColorMap#NAMES})
     * @param opacity  strongest alpha, in [0, 1]
     * @param contour  iso-lines instead of a filled wash
     */
    public record Style(String colorMap, double opacity, boolean contour) {

        public static final Style DEFAULT = new Style("inferno", 0.75, false);

        public Style {
            Objects.requireNonNull(colorMap, "colorMap");
            ColorMap.named(colorMap);
            if (!(opacity >= 0 && opacity <= 1)) {
                throw new IllegalArgumentException("overlay opacity must be in [0, 1], not " + opacity);
            }
        }
    }

    private OverlayRaster() {
    }

    /**
     * Renders {@code map} (normalised, time-major, the spectrogram's grid) for viewport {@code v}
     * into {@code out} ({@code width * height}, rows from the top, ARGB; 0 = transparent).
     *
     * @param signed whether the map holds signed values (else it is read as [0, 1])
     * @return {@code out}, fully rewritten
     */
    public static int[] render(Spectrogram map, boolean signed, Viewport v, int width, int height, Style style,
                               int[] out) {
        if (width <= 0 || height <= 0 || out.length < width * height) {
            throw new IllegalArgumentException("pixel buffer of " + out.length + " for " + width + " x " + height);
        }
        float[] pooled = pool(map, v, width, height);
        int[] lut = lut(style, signed);
        if (!style.contour()) {
            for (int i = 0; i < width * height; i++) {
                out[i] = colour(pooled[i], signed, style.opacity(), lut);
            }
            return out;
        }
        java.util.Arrays.fill(out, 0, width * height, 0);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                float a = pooled[i];
                if (Float.isNaN(a)) {
                    continue;
                }
                int level = level(a);
                // An edge pixel: its level differs from a neighbour's (right or below); drawn on the
                // higher side so the line hugs the inside of the region.
                int right = x + 1 < width && !Float.isNaN(pooled[i + 1]) ? level(pooled[i + 1]) : level;
                int below = y + 1 < height && !Float.isNaN(pooled[i + width]) ? level(pooled[i + width]) : level;
                int left = x > 0 && !Float.isNaN(pooled[i - 1]) ? level(pooled[i - 1]) : level;
                int above = y > 0 && !Float.isNaN(pooled[i - width]) ? level(pooled[i - width]) : level;
                if (level != 0 && (Math.abs(level) > Math.abs(right) || Math.abs(level) > Math.abs(below)
                        || Math.abs(level) > Math.abs(left) || Math.abs(level) > Math.abs(above))) {
                    double t = CONTOUR_LEVELS[Math.abs(level) - 1];
                    int c = colour((float) Math.copySign(t, level), signed, 1.0, lut);
                    out[i] = 0xFF000000 | (c & 0xFFFFFF);
                }
            }
        }
        return out;
    }

    /** The colour of one normalised value (for colour bars): what {@link #render} paints for it. */
    public static int colourOf(double value, boolean signed, Style style) {
        return colour((float) value, signed, style.opacity(), lut(style, signed));
    }

    /** Signed contour level: 0 below the first level, +-1..3 beyond the 0.25 / 0.5 / 0.75 levels. */
    private static int level(float v) {
        double a = Math.abs(v);
        int l = 0;
        for (int i = 0; i < CONTOUR_LEVELS.length; i++) {
            if (a >= CONTOUR_LEVELS[i]) {
                l = i + 1;
            }
        }
        return v < 0 ? -l : l;
    }

    private static int[] lut(Style style, boolean signed) {
        int[] lut = new int[256];
        if (signed) {
            return lut;
        }
        ColorMap map = ColorMap.named(style.colorMap());
        for (int i = 0; i < 256; i++) {
            // The upper 65 % of the map: its darkest colours would vanish over a dark spectrogram.
            lut[i] = map.argb(0.35 + 0.65 * i / 255.0, 0, 1);
        }
        return lut;
    }

    private static int colour(float v, boolean signed, double opacity, int[] lut) {
        if (Float.isNaN(v) || v == 0) {
            return 0;
        }
        double t = Math.min(1, Math.abs(v));
        if (!signed && v < 0) {
            return 0;
        }
        int rgb = signed ? (v > 0 ? POSITIVE : NEGATIVE) : lut[(int) Math.round(t * 255)];
        int alpha = (int) Math.round(255 * opacity * t);
        return alpha <= 0 ? 0 : (alpha << 24) | (rgb & 0xFFFFFF);
    }

    /**
     * The value of largest magnitude under each pixel, NaN where the pixel lies beyond the map
     * (past the last frame), pixels row-major from the top.
     */
    static float[] pool(Spectrogram map, Viewport v, int width, int height) {
        int mels = map.mels();
        int frames = map.frames();
        float[] values = map.values();
        int[] rowFrom = new int[height];
        int[] rowTo = new int[height];
        double melsPerPixel = v.mels() / height;
        for (int y = 0; y < height; y++) {
            double top = v.firstMel() + v.mels() - y * melsPerPixel;
            int a = (int) Math.floor(top - melsPerPixel);
            int b = Math.max(a + 1, (int) Math.ceil(top));
            rowFrom[y] = Math.max(0, a);
            rowTo[y] = Math.min(mels, b);
        }
        float[] column = new float[mels];
        float[] out = new float[width * height];
        double perPixel = v.frames() / width;
        for (int x = 0; x < width; x++) {
            int fa = (int) Math.floor(v.firstFrame() + x * perPixel);
            int fb = Math.max(fa + 1, (int) Math.ceil(v.firstFrame() + (x + 1) * perPixel));
            fa = Math.max(0, fa);
            fb = Math.min(frames, fb);
            if (fa >= fb) {
                for (int y = 0; y < height; y++) {
                    out[y * width + x] = Float.NaN;
                }
                continue;
            }
            System.arraycopy(values, fa * mels, column, 0, mels);
            for (int f = fa + 1; f < fb; f++) {
                int base = f * mels;
                for (int m = 0; m < mels; m++) {
                    if (Math.abs(values[base + m]) > Math.abs(column[m])) {
                        column[m] = values[base + m];
                    }
                }
            }
            for (int y = 0; y < height; y++) {
                float best = 0;
                for (int m = rowFrom[y]; m < rowTo[y]; m++) {
                    if (Math.abs(column[m]) > Math.abs(best)) {
                        best = column[m];
                    }
                }
                out[y * width + x] = rowFrom[y] >= rowTo[y] ? Float.NaN : best;
            }
        }
        return out;
    }
}
