package io.auscult.ui.spectrogram;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.nio.IntBuffer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An image whose pixels are an {@code int[]} in premultiplied ARGB, the software renderer's own
 * format, shared with JavaFX through a {@link PixelBuffer}. Drawing writes the array in place:
 * no copy and no conversion on the user interface thread, and a plain copy on the render
 * thread. With {@code WritableImage.setPixels} each new picture was converted twice (to
 * premultiplied BGRA bytes when set, back to premultiplied ints when uploaded): 5 ms and a
 * fifth of the spectrogram's first paint (async-profiler; docs/performance.md, session 9).
 * Draw on the user interface thread once the view is in a showing window.
 */
final class PixelImage {

    private final int[] argb;
    private final PixelBuffer<IntBuffer> buffer;
    private final WritableImage image;

    private PixelImage(int width, int height) {
        argb = new int[width * height];
        buffer = new PixelBuffer<>(width, height, IntBuffer.wrap(argb), PixelFormat.getIntArgbPreInstance());
        image = new WritableImage(buffer);
    }

    /** {@code current} if it has this size, else a new, transparent image of it. */
    static PixelImage sized(PixelImage current, int width, int height) {
        return current != null && current.width() == width && current.height() == height
                ? current : new PixelImage(width, height);
    }

    int width() {
        return buffer.getWidth();
    }

    int height() {
        return buffer.getHeight();
    }

    WritableImage image() {
        return image;
    }

    /** Redraws every pixel with {@code painter}, which must write premultiplied ARGB. */
    void draw(Consumer<int[]> painter) {
        drawIf(argb -> {
            painter.accept(argb);
            return true;
        });
    }

    /** As {@link #draw}, for a painter that may decline (returns false): the image is then left as it was. */
    boolean drawIf(Predicate<int[]> painter) {
        if (!Platform.isFxApplicationThread()) {
            // A view outside a showing window, laid out on another thread (the start-up warm-up):
            // no renderer reads the pixels, so there is nothing to tell it.
            return painter.test(argb);
        }
        boolean[] drawn = {false};
        buffer.updateBuffer(b -> {
            drawn[0] = painter.test(argb);
            return drawn[0] ? null : Rectangle2D.EMPTY;
        });
        return drawn[0];
    }

    /** Converts straight ARGB (as layers draw it) to premultiplied, in place. */
    static void premultiply(int[] argb) {
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int a = p >>> 24;
            if (a == 255) {
                continue;
            }
            if (a == 0) {
                argb[i] = 0;
                continue;
            }
            int r = ((p >> 16) & 255) * a + 128;
            int g = ((p >> 8) & 255) * a + 128;
            int b = (p & 255) * a + 128;
            argb[i] = (a << 24) | ((r + (r >> 8)) >> 8 << 16) | ((g + (g >> 8)) >> 8 << 8) | ((b + (b >> 8)) >> 8);
        }
    }
}
