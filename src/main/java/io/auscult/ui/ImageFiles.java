package io.auscult.ui;

import io.auscult.engine.AtomicFile;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes JavaFX images as PNG. Goes through {@link BufferedImage} and ImageIO, which work with
 * {@code java.awt.headless=true} (the launcher's setting), so no Swing bridge is needed.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    public static void writePng(Image image, Path target) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        AtomicFile.write(target, stream -> {
            if (!ImageIO.write(out, "png", stream)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /**
     * A picture of {@code node} at {@code scale} times its size on screen (1 = screen, 3 = ~300 dpi
     * for print), with the node's own background.
     */
    public static javafx.scene.image.WritableImage snapshot(javafx.scene.Node node, double scale) {
        javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
        p.setTransform(javafx.scene.transform.Transform.scale(scale, scale));
        p.setFill(javafx.scene.paint.Color.web("#1e2127"));
        return node.snapshot(p, null);
    }
}
