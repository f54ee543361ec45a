package io.auscult.detect.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * One training step of the dense autoencoder on a batch of fixed size: forward with batch norm
 * on batch statistics, MSE loss, backward, Adam. Written out by hand rather than with SameDiff's
 * automatic differentiation: the matrix products run in ND4J (BLAS, all cores) into arrays
 * allocated once, the element-wise batch norm, ReLU and loss in plain Java in double (reading
 * and writing the native float arrays inside those passes, not in separate conversion passes).
 * SameDiff's graph of the same step (batch norm with materialised or matrix-product broadcasts)
 * ran at 7,000-12,000 windows/s on this machine, this one at 25,000-35,000 (PyTorch: 35,000): the
 * graph spends most of its time between its ~300 small ops (BENCHMARKS.md, "The engine").
 * Correctness is checked against central finite differences in the tests.
 *
 * <p>Conventions, as PyTorch: batch norm normalises with the biased batch variance and eps 1e-5;
 * its running statistics follow {@code r = (1 - 0.1) r + 0.1 s} with the unbiased variance;
 * the linear layers before a batch norm have no bias (the batch norm subtracts the batch mean, so
 * a bias there has no effect on the output and a zero gradient); ReLU's derivative at 0 is 0.
 * Adam as {@code torch.optim.Adam} (beta1 0.9, beta2 0.999, eps 1e-8, eps added after the bias
 * correction of v). Parameters live in Java (double); the weight matrices are copied to the
 * engine's precision after each update.
 *
 * <p>Not thread-safe. Holds native memory: close it.
 */
final class DenseTrainingStep implements AutoCloseable {

    static final double BN_EPS = 1e-5;
    static final double BN_MOMENTUM = 0.1;

    private final DataType type;
    private final int batch;
    private final int mels;
    private final int context;
    /** widths[0] = window size, widths[l + 1] = outputs of layer l. */
    private final int[] widths;
    private final int layers;

    private final double learningRate;
    /** Weights in the engine's precision, {@code [in, out]}; copies of {@code weightValue}. */
    private final INDArray[] weight;
    private final INDArray[] weightGradNative;
    private final double[][] weightValue;
    private final double[][] weightGrad;
    private final double[][] gammaValue;
    private final double[][] betaValue;
    private final double[][] gammaGrad;
    private final double[][] betaGrad;
    private final double[] outputBiasValue;
    private final double[] outputBiasGrad;
    private final double[][] runningMean;
    private final double[][] runningVar;
    private final List<double[]> parameters = new ArrayList<>();
    private final List<double[]> gradients = new ArrayList<>();
    private final List<double[]> adamM = new ArrayList<>();
    private final List<double[]> adamV = new ArrayList<>();
    private int iteration;

    private final INDArray input;
    private final INDArray[] linear;
    private final INDArray[] activation;
    private final INDArray[] linearGrad;
    private final INDArray[] inputGrad;

    /** The batch's windows as given (float spectrogram values; widened exactly where computed with). */
    private final float[] x;
    private final double[][] normalised;
    private final double[][] invStd;
    private final double[] work;
    /**
     * With a FLOAT engine: the native arrays' values on their way in or out, so that each
     * conversion between float and double happens inside a pass that computes anyway (one bulk
     * copy plus no extra pass over the batch). Null with a DOUBLE engine, which copies double
     * arrays directly.
     */
    private final float[] narrow;

