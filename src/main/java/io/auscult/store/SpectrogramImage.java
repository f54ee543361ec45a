package io.auscult.store;

import io.auscult.engine.AtomicFile;
import io.auscult.features.Spectrogram;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Renders a log-mel spectrogram as a PNG figure: the image with a colour map (low
 * frequencies at the bottom), a time axis in seconds, a frequency axis in Hz at the mel
 * bands' centres, a colour bar in dB, a title, and optionally the outline of a ground-truth
 * mask. Long recordings are reduced by max-pooling frames, so a short click stays visible.
 */
public final class SpectrogramImage {

    private static final int LEFT = 64;
    private static final int RIGHT = 86;
    private static final int TOP = 30;
    private static final int BOTTOM = 44;
    private static final int TARGET_WIDTH = 940;
    private static final int PX_PER_MEL = 3;
    private static final Color BACKGROUND = new Color(0xFAFAFA);
    private static final Color INK = new Color(0x202020);
    private static final Color MASK = new Color(0x00E5FF);

    /** What to draw. {@code mask}, when present, is frames x mels time-major like the spectrogram. */
    public record Options(String title, ColorMap colorMap, double dynamicRangeDb, Optional<boolean[]> mask) {
        public Options {
            if (!(dynamicRangeDb > 0)) {
                throw new IllegalArgumentException("dynamic range must be > 0 dB, was " + dynamicRangeDb);
            }
        }

        public static Options titled(String title) {
            return new Options(title, ColorMap.named("magma"), 80, Optional.empty());
        }

        public Options withMask(boolean[] m) {
            return new Options(title, colorMap, dynamicRangeDb, Optional.of(m));
        }

        public Options withColorMap(ColorMap c) {
            return new Options(title, c, dynamicRangeDb, mask);
        }
    }

    /**
     * An attribution map drawn over the spectrogram (which is then best drawn in grey). Values
     * already normalised for display: [0, 1], or [-1, 1] when {@code signed}; a bin's opacity
     * grows with |value|, so 0 leaves the spectrogram visible. Unsigned maps use the inferno
     * colours, signed ones red (raises the score) and blue (lowers it). The colour bar shows the
     * overlay's scale under {@code label}.
     */
    public record Overlay(Spectrogram values, boolean signed, String label) {
        public Overlay {
            java.util.Objects.requireNonNull(values, "values");
            java.util.Objects.requireNonNull(label, "label");
        }
    }

    private static final double OVERLAY_MAX_ALPHA = 0.85;

    private SpectrogramImage() {
    }

