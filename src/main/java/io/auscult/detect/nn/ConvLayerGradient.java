package io.auscult.detect.nn;

import java.util.Arrays;

/**
 * A convolutional layer's activation for one input and the score's gradient with respect to it:
 * what Grad-CAM needs (channel weights = mean gradient over positions).
 *
 * <p>Arrays are {@code (passes, channels, rows, columns)} row-major, rows = mel direction,
 * columns = frame direction. The conv AE has one pass; the MAE one per inference group (the
 * score sums over its passes). The layer's grid covers the padded input ({@code paddedFrames}
 * frames, a multiple of the network's stride); the frames from {@code inputFrames} on are
 * padding, so an upsampled map is cut back to {@code inputFrames}.
 *
 * @param layer        block name ("enc1" .. "encL", "dec1" .. "dec(L-1)"), after its ReLU
 * @param score        the input's score
 * @param inputFrames  the input's frames
 * @param paddedFrames the frames the network ran on
 */
public record ConvLayerGradient(String layer, double score, int passes, int channels, int rows, int columns,
                                int inputFrames, int paddedFrames, double[] activation, double[] gradient) {

    public ConvLayerGradient {
        int n = passes * channels * rows * columns;
        if (activation.length != n || gradient.length != n) {
            throw new IllegalArgumentException("activation and gradient need " + n + " values, not "
                    + activation.length + " and " + gradient.length);
        }
        activation = activation.clone();
        gradient = gradient.clone();
    }

    @Override
    public double[] activation() {
        return activation.clone();
    }

    @Override
    public double[] gradient() {
        return gradient.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvLayerGradient g && layer.equals(g.layer) && Double.compare(score, g.score) == 0
                && passes == g.passes && channels == g.channels && rows == g.rows && columns == g.columns
                && inputFrames == g.inputFrames && paddedFrames == g.paddedFrames
                && Arrays.equals(activation, g.activation) && Arrays.equals(gradient, g.gradient);
    }

    @Override
    public int hashCode() {
        return layer.hashCode() * 31 + Arrays.hashCode(gradient);
    }

    @Override
    public String toString() {
        return "ConvLayerGradient[" + layer + ", " + passes + " x " + channels + " x " + rows + " x " + columns + "]";
    }
}
