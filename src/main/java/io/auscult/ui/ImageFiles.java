package io.auscult.ui;

import io.auscult.engine.AtomicFile;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
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

    /**
     * A "PNG…" menu button with the two resolutions a user asks for: as on screen, and 3 x for
     * print. Asks where to save, writes atomically, and reports the outcome in the button's tooltip
 * and through {@code say}.
     *
     * @param node what to picture (asked at click time: the node may be rebuilt between runs)
     */
    public static MenuButton pngMenu(String text, String title, String fileName,
                                                          java.util.function.Supplier<javafx.scene.Node> node,
                                                          java.util.function.Consumer<String> say) {
        MenuButton button = new MenuButton(text);
        for (double scale : new double[] {1, PRINT_SCALE}) {
            MenuItem item = new MenuItem(scale == 1
                    ? "At screen resolution…" : "At print resolution (3×, ~300 dpi)…");
            item.setOnAction(e -> {
                javafx.stage.FileChooser c = new javafx.stage.FileChooser();
                c.setTitle(title);
                c.setInitialFileName(scale == 1 ? fileName : fileName.replace(".png", "-print.png"));
                c.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("PNG image", "*.png"));
                java.io.File f = c.showSaveDialog(button.getScene().getWindow());
                if (f != null) {
                    try {
                        writePng(snapshot(node.get(), scale), f.toPath());
                        report(button, say, "Wrote " + f);
                    } catch (IOException | RuntimeException ex) {
                        report(button, say, "Could not write " + f + ": " + ex.getMessage());
                    }
                }
            });
            button.getItems().add(item);
        }
        return button;
    }

    private static void report(MenuButton button, java.util.function.Consumer<String> say,
                               String message) {
        button.setTooltip(new Tooltip(message));
        say.accept(message);
    }

    /** 3 x the screen's pixels: a full-width figure at ~300 dpi on an A4 page. */
    public static final double PRINT_SCALE = 3;
}
