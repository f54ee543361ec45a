package io.auscult.proxy;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * One task's scatter plot as PNG: proxy metric (x) against LP AUC (filled circles) and MD AUC
 * (open squares), with axes, ticks and a legend. Drawn with Java2D, headless.
 */
final class LabScatterPlot {

    static final int WIDTH = 560;
    static final int HEIGHT = 400;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 36;
    private static final int BOTTOM = 52;
    private static final Color LP = new Color(0x1f, 0x77, 0xb4);
    private static final Color MD = new Color(0xd6, 0x27, 0x28);

    private LabScatterPlot() {
    }

    static byte[] png(ProxyTaskKind task, List<ModelResult> models) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            double xmin = Double.POSITIVE_INFINITY;
            double xmax = Double.NEGATIVE_INFINITY;
            for (ModelResult m : models) {
                xmin = Math.min(xmin, m.proxyMetric());
                xmax = Math.max(xmax, m.proxyMetric());
            }
            if (!(xmax > xmin)) {
                xmin -= 0.5;
                xmax += 0.5;
            }
            double pad = 0.08 * (xmax - xmin);
            xmin -= pad;
            xmax += pad;
            int pw = WIDTH - LEFT - RIGHT;
            int ph = HEIGHT - TOP - BOTTOM;
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(task.word() + ": proxy metric vs detection AUC (" + models.size() + " models)", LEFT, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawRect(LEFT, TOP, pw, ph);
            for (int k = 0; k <= 5; k++) {
                double y = k / 5.0;
                int py = TOP + ph - (int) Math.round(y * ph);
                g.setColor(new Color(0xe8e8e8));
                g.drawLine(LEFT + 1, py, LEFT + pw - 1, py);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%.1f", y), LEFT - 28, py + 4);
                double x = xmin + k * (xmax - xmin) / 5;
                int px = LEFT + (int) Math.round(k * pw / 5.0);
                g.drawLine(px, TOP + ph, px, TOP + ph + 4);
                g.drawString(String.format(Locale.ROOT, "%.3g", x), px - 14, TOP + ph + 18);
            }
            // chance line at AUC 0.5
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            int half = TOP + ph / 2;
            g.drawLine(LEFT, half, LEFT + pw, half);
            g.setStroke(new BasicStroke(1.5f));
            g.setColor(Color.BLACK);
            g.drawString(task.metricName(), LEFT + pw / 2 - 40, HEIGHT - 14);
            g.rotate(-Math.PI / 2);
            g.drawString("AUC", -(TOP + ph / 2) - 10, 18);
            g.rotate(Math.PI / 2);
            for (ModelResult m : models) {
                int px = LEFT + (int) Math.round((m.proxyMetric() - xmin) / (xmax - xmin) * pw);
                int lp = TOP + ph - (int) Math.round(clamp(m.lpAuc()) * ph);
                int md = TOP + ph - (int) Math.round(clamp(m.mdAuc()) * ph);
                g.setColor(LP);
                g.fillOval(px - 4, lp - 4, 9, 9);
                g.setColor(MD);
                g.drawRect(px - 4, md - 4, 8, 8);
            }
            g.setColor(LP);
            g.fillOval(LEFT + pw - 120, TOP + 10, 9, 9);
            g.setColor(Color.BLACK);
            g.drawString("LP AUC", LEFT + pw - 104, TOP + 19);
            g.setColor(MD);
            g.drawRect(LEFT + pw - 120, TOP + 26, 8, 8);
            g.setColor(Color.BLACK);
            g.drawString("MD AUC", LEFT + pw - 104, TOP + 35);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static double clamp(double v) {
        return Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
    }
}