    /**
     * @param initial   starting weights; every hidden layer must have batch norm and a zero bias
     * @param batch     windows per step (at least 2, for a batch variance)
     * @param learningRate Adam's step size
     */
    DenseTrainingStep(DenseAutoencoderWeights initial, int batch, double learningRate, DataType type) {
        DenseArrays.requireSupported(type);
        if (batch < 2) {
            throw new IllegalArgumentException("batch norm needs at least 2 windows per batch, not " + batch);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, not " + learningRate);
        }
        this.type = type;
        this.batch = batch;
        this.learningRate = learningRate;
        this.mels = initial.mels();
        this.context = initial.contextFrames();
        this.layers = initial.layers().size();
        this.widths = new int[layers + 1];
        widths[0] = initial.windowSize();
        for (int l = 0; l < layers; l++) {
            widths[l + 1] = initial.layers().get(l).outputs();
        }
        weight = new INDArray[layers];
        weightGradNative = new INDArray[layers];
        weightValue = new double[layers][];
        weightGrad = new double[layers][];
        gammaGrad = new double[layers][];
        betaGrad = new double[layers][];
        runningMean = new double[layers][];
        runningVar = new double[layers][];
        gammaValue = new double[layers][];
        betaValue = new double[layers][];
        normalised = new double[layers][];
        invStd = new double[layers][];
        linear = new INDArray[layers];
        activation = new INDArray[layers];
        linearGrad = new INDArray[layers];
        inputGrad = new INDArray[layers];
        int widest = widths[0];
        for (int l = 0; l < layers; l++) {
            DenseLayer layer = initial.layers().get(l);
            boolean hidden = l < layers - 1;
            int in = widths[l];
            int out = widths[l + 1];
            widest = Math.max(widest, out);
            weightValue[l] = layer.weightInputMajor();
            weightGrad[l] = new double[in * out];
            weight[l] = DenseArrays.create(type, in, out);
            DenseArrays.write(weightValue[l], weight[l]);
            weightGradNative[l] = DenseArrays.create(type, in, out);
            addParameter(weightValue[l], weightGrad[l]);
            linear[l] = DenseArrays.create(type, batch, out);
            linearGrad[l] = DenseArrays.create(type, batch, out);
            if (l > 0) {
                inputGrad[l] = DenseArrays.create(type, batch, in);
            }
            if (hidden) {
                DenseBatchNorm bn = layer.batchNorm();
                if (bn == null) {
                    throw new IllegalArgumentException("hidden layer " + (l + 1) + " has no batch norm to train");
                }
                for (double b : layer.bias()) {
                    if (b != 0) {
                        throw new IllegalArgumentException("hidden layer " + (l + 1) + " has a bias; training "
                                + "leaves it out (the batch norm after it cancels it)");
                    }
                }
                gammaValue[l] = bn.gamma().clone();
                betaValue[l] = bn.beta().clone();
                gammaGrad[l] = new double[out];
                betaGrad[l] = new double[out];
                addParameter(gammaValue[l], gammaGrad[l]);
                addParameter(betaValue[l], betaGrad[l]);
                runningMean[l] = bn.runningMean().clone();
                runningVar[l] = bn.runningVar().clone();
                activation[l] = DenseArrays.create(type, batch, out);
                normalised[l] = new double[batch * out];
                invStd[l] = new double[out];
            }
        }
        DenseLayer last = initial.layers().get(layers - 1);
        outputBiasValue = last.bias().clone();
        outputBiasGrad = new double[widths[layers]];
        addParameter(outputBiasValue, outputBiasGrad);
        input = DenseArrays.create(type, batch, widths[0]);
        x = new float[batch * widths[0]];
        work = new double[batch * widest];
        narrow = type == DataType.FLOAT ? new float[batch * widest] : null;
    }

    int batch() {
        return batch;
    }

    /**
     * Puts window {@code row} of the batch: {@code context} frames of a time-major recording from
     * frame {@code start} on (a contiguous run, see {@link DenseWindows}).
     */
    void setWindow(int row, float[] timeMajor, int start) {
        int size = widths[0];
        System.arraycopy(timeMajor, start * mels, x, row * size, size);
    }

    /** Forward, loss, backward on the current batch; updates the running statistics if asked. */
    double computeGradients(boolean updateRunningStatistics) {
        DenseArrays.write(x, 0, input, 0, x.length);
        double loss = forward(updateRunningStatistics);
        backward();
        return loss;
    }

    /** One Adam step with the gradients of the last {@link #computeGradients} (torch.optim.Adam). */
    void applyAdam() {
        iteration++;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double stepSize = learningRate / (1 - Math.pow(beta1, iteration));
        double correction2 = Math.sqrt(1 - Math.pow(beta2, iteration));
        for (int p = 0; p < parameters.size(); p++) {
            double[] value = parameters.get(p);
            double[] g = gradients.get(p);
            double[] m = adamM.get(p);
            double[] v = adamV.get(p);
            for (int i = 0; i < value.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                value[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / correction2 + 1e-8);
            }
        }
        parametersChanged();
    }

    /** Copies the weight matrices to the engine after their Java values changed. */
    void parametersChanged() {
        for (int l = 0; l < layers; l++) {
            DenseArrays.write(weightValue[l], weight[l]);
        }
    }

