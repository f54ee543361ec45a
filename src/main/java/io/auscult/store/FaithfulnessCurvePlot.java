package io.auscult.store;

import io.auscult.faithfulness.ComparisonRow;
import io.auscult.faithfulness.Faithfulness;
import io.auscult.faithfulness.RandomReference;
import io.auscult.faithfulness.ReplacementCurve;
import io.auscult.faithfulness.StudyCell;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figures of a comparison run, drawn with Java2D (no display needed): the mean replacement
 * curves d(k) of one detector's methods with the random-order reference dashed, and the
 * faithfulness gain per detector x method with its 95 % interval; and, for the report of one
 * clip, the curves of one detector's maps over the band of its random orders.
 */
public final class FaithfulnessCurvePlot {

    private static final int W = 760;
    private static final int H = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 40;
    private static final int BOTTOM = 56;
    /** Okabe-Ito: distinguishable for colour-blind readers. */
    private static final Color[] PALETTE = {new Color(0xE69F00), new Color(0x56B4E9), new Color(0x009E73),
        new Color(0xD55E00), new Color(0x0072B2), new Color(0xCC79A7), new Color(0xF0E442), new Color(0x000000)};

    private FaithfulnessCurvePlot() {
    }

    /** d(k) of each row (one detector's methods) over k, the random reference dashed in grey. */
    public static BufferedImage curves(String detector, List<ComparisonRow> rows) {
        List<ComparisonRow> drawn = rows.stream().filter(r -> r.clips() > 0).toList();
        double lo = 0;
        double hi = 1;
        for (ComparisonRow r : drawn) {
            for (double d : r.meanDrops()) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, "Replacement curves: " + detector + " (mean over clips)");
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        axes(g, pw, ph, lo, hi, "fraction of input replaced, k", "normalised drop d(k)");
        for (int k = 0; k <= 10; k++) {
            int x = LEFT + pw * k / 10;
            g.drawString(String.format(Locale.ROOT, "%.1f", k / 10.0), x - 8, TOP + ph + 16);
        }
        if (!drawn.isEmpty()) {
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 5f}, 0));
            polyline(g, drawn.get(0).fractions(), drawn.get(0).randomDrops(), pw, ph, lo, hi);
            legend(g, 0, Color.GRAY, "random order", true);
        }
        for (int i = 0; i < drawn.size(); i++) {
            ComparisonRow r = drawn.get(i);
            Color c = PALETTE[i % PALETTE.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(2.2f));
            polyline(g, r.fractions(), r.meanDrops(), pw, ph, lo, hi);
            legend(g, i + 1, c, String.format(Locale.ROOT, "%s (%.3f)", r.method(), r.area().mean()), false);
        }
        g.dispose();
        return img;
    }

    /**
     * One clip, one detector: d(k) of each method's map (legend: its gain), over the band
     * between the lowest and highest random-order curve at each k with their mean dashed.
     * Cells without a map are left out.
     */
    public static BufferedImage clipCurves(String title, List<StudyCell> cells) {
        List<StudyCell> drawn = cells.stream().filter(StudyCell::succeeded).toList();
        double lo = 0;
        double hi = 1;
        RandomReference reference = null;
        for (StudyCell c : drawn) {
            Faithfulness f = c.faithfulness().orElseThrow();
            reference = f.reference();
            for (double d : f.curve().drops()) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        double[][] band = reference == null ? null : randomBand(reference);
        if (band != null) {
            for (int i = 0; i < band[0].length; i++) {
                lo = Math.min(lo, band[0][i]);
                hi = Math.max(hi, band[2][i]);
            }
        }
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title);
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        axes(g, pw, ph, lo, hi, "fraction of input replaced, k", "normalised drop d(k)");
        for (int k = 0; k <= 10; k++) {
            int x = LEFT + pw * k / 10;
            g.drawString(String.format(Locale.ROOT, "%.1f", k / 10.0), x - 8, TOP + ph + 16);
        }
        if (band != null) {
            double[] k = reference.curves().get(0).fractions();
            java.awt.Polygon area = new java.awt.Polygon();
            for (int i = 0; i < k.length; i++) {
                area.addPoint(LEFT + (int) Math.round(k[i] * pw), y(band[2][i], ph, lo, hi));
            }
            for (int i = k.length - 1; i >= 0; i--) {
                area.addPoint(LEFT + (int) Math.round(k[i] * pw), y(band[0][i], ph, lo, hi));
            }
            g.setColor(new Color(0xDDDDDD));
            g.fillPolygon(area);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 5f}, 0));
            polyline(g, k, band[1], pw, ph, lo, hi);
            legend(g, 0, Color.GRAY, "random, R = " + reference.curves().size(), true);
        }
        for (int i = 0; i < drawn.size(); i++) {
            ReplacementCurve c = drawn.get(i).faithfulness().orElseThrow().curve();
            Color colour = PALETTE[i % PALETTE.length];
            g.setColor(colour);
            g.setStroke(new BasicStroke(2.2f));
            polyline(g, c.fractions(), c.drops(), pw, ph, lo, hi);
            legend(g, i + 1, colour, String.format(Locale.ROOT, "%s %+.3f", drawn.get(i).method(),
                    drawn.get(i).gain()), false);
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(g.getFont().deriveFont(11f));
        g.drawString("method and its gain", W - RIGHT + 16, TOP + 20 * (drawn.size() + 1) + 14);
        g.drawString("(area - random area)", W - RIGHT + 16, TOP + 20 * (drawn.size() + 1) + 28);
        g.dispose();
        return img;
    }

    /**
     * The random orders' lowest, mean and highest drop at each k: {@code [0]} low, {@code [1]}
     * mean, {@code [2]} high. With R of about 5 orders a percentile band would be spurious
     * precision; min..max says what R orders did.
     */
    public static double[][] randomBand(RandomReference reference) {
        List<double[]> drops = new ArrayList<>();
        for (ReplacementCurve c : reference.curves()) {
            drops.add(c.drops());
        }
        int n = drops.get(0).length;
        double[] low = new double[n];
        double[] high = new double[n];
        for (int i = 0; i < n; i++) {
            low[i] = Double.POSITIVE_INFINITY;
            high[i] = Double.NEGATIVE_INFINITY;
            for (double[] d : drops) {
                low[i] = Math.min(low[i], d[i]);
                high[i] = Math.max(high[i], d[i]);
            }
        }
        return new double[][] {low, reference.meanDrops(), high};
    }

    /** Gain mean with its 95 % interval, one bar per detector x method. */
    public static BufferedImage gains(List<ComparisonRow> rows) {
        List<ComparisonRow> drawn = rows.stream().filter(r -> r.clips() > 0).toList();
        double lo = 0;
        double hi = 0;
        for (ComparisonRow r : drawn) {
            lo = Math.min(lo, finiteOr(r.gain().low(), r.gain().mean()));
            hi = Math.max(hi, finiteOr(r.gain().high(), r.gain().mean()));
        }
        if (hi - lo < 1e-9) {
            hi = lo + 1;
        }
        double pad = 0.05 * (hi - lo);
        lo -= pad;
        hi += pad;
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, "Faithfulness gain (area - random area), mean and 95 % CI over clips");
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        axes(g, pw, ph, lo, hi, "", "faithfulness gain");
        int zero = y(0, ph, lo, hi);
        g.setColor(Color.DARK_GRAY);
        g.drawLine(LEFT, zero, LEFT + pw, zero);
        List<String> detectors = drawn.stream().map(ComparisonRow::detector).distinct().toList();
        List<String> methods = drawn.stream().map(ComparisonRow::method).distinct().toList();
        int n = Math.max(1, drawn.size());
        double slot = pw / (double) n;
        for (int i = 0; i < drawn.size(); i++) {
            ComparisonRow r = drawn.get(i);
            Color c = PALETTE[methods.indexOf(r.method()) % PALETTE.length];
            int x0 = LEFT + (int) (i * slot + slot * 0.15);
            int bw = Math.max(2, (int) (slot * 0.7));
            int ym = y(r.gain().mean(), ph, lo, hi);
            g.setColor(c);
            g.fillRect(x0, Math.min(ym, zero), bw, Math.abs(zero - ym));
            if (Double.isFinite(r.gain().low())) {
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1.5f));
                int xc = x0 + bw / 2;
                int yl = y(r.gain().low(), ph, lo, hi);
                int yh = y(r.gain().high(), ph, lo, hi);
                g.drawLine(xc, yl, xc, yh);
                g.drawLine(xc - 4, yl, xc + 4, yl);
                g.drawLine(xc - 4, yh, xc + 4, yh);
            }
            g.setColor(Color.BLACK);
            g.setFont(g.getFont().deriveFont(10f));
            g.drawString(String.valueOf(detectors.indexOf(r.detector()) + 1), x0 + bw / 2 - 3, TOP + ph + 14);
        }
        g.setFont(g.getFont().deriveFont(12f));
        for (int m = 0; m < methods.size(); m++) {
            legend(g, m, PALETTE[m % PALETTE.length], methods.get(m), false);
        }
        for (int d = 0; d < detectors.size(); d++) {
            g.setColor(Color.BLACK);
            g.drawString((d + 1) + " = " + detectors.get(d), LEFT + pw + 16, TOP + 20 * (methods.size() + 1 + d) + 10);
        }
        g.dispose();
        return img;
    }

    private static double finiteOr(double v, double fallback) {
        return Double.isFinite(v) ? v : fallback;
    }

    private static Graphics2D canvas(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    private static void axes(Graphics2D g, int pw, int ph, double lo, double hi, String xLabel, String yLabel) {
        g.setColor(new Color(0xEEEEEE));
        for (int i = 0; i <= 5; i++) {
            double v = lo + (hi - lo) * i / 5;
            int yy = y(v, ph, lo, hi);
            g.drawLine(LEFT, yy, LEFT + pw, yy);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, pw, ph);
        for (int i = 0; i <= 5; i++) {
            double v = lo + (hi - lo) * i / 5;
            g.drawString(String.format(Locale.ROOT, "%.2f", v), LEFT - 40, y(v, ph, lo, hi) + 4);
        }
        g.drawString(xLabel, LEFT + pw / 2 - 80, H - 14);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(yLabel, -(TOP + ph / 2 + 50), 16);
        r.dispose();
    }

    private static void polyline(Graphics2D g, double[] xs, double[] ys, int pw, int ph, double lo, double hi) {
        for (int i = 0; i + 1 < xs.length; i++) {
            g.drawLine(LEFT + (int) Math.round(xs[i] * pw), y(ys[i], ph, lo, hi),
                    LEFT + (int) Math.round(xs[i + 1] * pw), y(ys[i + 1], ph, lo, hi));
        }
    }

    private static void legend(Graphics2D g, int i, Color c, String text, boolean dashed) {
        int x = W - RIGHT + 16;
        int yy = TOP + 10 + 20 * i;
        g.setColor(c);
        g.setStroke(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                new float[] {6f, 5f}, 0) : new BasicStroke(3f));
        g.drawLine(x, yy, x + 22, yy);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 28, yy + 4);
    }

    private static int y(double v, int ph, double lo, double hi) {
        return TOP + (int) Math.round(ph * (hi - v) / (hi - lo));
    }
}
