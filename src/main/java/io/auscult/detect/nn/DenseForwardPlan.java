package io.auscult.detect.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The dense autoencoder's inference forward pass without SameDiff: one matrix product per layer
 * ({@code Nd4j.gemm}, BLAS) into arrays allocated once per batch size, the bias add and ReLU in
 * plain Java over a bulk copy of each hidden layer's output, and the output layer's bias added
 * while its values are copied out. SameDiff spends about as long between the graph's 29 small
 * ops as in them for one 10-s clip (docs/performance.md); here there are 10 native calls.
 *
 * <p>The same mathematics as {@link DenseInferenceGraph} on folded weights (matrix product, bias,
 * ReLU, in the given precision), equal to it within rounding, not bit for bit: the bias is added
 * in Java after the product (in the array's precision for hidden layers, in double for the output
 * layer). The input gradient (explanations) stays with the graph's automatic differentiation.
 *
 * <p>Not thread-safe. Holds native memory: close it.
 */
final class DenseForwardPlan implements AutoCloseable {

    private final DataType type;
    private final int layers;
    /** widths[0] = window size, widths[l + 1] = outputs of layer l. */
    private final int[] widths;
    /** Folded weights {@code [in, out]} in the plan's precision. */
    private final INDArray[] weight;
    private final double[][] bias;
    private final float[][] floatBias;

    private int planned = -1;
    private INDArray input;
    private INDArray[] output;
    /** Staging for one hidden layer's output during its bias add and ReLU (the widest layer). */
    private float[] floatWork;
    private double[] doubleWork;
    /** Staging for the output layer's product (FLOAT only). */
    private float[] outputWork;

    /**
     * @param weights the network with every batch norm folded ({@link DenseAutoencoderWeights#foldedBatchNorm})
     * @param type    FLOAT (production) or DOUBLE (exact comparisons)
     */
    DenseForwardPlan(DenseAutoencoderWeights weights, DataType type) {
        DenseArrays.requireSupported(type);
        this.type = type;
        this.layers = weights.layers().size();
        this.widths = new int[layers + 1];
        this.weight = new INDArray[layers];
        this.bias = new double[layers][];
        this.floatBias = new float[layers][];
        widths[0] = weights.windowSize();
        for (int l = 0; l < layers; l++) {
            DenseLayer layer = weights.layers().get(l);
            if (layer.batchNorm() != null) {
                throw new IllegalArgumentException("layer " + (l + 1) + " has an unfolded batch norm: fold it first");
            }
            widths[l + 1] = layer.outputs();
            weight[l] = DenseArrays.create(type, layer.inputs(), layer.outputs());
            DenseArrays.write(layer.weightInputMajor(), weight[l]);
            bias[l] = layer.bias().clone();
            floatBias[l] = new float[bias[l].length];
            for (int o = 0; o < bias[l].length; o++) {
                floatBias[l][o] = (float) bias[l][o];
            }
        }
    }

    DataType dataType() {
        return type;
    }

    /**
     * The input array for {@code n} windows ({@code n x windowSize}, one window per row), to be
     * filled by the caller before {@link #reconstruct}. Kept while n stays the same.
     */
    INDArray input(int n) {
        if (n != planned) {
            plan(n);
        }
        return input;
    }

    /**
     * Runs the pass on the filled input of {@link #input(int)} and writes the reconstruction of
     * every window ({@code n x windowSize}, row-major) into {@code target} (at least that long).
     */
    void reconstruct(double[] target) {
        run();
        readWithBias(output[layers - 1], bias[layers - 1], target);
    }

    /**
     * With a FLOAT plan: runs the pass on the filled input and gives the output layer's product
     * <em>without</em> its bias ({@link #outputBias}), {@code n x windowSize} row-major, valid
     * until the next run; the caller adds the bias in the pass it makes over the values anyway
     * ({@code product + bias} in double is exactly what {@link #reconstruct} gives).
     */
    float[] reconstructWithoutBias() {
        if (type != DataType.FLOAT) {
            throw new IllegalStateException("a " + type + " plan has no float output; use reconstruct");
        }
        run();
        int n = planned * widths[layers];
        output[layers - 1].data().asNioFloat().get(outputWork, 0, n);
        return outputWork;
    }

