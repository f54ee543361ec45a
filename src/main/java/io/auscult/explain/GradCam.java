package io.auscult.explain;

import io.auscult.detect.ScoringNetwork;
import io.auscult.detect.nn.ConvBackboneNetwork;
import io.auscult.detect.nn.ConvLayerGradient;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Grad-CAM (DESIGN.md, "Explanations") on a named block of a conv network (default: the last
 * encoder block, after its ReLU): channel weights {@code w_c = mean over positions of ds/dA_c},
 * {@code cam = ReLU(sum_c w_c A_c)}, upsampled bilinearly to the input grid exactly as PyTorch's
 * {@code interpolate(mode="bilinear", align_corners=False)} (no normalisation), which Captum's
 * {@code LayerGradCam} + {@code LayerAttribution.interpolate} use.
 *
 * <p>For the MAE the score sums over its K inference passes, each with its own activation; the
 * map is {@code ReLU(sum_g sum_c w_gc A_gc)}, the same first-order reading of the score applied to
 * every pass. The layer's grid covers the padded input; the upsampled map is cut back to the
 * input's frames. The dense AE has no convolutional layer: refused with a message saying so.
 */
public final class GradCam implements Attribution {

    public static final String NAME = "gradcam";

    private final String layer;

    /** @param layer the block to explain ("enc1".."encL", "dec1"..), or null for the last encoder block */
    public GradCam(String layer) {
        this.layer = layer;
    }

    @Override
    public String method() {
        return NAME;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("layer", layer == null ? "last encoder" : layer);
        return p;
    }

    @Override
    public AttributionMap explain(ExplanationTarget target, Progress progress, Cancellation cancel) {
        ScoringNetwork net = target.network();
        if (!(net instanceof ConvBackboneNetwork conv)) {
            throw new IllegalArgumentException("Grad-CAM needs a convolutional layer, and the '" + net.kind()
                    + "' detector (the DCASE dense autoencoder) has none; use error, saliency, smoothgrad, ig, "
                    + "gradshap or occlusion for it");
        }
        String name = layer == null ? conv.defaultGradCamLayer() : layer;
        if (!conv.layerNames().contains(name)) {
            throw new IllegalArgumentException("Grad-CAM: the " + net.kind() + " network has no layer '" + name
                    + "'; its layers: " + conv.layerNames());
        }
        cancel.throwIfCancelled();
        progress.report(0, "layer gradient");
        ConvLayerGradient g = conv.layerGradient(target.input(), name);
        double[] cam = camOnLayerGrid(g);
        Spectrogram x = target.input();
        double[] up = upsample(cam, g.rows(), g.columns(), x.mels(), g.paddedFrames());
        float[] map = new float[x.frames() * x.mels()];
        for (int m = 0; m < x.mels(); m++) {
            for (int f = 0; f < x.frames(); f++) {
                map[f * x.mels() + m] = (float) up[m * g.paddedFrames() + f];
            }
        }
        progress.report(1, "Grad-CAM");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("layer", name);
        return new AttributionMap(NAME, p, x.withValues(map), g.score(), OptionalDouble.empty());
    }

    /** ReLU(sum over passes and channels of w * A) on the layer's (rows, columns) grid. */
    static double[] camOnLayerGrid(ConvLayerGradient g) {
        int positions = g.rows() * g.columns();
        double[] a = g.activation();
        double[] d = g.gradient();
        double[] cam = new double[positions];
        for (int pass = 0; pass < g.passes(); pass++) {
            for (int c = 0; c < g.channels(); c++) {
                int base = (pass * g.channels() + c) * positions;
                double w = 0;
                for (int i = 0; i < positions; i++) {
                    w += d[base + i];
                }
                w /= positions;
                for (int i = 0; i < positions; i++) {
                    cam[i] += w * a[base + i];
                }
            }
        }
        for (int i = 0; i < positions; i++) {
            cam[i] = Math.max(0, cam[i]);
        }
        return cam;
    }

    /**
     * Bilinear resize of a {@code (rows, cols)} row-major grid to {@code (outRows, outCols)}, PyTorch's
     * {@code align_corners=False}: source coordinate {@code (o + 0.5) * in/out - 0.5}, clamped at 0.
     */
    static double[] upsample(double[] grid, int rows, int cols, int outRows, int outCols) {
        double[] out = new double[outRows * outCols];
        for (int y = 0; y < outRows; y++) {
            double sy = Math.max(0, (y + 0.5) * ((double) rows / outRows) - 0.5);
            int y0 = Math.min((int) Math.floor(sy), rows - 1);
            int y1 = Math.min(y0 + 1, rows - 1);
            double ly = sy - y0;
            for (int x = 0; x < outCols; x++) {
                double sx = Math.max(0, (x + 0.5) * ((double) cols / outCols) - 0.5);
                int x0 = Math.min((int) Math.floor(sx), cols - 1);
                int x1 = Math.min(x0 + 1, cols - 1);
                double lx = sx - x0;
                out[y * outCols + x] = (1 - ly) * ((1 - lx) * grid[y0 * cols + x0] + lx * grid[y0 * cols + x1])
                        + ly * ((1 - lx) * grid[y1 * cols + x0] + lx * grid[y1 * cols + x1]);
            }
        }
        return out;
    }
}