    /** The spectrogram with an attribution overlay, as a PNG. */
    public static void writePng(Spectrogram s, Options options, Overlay overlay, Path target) throws IOException {
        BufferedImage image = render(s, options, overlay);
        AtomicFile.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    public static void writePng(Spectrogram s, Options options, Path target) throws IOException {
        BufferedImage image = render(s, options);
        AtomicFile.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    public static BufferedImage render(Spectrogram s, Options o) {
        return render(s, o, null);
    }

    /** The figure with an overlay (null for none). */
    public static BufferedImage render(Spectrogram s, Options o, Overlay overlay) {
        if (overlay != null && (overlay.values().frames() != s.frames() || overlay.values().mels() != s.mels())) {
            throw new IllegalArgumentException("the overlay is " + overlay.values().frames() + " x "
                    + overlay.values().mels() + ", the spectrogram " + s.frames() + " x " + s.mels());
        }
        if (o.mask().isPresent() && o.mask().get().length != s.values().length) {
            throw new IllegalArgumentException("mask has " + o.mask().get().length + " bins, the spectrogram "
                    + s.values().length);
        }
        int frames = Math.max(1, s.frames());
        // Integer upscaling for short clips, max-pooling for long ones.
        int scale = Math.max(1, TARGET_WIDTH / frames);
        int pool = (int) Math.ceil(frames / (double) TARGET_WIDTH);
        int columns = pool > 1 ? (int) Math.ceil(frames / (double) pool) : frames * scale;
        int plotW = columns;
        int plotH = s.mels() * PX_PER_MEL;
        int width = LEFT + plotW + RIGHT;
        int height = TOP + plotH + BOTTOM;

        double hi = Double.NEGATIVE_INFINITY;
        for (float v : s.values()) {
            hi = Math.max(hi, v);
        }
        if (!Double.isFinite(hi)) {
            hi = 0;
        }
        double lo = hi - o.dynamicRangeDb();

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] plot = new int[plotW * plotH];
        for (int x = 0; x < plotW; x++) {
            int f0 = pool > 1 ? x * pool : x / scale;
            int f1 = pool > 1 ? Math.min(s.frames(), f0 + pool) : f0 + 1;
            for (int m = 0; m < s.mels(); m++) {
                float v = Float.NEGATIVE_INFINITY;
                for (int f = f0; f < f1; f++) {
                    v = Math.max(v, s.get(f, m));
                }
                int colour = o.colorMap().argb(v, lo, hi);
                if (overlay != null) {
                    colour = blend(colour, overlay, f0, f1, m);
                }
                int yTop = (s.mels() - 1 - m) * PX_PER_MEL;
                for (int dy = 0; dy < PX_PER_MEL; dy++) {
                    plot[(yTop + dy) * plotW + x] = colour;
                }
            }
        }
        if (o.mask().isPresent()) {
            outlineMask(s, o.mask().get(), plot, plotW, scale, pool);
        }

        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        img.setRGB(LEFT, TOP, plotW, plotH, plot, 0, plotW);
        g.setColor(INK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT - 1, TOP - 1, plotW + 1, plotH + 1);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(o.title(), LEFT, TOP - 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        drawTimeAxis(g, s, plotW, plotH, frames);
        drawFrequencyAxis(g, s, plotH);
        if (overlay == null) {
            drawColourBar(g, o.colorMap(), lo, hi, LEFT + plotW + 14, plotH);
        } else {
            drawOverlayBar(g, overlay, LEFT + plotW + 14, plotH);
        }
        g.dispose();
        return img;
    }

    /** The overlay's strongest value over the pooled frames [f0, f1) of band m, blended onto {@code base}. */
    private static int blend(int base, Overlay overlay, int f0, int f1, int m) {
        float v = 0;
        for (int f = f0; f < f1; f++) {
            float a = overlay.values().get(f, m);
            if (Math.abs(a) > Math.abs(v)) {
                v = a;
            }
        }
        return blend(base, overlay, (double) v);
    }

    private static final ColorMap OVERLAY_MAP = ColorMap.named("inferno");

    private static int overlayColour(Overlay overlay, double v) {
        if (!overlay.signed()) {
            // The upper part of inferno: dark values would vanish in a grey spectrogram.
            return OVERLAY_MAP.argb(0.35 + 0.65 * v, 0, 1);
        }
        return v >= 0 ? 0xFFD62728 : 0xFF1F77B4;
    }

    private static void drawOverlayBar(Graphics2D g, Overlay overlay, int x, int plotH) {
        int w = 14;
        double lo = overlay.signed() ? -1 : 0;
        for (int y = 0; y < plotH; y++) {
            double v = 1 - (1 - lo) * y / (plotH - 1.0);
            int grey = 0xFF808080;
            g.setColor(new Color(blend(grey, overlay, v)));
            g.drawLine(x, TOP + y, x + w, TOP + y);
        }
        g.setColor(INK);
        g.drawRect(x, TOP, w, plotH - 1);
        FontMetrics fm = g.getFontMetrics();
        for (double v = lo; v <= 1 + 1e-9; v += 0.5) {
            int y = TOP + (int) Math.round((1 - v) / (1 - lo) * (plotH - 1));
            g.drawLine(x + w, y, x + w + 3, y);
            g.drawString(String.format("%.1f", v), x + w + 5, y + fm.getAscent() / 2 - 1);
        }
        g.drawString(overlay.label(), x - 4, TOP + plotH + 16);
    }

    /** One colour-bar entry: the overlay colour of value v over grey. */
    private static int blend(int base, Overlay overlay, double v) {
        double t = Math.min(1, Math.abs(v));
        if (!(t > 0)) {
            return base;
        }
        int colour = overlayColour(overlay, overlay.signed() ? v : t);
        double alpha = OVERLAY_MAX_ALPHA * Math.sqrt(t);
        int r = (int) Math.round((1 - alpha) * ((base >> 16) & 0xFF) + alpha * ((colour >> 16) & 0xFF));
        int gr = (int) Math.round((1 - alpha) * ((base >> 8) & 0xFF) + alpha * ((colour >> 8) & 0xFF));
        int b = (int) Math.round((1 - alpha) * (base & 0xFF) + alpha * (colour & 0xFF));
        return 0xFF000000 | (r << 16) | (gr << 8) | b;
    }

    private static void outlineMask(Spectrogram s, boolean[] mask, int[] plot, int plotW, int scale, int pool) {
        int mels = s.mels();
        int rgb = MASK.getRGB();
        for (int x = 0; x < plotW; x++) {
            int f = pool > 1 ? x * pool : x / scale;
            int fPrev = pool > 1 ? f - pool : (x - 1) / scale;
            int fNext = pool > 1 ? f + pool : (x + 1) / scale;
            for (int m = 0; m < mels; m++) {
                if (!at(mask, s, f, m, pool)) {
                    continue;
                }
                boolean edgeLeft = x == 0 || !at(mask, s, fPrev, m, pool);
                boolean edgeRight = x == plotW - 1 || !at(mask, s, fNext, m, pool);
                boolean edgeBelow = m == 0 || !at(mask, s, f, m - 1, pool);
                boolean edgeAbove = m == mels - 1 || !at(mask, s, f, m + 1, pool);
                int yTop = (mels - 1 - m) * PX_PER_MEL;
                if (edgeLeft || edgeRight) {
                    for (int dy = 0; dy < PX_PER_MEL; dy++) {
                        plot[(yTop + dy) * plotW + x] = rgb;
                    }
                }
                if (edgeAbove) {
                    plot[yTop * plotW + x] = rgb;
                }
                if (edgeBelow) {
                    plot[(yTop + PX_PER_MEL - 1) * plotW + x] = rgb;
                }
            }
        }
    }

    /** Whether any frame of the pooled column starting at {@code f} is masked at band m. */
    private static boolean at(boolean[] mask, Spectrogram s, int f, int m, int pool) {
        if (f < 0 || f >= s.frames()) {
            return false;
        }
        int end = Math.min(s.frames(), f + Math.max(1, pool));
        for (int i = f; i < end; i++) {
            if (mask[i * s.mels() + m]) {
                return true;
            }
        }
        return false;
    }

    private static void drawTimeAxis(Graphics2D g, Spectrogram s, int plotW, int plotH, int frames) {
        double seconds = s.durationSeconds();
        double step = niceStep(seconds / 10);
        FontMetrics fm = g.getFontMetrics();
        int y = TOP + plotH;
        for (double t = 0; t <= seconds + 1e-9; t += step) {
            int x = LEFT + (int) Math.round(t * s.sampleRate() / s.hop() / frames * plotW);
            if (x > LEFT + plotW) {
                break;
            }
            g.drawLine(x, y, x, y + 4);
            String label = step < 1 ? String.format("%.1f", t) : String.format("%.0f", t);
            g.drawString(label, x - fm.stringWidth(label) / 2, y + 16);
        }
        String title = "time (s)";
        g.drawString(title, LEFT + plotW / 2 - fm.stringWidth(title) / 2, y + 34);
    }

    private static void drawFrequencyAxis(Graphics2D g, Spectrogram s, int plotH) {
        double[] centres = s.bandCentresHz();
        FontMetrics fm = g.getFontMetrics();
        double top = centres[centres.length - 1];
        for (double hz : new double[] {0, 250, 500, 1000, 2000, 4000, 8000, 16000}) {
            if (hz > top * 1.03) { // the top band centre sits just below Nyquist
                break;
            }
            double band = bandOf(centres, hz);
            int y = TOP + plotH - (int) Math.round((band + 0.5) * PX_PER_MEL);
            g.drawLine(LEFT - 5, y, LEFT - 1, y);
            String label = hz >= 1000 ? String.format("%.0fk", hz / 1000) : String.format("%.0f", hz);
            g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        String title = "frequency (Hz, mel scale)";
        r.drawString(title, -(TOP + plotH / 2 + fm.stringWidth(title) / 2), 16);
        r.dispose();
    }

    /** Fractional band index whose centre is at {@code hz} (linear between centres). */
    private static double bandOf(double[] centres, double hz) {
        if (hz <= centres[0]) {
            // Below the first centre: extrapolate, but not past the bottom edge of the plot.
            return Math.max(-0.5, (hz - centres[0]) / (centres[1] - centres[0]));
        }
        for (int m = 1; m < centres.length; m++) {
            if (hz <= centres[m]) {
                return m - 1 + (hz - centres[m - 1]) / (centres[m] - centres[m - 1]);
            }
        }
        return centres.length - 1;
    }

    private static void drawColourBar(Graphics2D g, ColorMap map, double lo, double hi, int x, int plotH) {
        int w = 14;
        for (int y = 0; y < plotH; y++) {
            double v = hi - (hi - lo) * y / (plotH - 1.0);
            g.setColor(new Color(map.argb(v, lo, hi)));
            g.drawLine(x, TOP + y, x + w, TOP + y);
        }
        g.setColor(INK);
        g.drawRect(x, TOP, w, plotH - 1);
        FontMetrics fm = g.getFontMetrics();
        double step = niceStep((hi - lo) / 6);
        for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) {
            int y = TOP + (int) Math.round((hi - v) / (hi - lo) * (plotH - 1));
            g.drawLine(x + w, y, x + w + 3, y);
            g.drawString(String.format("%.0f", v), x + w + 5, y + fm.getAscent() / 2 - 1);
        }
        g.drawString("dB", x, TOP + plotH + 16);
    }

    private static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
