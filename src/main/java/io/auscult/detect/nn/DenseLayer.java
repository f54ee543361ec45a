package io.auscult.detect.nn;

import java.util.Objects;

/**
 * One fully connected layer of the dense autoencoder: {@code y = W v + b} (PyTorch's
 * {@code Linear}: {@code weight} is {@code [outputs][inputs]}, row-major, so
 * {@code weight[o * inputs + i]}), then, optionally, batch norm in inference form, then,
 * optionally, ReLU.
 *
 * <p>The arrays are not copied: treat them as read-only.
 *
 * @param batchNorm the batch norm after the linear map, or {@code null} for none
 */
public record DenseLayer(int inputs, int outputs, double[] weight, double[] bias, DenseBatchNorm batchNorm,
        boolean relu) {

    public DenseLayer {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(bias, "bias");
        if (inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("a dense layer needs positive sizes, not " + inputs + " -> " + outputs);
        }
        if ((long) inputs * outputs != weight.length) {
            throw new IllegalArgumentException("weight has " + weight.length + " entries, not outputs " + outputs
                    + " x inputs " + inputs);
        }
        if (bias.length != outputs) {
            throw new IllegalArgumentException("bias has " + bias.length + " entries, not " + outputs);
        }
        if (batchNorm != null && batchNorm.size() != outputs) {
            throw new IllegalArgumentException("batch norm has " + batchNorm.size() + " units, not " + outputs);
        }
    }

    /** {@code W[o][i]}. */
    public double weight(int output, int input) {
        return weight[output * inputs + input];
    }

    /** The weights as {@code [inputs][outputs]}, row-major: the layout of the product {@code x W^T}. */
    public double[] weightInputMajor() {
        double[] t = new double[weight.length];
        for (int o = 0; o < outputs; o++) {
            for (int i = 0; i < inputs; i++) {
                t[i * outputs + o] = weight[o * inputs + i];
            }
        }
        return t;
    }

    /**
     * The same function with the batch norm folded into the weights, exact in real arithmetic:
     * {@code W' = s W}, {@code b' = s (b - mean) + beta} with {@code s = gamma / sqrt(var + eps)}
     * per output. Inference then needs no broadcasting ops (BENCHMARKS.md, "The engine").
     */
    public DenseLayer foldedBatchNorm() {
        if (batchNorm == null) {
            return this;
        }
        double[] w = new double[weight.length];
        double[] b = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            double s = batchNorm.scale(o);
            for (int i = 0; i < inputs; i++) {
                w[o * inputs + i] = weight[o * inputs + i] * s;
            }
            b[o] = (bias[o] - batchNorm.runningMean()[o]) * s + batchNorm.beta()[o];
        }
        return new DenseLayer(inputs, outputs, w, b, null, relu);
    }
}