    /** The current weights with batch norm as in inference (running statistics), not folded. */
    DenseAutoencoderWeights weights() {
        List<DenseLayer> out = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int o = widths[l + 1];
            double[] w = weightValue[l];
            double[] pytorch = new double[w.length];
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < o; j++) {
                    pytorch[j * in + i] = w[i * o + j];
                }
            }
            if (l < layers - 1) {
                DenseBatchNorm bn = new DenseBatchNorm(gammaValue[l].clone(), betaValue[l].clone(),
                        runningMean[l].clone(), runningVar[l].clone(), BN_EPS);
                out.add(new DenseLayer(in, o, pytorch, new double[o], bn, true));
            } else {
                out.add(new DenseLayer(in, o, pytorch, outputBiasValue.clone(), null, false));
            }
        }
        return new DenseAutoencoderWeights(mels, context, out);
    }

    /**
     * The parameters' values in a fixed order (per layer: weight as [in, out], then gamma and
     * beta; the output bias last). Live arrays: after changing them call {@link #parametersChanged}.
     */
    List<double[]> parameters() {
        return List.copyOf(parameters);
    }

    /** The gradients of {@link #parameters()}, same order, as of the last {@link #computeGradients}. */
    List<double[]> gradients() {
        return List.copyOf(gradients);
    }

    private double forward(boolean updateRunningStatistics) {
        double loss = 0;
        boolean f = narrow != null;
        for (int l = 0; l < layers; l++) {
            INDArray in = l == 0 ? input : activation[l - 1];
            Nd4j.gemm(in, weight[l], linear[l], false, false, 1.0, 0.0);
            int c = widths[l + 1];
            int n = batch * c;
            fetch(linear[l], n, work);
            if (l < layers - 1) {
                batchNormRelu(l, c, updateRunningStatistics);
                store(work, n, activation[l]);
            } else {
                double[] bias = outputBiasValue;
                double scale = 2.0 / n;
                double[] biasGrad = new double[c];
                for (int i = 0; i < batch; i++) {
                    for (int k = 0; k < c; k++) {
                        int j = i * c + k;
                        double e = (f ? narrow[j] : work[j]) + bias[k] - x[j];
                        loss += e * e;
                        double g = scale * e;
                        if (f) {
                            narrow[j] = (float) g;
                        } else {
                            work[j] = g;
                        }
                        biasGrad[k] += g;
                    }
                }
                loss /= n;
                store(work, n, linearGrad[l]);
                System.arraycopy(biasGrad, 0, outputBiasGrad, 0, c);
            }
        }
        return loss;
    }

    /**
     * Batch norm on batch statistics then ReLU, from the linear output (as fetched: in
     * {@code narrow} with a FLOAT engine, else in {@code work}) to the activation, in place
     * there. Only the normalised values are kept for the backward pass, which recomputes the
     * ReLU's output from them (the same expression, the same bits): with these arrays larger
     * than the cache, every array not written is time saved.
     */
    private void batchNormRelu(int l, int c, boolean updateRunningStatistics) {
        boolean f = narrow != null;
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int i = 0; i < batch; i++) {
            for (int k = 0; k < c; k++) {
                int j = i * c + k;
                mean[k] += f ? narrow[j] : work[j];
            }
        }
        for (int k = 0; k < c; k++) {
            mean[k] /= batch;
        }
        for (int i = 0; i < batch; i++) {
            for (int k = 0; k < c; k++) {
                int j = i * c + k;
                double d = (f ? narrow[j] : work[j]) - mean[k];
                var[k] += d * d;
            }
        }
        double[] inv = invStd[l];
        for (int k = 0; k < c; k++) {
            var[k] /= batch;
            inv[k] = 1.0 / Math.sqrt(var[k] + BN_EPS);
        }
        double[] g = gammaValue[l];
        double[] b = betaValue[l];
        double[] xh = normalised[l];
        for (int i = 0; i < batch; i++) {
            for (int k = 0; k < c; k++) {
                int j = i * c + k;
                double h = ((f ? narrow[j] : work[j]) - mean[k]) * inv[k];
                xh[j] = h;
                double out = relu(g[k] * h + b[k]);
                if (f) {
                    narrow[j] = (float) out;
                } else {
                    work[j] = out;
                }
            }
        }
        if (updateRunningStatistics) {
            double unbiased = batch / (batch - 1.0);
            for (int k = 0; k < c; k++) {
                runningMean[l][k] = (1 - BN_MOMENTUM) * runningMean[l][k] + BN_MOMENTUM * mean[k];
                runningVar[l][k] = (1 - BN_MOMENTUM) * runningVar[l][k] + BN_MOMENTUM * var[k] * unbiased;
            }
        }
    }

    private void backward() {
        for (int l = layers - 1; l >= 0; l--) {
            if (l < layers - 1) {
                batchNormReluBackward(l);
            }
            INDArray in = l == 0 ? input : activation[l - 1];
            Nd4j.gemm(in, linearGrad[l], weightGradNative[l], true, false, 1.0, 0.0);
            DenseArrays.read(weightGradNative[l], 0, weightGrad[l], 0, weightGrad[l].length);
            if (l > 0) {
                Nd4j.gemm(linearGrad[l], weight[l], inputGrad[l], false, true, 1.0, 0.0);
            }
        }
    }

    /**
     * From dL/d(relu output) (in inputGrad[l + 1]) to dL/d(linear output) (into linearGrad[l]):
     * {@code dz = gamma inv / n (n gy - sum gy - xhat sum(gy xhat))}, gy = upstream gradient
     * where the ReLU passed, plus dL/dgamma = sum(gy xhat) and dL/dbeta = sum(gy).
     */
    private void batchNormReluBackward(int l) {
        boolean f = narrow != null;
        int c = widths[l + 1];
        int n = batch * c;
        fetch(inputGrad[l + 1], n, work);
        double[] g = gammaValue[l];
        double[] b = betaValue[l];
        double[] xh = normalised[l];
        double[] sumG = new double[c];
        double[] sumGx = new double[c];
        for (int i = 0; i < batch; i++) {
            for (int k = 0; k < c; k++) {
                int j = i * c + k;
                double gy = passed(f ? narrow[j] : work[j], g[k] * xh[j] + b[k]);
                work[j] = gy;
                sumG[k] += gy;
                sumGx[k] += gy * xh[j];
            }
        }
        double[] factor = new double[c];
        for (int k = 0; k < c; k++) {
            factor[k] = gammaValue[l][k] * invStd[l][k] / batch;
        }
        for (int i = 0; i < batch; i++) {
            for (int k = 0; k < c; k++) {
                int j = i * c + k;
                double z = factor[k] * (batch * work[j] - sumG[k] - xh[j] * sumGx[k]);
                if (f) {
                    narrow[j] = (float) z;
                } else {
                    work[j] = z;
                }
            }
        }
        store(work, n, linearGrad[l]);
        System.arraycopy(sumGx, 0, gammaGrad[l], 0, c);
        System.arraycopy(sumG, 0, betaGrad[l], 0, c);
    }

    /**
     * {@code max(pre, 0)} by clearing a negative number's bits (a sign-bit mask): the same bits
     * as {@code Math.max(pre, 0.0)} for every value but a NaN with its sign bit set (-0 gives +0),
     * and a third faster in this loop.
     */
    private static double relu(double pre) {
        long bits = Double.doubleToRawLongBits(pre);
        return Double.longBitsToDouble(bits & ~(bits >> 63));
    }

    /**
     * The upstream gradient where the ReLU passed ({@code pre > 0}: as a signed integer its bits
     * are positive), else 0; computed without a branch, which the random sign pattern would
     * mispredict, and without {@code Math.max}.
     */
    private static double passed(double upstream, double pre) {
        long bits = Double.doubleToRawLongBits(pre);
        return upstream * ((-bits >>> 63) & ~(bits >>> 63));
    }

    /** The first n values of a dense native array: into {@code narrow} (FLOAT) or {@code target} (DOUBLE). */
    private void fetch(INDArray source, int n, double[] target) {
        if (narrow != null) {
            source.data().asNioFloat().get(narrow, 0, n);
        } else {
            source.data().asNioDouble().get(target, 0, n);
        }
    }

    /** The first n values into a dense native array: from {@code narrow} (FLOAT) or {@code source} (DOUBLE). */
    private void store(double[] source, int n, INDArray target) {
        if (narrow != null) {
            target.data().asNioFloat().put(narrow, 0, n);
        } else {
            target.data().asNioDouble().put(source, 0, n);
        }
    }

    private void addParameter(double[] value, double[] gradient) {
        parameters.add(value);
        gradients.add(gradient);
        adamM.add(new double[value.length]);
        adamV.add(new double[value.length]);
    }

    @Override
    public void close() {
        List<INDArray> all = new ArrayList<>();
        all.add(input);
        for (int l = 0; l < layers; l++) {
            all.add(weight[l]);
            all.add(weightGradNative[l]);
            all.add(linear[l]);
            all.add(linearGrad[l]);
            all.add(activation[l]);
            all.add(inputGrad[l]);
        }
        all.forEach(DenseArrays::close);
    }
}