    /** The output layer's bias (read-only). */
    double[] outputBias() {
        return bias[layers - 1];
    }

    private void run() {
        if (planned < 0) {
            throw new IllegalStateException("no input: call input(n) and fill it first");
        }
        INDArray h = input;
        for (int l = 0; l < layers; l++) {
            Nd4j.gemm(h, weight[l], output[l], false, false, 1.0, 0.0);
            if (l < layers - 1) {
                biasRelu(l);
            }
            h = output[l];
        }
    }

    /**
     * Hidden layer l's output in place: {@code max(h + b, 0)}, one bulk copy out and back. The
     * ReLU clears negative values' bits (a sign-bit mask): the same bits as {@code Math.max} for
     * all but NaNs with the sign bit set, and faster.
     */
    private void biasRelu(int l) {
        int c = widths[l + 1];
        int n = planned * c;
        if (type == DataType.FLOAT) {
            float[] w = floatWork;
            float[] b = floatBias[l];
            FloatBuffer buffer = output[l].data().asNioFloat();
            buffer.get(w, 0, n);
            for (int i = 0; i < n; i += c) {
                for (int k = 0; k < c; k++) {
                    int bits = Float.floatToRawIntBits(w[i + k] + b[k]);
                    w[i + k] = Float.intBitsToFloat(bits & ~(bits >> 31));
                }
            }
            buffer.position(0);
            buffer.put(w, 0, n);
        } else {
            double[] w = doubleWork;
            double[] b = bias[l];
            DoubleBuffer buffer = output[l].data().asNioDouble();
            buffer.get(w, 0, n);
            for (int i = 0; i < n; i += c) {
                for (int k = 0; k < c; k++) {
                    long bits = Double.doubleToRawLongBits(w[i + k] + b[k]);
                    w[i + k] = Double.longBitsToDouble(bits & ~(bits >> 63));
                }
            }
            buffer.position(0);
            buffer.put(w, 0, n);
        }
    }

    /** The output layer's product plus its bias, widened to double: one bulk copy, one pass. */
    private void readWithBias(INDArray product, double[] b, double[] target) {
        int c = b.length;
        int n = planned * c;
        if (type == DataType.FLOAT) {
            float[] w = outputWork;
            product.data().asNioFloat().get(w, 0, n);
            for (int i = 0; i < n; i += c) {
                for (int k = 0; k < c; k++) {
                    target[i + k] = w[i + k] + b[k];
                }
            }
        } else {
            product.data().asNioDouble().get(target, 0, n);
            for (int i = 0; i < n; i += c) {
                for (int k = 0; k < c; k++) {
                    target[i + k] += b[k];
                }
            }
        }
    }

    private void plan(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("a batch needs at least one window, not " + n);
        }
        releaseBuffers();
        input = DenseArrays.create(type, n, widths[0]);
        output = new INDArray[layers];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            output[l] = DenseArrays.create(type, n, widths[l + 1]);
            if (l < layers - 1) {
                widest = Math.max(widest, widths[l + 1]);
            }
        }
        if (type == DataType.FLOAT) {
            floatWork = new float[n * widest];
            outputWork = new float[n * widths[layers]];
        } else {
            doubleWork = new double[n * widest];
        }
        planned = n;
    }

    private void releaseBuffers() {
        DenseArrays.close(input);
        if (output != null) {
            for (INDArray o : output) {
                DenseArrays.close(o);
            }
        }
        input = null;
        output = null;
        planned = -1;
    }

    @Override
    public void close() {
        releaseBuffers();
        for (INDArray w : weight) {
            DenseArrays.close(w);
        }
    }
}
