package io.auscult.detect.nn;

import java.util.Arrays;

/**
 * One 3 x 3 convolution (encoder) or transposed convolution (decoder) of the backbone, in
 * PyTorch's layout, with its bias and, for every layer but the last, its batch norm.
 *
 * <p>PyTorch layouts (the fixtures' and a state dict's): {@code Conv2d.weight} is
 * {@code [out, in, kh, kw]}, {@code ConvTranspose2d.weight} is {@code [in, out, kh, kw]}.
 * The SameDiff graphs want {@code [kh, kw, in, out]} for {@code conv2d} (YXIO) and
 * {@code [kh, kw, out, in]} for {@code deconv2d}; {@link #graphWeight} permutes on the way
 * (BENCHMARKS.md, "Exact PyTorch parity").
 *
 * @param transposed  a transposed convolution (decoder layer)
 * @param inChannels  input channels
 * @param outChannels output channels
 * @param weight      the kernel, PyTorch layout, {@code in * out * 9} values
 * @param bias        one per output channel
 * @param batchNorm   the batch norm that follows, or null (the last decoder layer)
 */
public record ConvLayerWeights(boolean transposed, int inChannels, int outChannels, double[] weight, double[] bias,
                               ConvBatchNorm batchNorm) {

    /** Kernel rows and columns of every layer. */
    public static final int KERNEL = 3;

    public ConvLayerWeights {
        if (inChannels <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException("channels must be > 0, not in " + inChannels + ", out " + outChannels);
        }
        if (weight.length != inChannels * outChannels * KERNEL * KERNEL) {
            throw new IllegalArgumentException("weight has " + weight.length + " values, not " + inChannels + " x "
                    + outChannels + " x 3 x 3");
        }
        if (bias.length != outChannels) {
            throw new IllegalArgumentException("bias has " + bias.length + " values, not " + outChannels);
        }
        if (batchNorm != null && batchNorm.channels() != outChannels) {
            throw new IllegalArgumentException("batch norm has " + batchNorm.channels() + " channels, not "
                    + outChannels);
        }
        weight = weight.clone();
        bias = bias.clone();
    }

    /** PyTorch's weight index of (input channel i, output channel o, kernel row, kernel column). */
    int pyTorchIndex(int i, int o, int kh, int kw) {
        int outer = transposed ? i * outChannels + o : o * inChannels + i;
        return (outer * KERNEL + kh) * KERNEL + kw;
    }

    /** The graph's weight index of the same element: YXIO for conv2d, {@code [kh, kw, out, in]} for deconv2d. */
    int graphIndex(int i, int o, int kh, int kw) {
        int k = kh * KERNEL + kw;
        return transposed ? (k * outChannels + o) * inChannels + i : (k * inChannels + i) * outChannels + o;
    }

    /**
     * The kernel in the graph's layout; with {@code foldBatchNorm}, multiplied per output channel
     * by the batch norm's {@code gamma / sqrt(var + eps)}: exact in inference, and it leaves no
     * broadcasting op in the graph.
     */
    public double[] graphWeight(boolean foldBatchNorm) {
        double[] g = new double[weight.length];
        for (int i = 0; i < inChannels; i++) {
            for (int o = 0; o < outChannels; o++) {
                double s = foldBatchNorm && batchNorm != null ? batchNorm.scale(o) : 1.0;
                for (int kh = 0; kh < KERNEL; kh++) {
                    for (int kw = 0; kw < KERNEL; kw++) {
                        g[graphIndex(i, o, kh, kw)] = weight[pyTorchIndex(i, o, kh, kw)] * s;
                    }
                }
            }
        }
        return g;
    }

    /** The bias; with {@code foldBatchNorm}, {@code bias * scale + shift} (batch norm applied to it). */
    public double[] graphBias(boolean foldBatchNorm) {
        double[] b = bias.clone();
        if (foldBatchNorm && batchNorm != null) {
            for (int o = 0; o < outChannels; o++) {
                b[o] = bias[o] * batchNorm.scale(o) + batchNorm.shift(o);
            }
        }
        return b;
    }

    /** A layer from a kernel in the graph's layout (what training produces). */
    public static ConvLayerWeights fromGraphLayout(boolean transposed, int inChannels, int outChannels, double[] graphWeight,
                                            double[] bias, ConvBatchNorm batchNorm) {
        ConvLayerWeights shape = new ConvLayerWeights(transposed, inChannels, outChannels,
                new double[graphWeight.length], bias, null);
        double[] w = new double[graphWeight.length];
        for (int i = 0; i < inChannels; i++) {
            for (int o = 0; o < outChannels; o++) {
                for (int kh = 0; kh < KERNEL; kh++) {
                    for (int kw = 0; kw < KERNEL; kw++) {
                        w[shape.pyTorchIndex(i, o, kh, kw)] = graphWeight[shape.graphIndex(i, o, kh, kw)];
                    }
                }
            }
        }
        return new ConvLayerWeights(transposed, inChannels, outChannels, w, bias, batchNorm);
    }

    @Override
    public double[] weight() {
        return weight.clone();
    }

    @Override
    public double[] bias() {
        return bias.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvLayerWeights l && transposed == l.transposed && inChannels == l.inChannels
                && outChannels == l.outChannels && Arrays.equals(weight, l.weight) && Arrays.equals(bias, l.bias)
                && java.util.Objects.equals(batchNorm, l.batchNorm);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weight) * 31 + Arrays.hashCode(bias);
    }

    @Override
    public String toString() {
        return (transposed ? "ConvTranspose2d(" : "Conv2d(") + inChannels + " -> " + outChannels + ")"
                + (batchNorm == null ? "" : " + BatchNorm2d");
    }
}
