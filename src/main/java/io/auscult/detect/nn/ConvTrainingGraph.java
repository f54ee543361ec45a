package io.auscult.detect.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The backbone as a SameDiff graph in training mode: batch norm with the batch's statistics
 * (biased variance, as PyTorch normalises), trainable weights, Adam. The running statistics
 * that inference uses are tracked here in Java from each batch's mean and variance, with
 * PyTorch's momentum 0.1 and its unbiased variance ({@code n / (n - 1)}).
 *
 * <p>Placeholders as in {@link ConvInferenceGraph} (NHWC, {@code (batch, mels, frames, 1)}):
 * {@value ConvInferenceGraph#X}, for the MAE {@value ConvInferenceGraph#MASK}, and
 * {@value ConvInferenceGraph#LOSS_WEIGHT}, the weight of each bin in the loss
 * {@code sum(lossWeight * (x - r)^2)} (1 / bins of the batch for the AE, mask / hidden bins of
 * the batch for the MAE: the mean squared error over the bins that count).
 *
 * <p>Batch norm works on the activation viewed as {@code (n, channels)}, n = batch x rows x
 * columns, and uses matrix products instead of broadcasting (SameDiff's backprop of a
 * broadcasting multiply is 37 ms per 2 M floats, measured; a reduce_mean over three axes 2.7 ms):
 * the means are {@code (1/n ... 1/n) . h}, the per-channel scale and shift are materialised to
 * the full shape as outer products {@code ones(n, 1) . scale(1, channels)}; their backprop is
 * again matrix products. The shapes are therefore fixed: every step has exactly {@code batch}
 * examples of {@code mels x frames}. The variance is {@code E[h^2] - E[h]^2}, one pass fewer
 * than centring first; conv outputs here are O(1) with |mean| of the order of the spread, far
 * from cancellation.
 */
final class ConvTrainingGraph implements AutoCloseable {

    static final double MOMENTUM = 0.1;
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double ADAM_EPSILON = 1e-8;

    private final SameDiff sd = SameDiff.create();
    private final DataType dataType;
    private final ConvDataFormat format = ConvDataFormat.NHWC;
    private final boolean masked;
    private final int levels;
    private final double eps;
    private final List<Layer> layers = new ArrayList<>();
    private final List<String> trainable = new ArrayList<>();
    private final Map<String, INDArray[]> adamState = new HashMap<>();
    private final ConvSessionMemory memory = new ConvSessionMemory();
    private boolean gradientBuilt;
    private int iteration;

    /** One layer's names and its running statistics (Java side, double). */
    private static final class Layer {
        final String name;
        final boolean transposed;
        final int in;
        final int out;
        final double[] runningMean;
        final double[] runningVar;

        Layer(String name, ConvLayerWeights w) {
            this.name = name;
            this.transposed = w.transposed();
            this.in = w.inChannels();
            this.out = w.outChannels();
            ConvBatchNorm bn = w.batchNorm();
            this.runningMean = bn == null ? null : bn.runningMean();
            this.runningVar = bn == null ? null : bn.runningVar();
        }

        boolean hasBatchNorm() {
            return runningMean != null;
        }
    }

    private final int batch;
    private final int mels;
    private final int frames;

    /**
     * @param batch  examples per step (every step has exactly this many)
     * @param mels   rows of each example
     * @param frames columns of each example (a multiple of 2^levels)
     */
    ConvTrainingGraph(ConvBackboneWeights initial, DataType dataType, int batch, int mels, int frames) {
        this.batch = batch;
        this.mels = mels;
        this.frames = frames;
        ConvArrays.requireSupported(dataType);
        this.dataType = dataType;
        this.masked = initial.inputChannels() == 2;
        this.levels = initial.levels();
        this.eps = initial.encoder().get(0).batchNorm().eps();
        long[] oneChannel = format.oneChannel(-1, -1, -1);
        SDVariable x = sd.placeHolder(ConvInferenceGraph.X, dataType, oneChannel);
        SDVariable h = x;
        if (masked) {
            SDVariable mask = sd.placeHolder(ConvInferenceGraph.MASK, dataType, oneChannel);
            h = sd.concat(ConvInferenceGraph.PASS_INPUT, format.channelAxis(), x.mul(mask.rsub(1.0)), mask);
        }
        List<String> names = initial.layerNames();
        List<ConvLayerWeights> weights = initial.layers();
        for (int k = 0; k < weights.size(); k++) {
            ConvLayerWeights w = weights.get(k);
            Layer layer = new Layer(names.get(k), w);
            layers.add(layer);
            SDVariable weight = variable(layer.name + ".w", w.graphWeight(false), graphShape(w));
            SDVariable bias = variable(layer.name + ".b", w.bias(), w.outChannels());
            boolean last = k == weights.size() - 1;
            h = w.transposed()
                    ? ConvLayers.transposedConv(sd, format, last ? ConvInferenceGraph.RECONSTRUCTION
                            : ConvInferenceGraph.preActivation(layer.name), h, weight, bias)
                    : ConvLayers.conv(sd, format, ConvInferenceGraph.preActivation(layer.name), h, weight, bias);
            if (layer.hasBatchNorm()) {
                h = ConvLayers.relu(sd, layer.name, batchNorm(layer, h, w.batchNorm()));
            }
        }
        SDVariable diff = x.sub(h);
        SDVariable lossWeight = sd.placeHolder(ConvInferenceGraph.LOSS_WEIGHT, dataType, oneChannel);
        diff.mul(diff).mul(lossWeight).sum(ConvInferenceGraph.LOSS);
        sd.setLossVariables(ConvInferenceGraph.LOSS);
        sd.setListeners(new ConvHelperPolicy("enc1.w", "dec" + levels + ".w", !masked, true));
    }

    private static long[] graphShape(ConvLayerWeights w) {
        long k = ConvLayerWeights.KERNEL;
        return w.transposed() ? new long[] {k, k, w.outChannels(), w.inChannels()}
                : new long[] {k, k, w.inChannels(), w.outChannels()};
    }

    private SDVariable variable(String name, double[] values, long... shape) {
        trainable.add(name);
        return sd.var(name, ConvArrays.create(dataType, values, shape));
    }

    /**
     * {@code y = h * scale + shift} with {@code scale = gamma / sqrt(var + eps)} and
     * {@code shift = beta - mean * scale}, mean and biased variance over batch, rows and columns.
     */
    private SDVariable batchNorm(Layer layer, SDVariable h, ConvBatchNorm bn) {
        String p = layer.name + ".bn.";
        SDVariable gamma = variable(layer.name + ".gamma", bn.gamma(), layer.out);
        SDVariable beta = variable(layer.name + ".beta", bn.beta(), layer.out);
        int level = layers.size() <= levels ? layers.size() : 2 * levels - layers.size();
        long rows = mels >> level;
        long cols = frames >> level;
        long n = batch * rows * cols;
        SDVariable average = sd.constant(p + "average", Nd4j.valueArrayOf(new long[] {1, n}, 1.0 / n, dataType));
        SDVariable ones = sd.constant(p + "ones", Nd4j.ones(dataType, n, 1));
        SDVariable h2 = h.reshape(n, layer.out);
        SDVariable mean = average.mmul(p + "mean", h2);
        SDVariable var = average.mmul(h2.mul(h2)).sub(p + "var", mean.mul(mean));
        SDVariable scale = gamma.reshape(1, layer.out).mul(var.add(eps).pow(-0.5));
        SDVariable shift = beta.reshape(1, layer.out).sub(mean.mul(scale));
        SDVariable y = h2.mul(ones.mmul(scale)).add(ones.mmul(shift));
        return sd.reshape(p + "out", y, batch, rows, cols, layer.out);
    }

    /**
     * One Adam step on a batch; returns the batch loss. The batch's statistics update the running
     * mean and variance.
     */
    double step(Map<String, INDArray> placeholders, double learningRate) {
        return lossAndGradients(placeholders, r -> update(r, placeholders, learningRate));
    }

    private double update(OutAndGrad r, Map<String, INDArray> placeholders, double learningRate) {
        double loss = r.getOutputs().get(ConvInferenceGraph.LOSS).getDouble(0);
        long[] shape = placeholders.get(ConvInferenceGraph.X).shape();
        for (Layer l : layers) {
            if (l.hasBatchNorm()) {
                double[] mean = ConvArrays.toDoubles(r.getOutputs().get(l.name + ".bn.mean"));
                double[] var = ConvArrays.toDoubles(r.getOutputs().get(l.name + ".bn.var"));
                updateRunning(l, mean, var, shape);
            }
        }
        for (String name : trainable) {
            INDArray g = r.getGradients().get(name);
            INDArray[] state = adamState.computeIfAbsent(name, n -> new INDArray[] {
                    Nd4j.zeros(dataType, g.shape()), Nd4j.zeros(dataType, g.shape())});
            // In place: the gradient becomes the update, the states advance.
            Nd4j.exec(new AdamUpdater(g, state[0], state[1], learningRate, BETA1, BETA2, ADAM_EPSILON, iteration));
            sd.getVariable(name).getArr().subi(g);
        }
        iteration++;
        return loss;
    }

    /**
     * The loss, each batch-norm layer's batch mean and biased variance ({@code encN.bn.mean},
     * {@code encN.bn.var}, ...) and d loss / d parameter for every trainable variable; no update.
     */
    <T> T lossAndGradients(Map<String, INDArray> placeholders, Function<OutAndGrad, T> read) {
        if (!gradientBuilt) {
            QuietNd4j.run(() -> sd.createGradFunction(ConvInferenceGraph.X));
            gradientBuilt = true;
        }
        List<String> outputs = new ArrayList<>();
        outputs.add(ConvInferenceGraph.LOSS);
        for (Layer l : layers) {
            if (l.hasBatchNorm()) {
                outputs.add(l.name + ".bn.mean");
                outputs.add(l.name + ".bn.var");
            }
        }
        memory.attach(sd);
        try {
            return read.apply(sd.calculateGradientsAndOutputs(placeholders, outputs, trainable));
        } finally {
            memory.endCall();
        }
    }

    /** Names of the trainable variables: encN.w, encN.b, encN.gamma, encN.beta, ..., in graph layout. */
    List<String> trainableNames() {
        return List.copyOf(trainable);
    }

    /** The current value of a trainable variable (the graph's own array: do not close). */
    INDArray parameter(String name) {
        return sd.getVariable(name).getArr();
    }

    /** Forward in training mode (batch statistics), the named outputs. */
    <T> T output(Map<String, INDArray> placeholders, List<String> outputs, Function<Map<String, INDArray>, T> read) {
        memory.attach(sd);
        try {
            return read.apply(sd.output(placeholders, outputs));
        } finally {
            memory.endCall();
        }
    }

    /** PyTorch's running statistics: momentum 0.1, unbiased variance of the batch. */
    private void updateRunning(Layer l, double[] mean, double[] biasedVar, long[] inputShape) {
        // Elements per channel: batch x rows x columns of this layer's output.
        int depth = layers.indexOf(l);
        int level = depth < levels ? depth + 1 : 2 * levels - depth - 1;
        long n = inputShape[0] * (inputShape[1] >> level) * (inputShape[2] >> level);
        double unbias = n > 1 ? n / (n - 1.0) : 1.0;
        for (int c = 0; c < mean.length; c++) {
            l.runningMean[c] = (1 - MOMENTUM) * l.runningMean[c] + MOMENTUM * mean[c];
            l.runningVar[c] = (1 - MOMENTUM) * l.runningVar[c] + MOMENTUM * biasedVar[c] * unbias;
        }
    }

    /** The current weights with the running statistics (PyTorch layout, batch norm not folded). */
    ConvBackboneWeights weights() {
        List<ConvLayerWeights> enc = new ArrayList<>();
        List<ConvLayerWeights> dec = new ArrayList<>();
        for (Layer l : layers) {
            double[] w = ConvArrays.toDoubles(sd.getVariable(l.name + ".w").getArr());
            double[] b = ConvArrays.toDoubles(sd.getVariable(l.name + ".b").getArr());
            ConvBatchNorm bn = null;
            if (l.hasBatchNorm()) {
                bn = new ConvBatchNorm(ConvArrays.toDoubles(sd.getVariable(l.name + ".gamma").getArr()),
                        ConvArrays.toDoubles(sd.getVariable(l.name + ".beta").getArr()), l.runningMean, l.runningVar,
                        eps);
            }
            ConvLayerWeights layer = ConvLayerWeights.fromGraphLayout(l.transposed, l.in, l.out, w, b, bn);
            (l.transposed ? dec : enc).add(layer);
        }
        return new ConvBackboneWeights(enc, dec);
    }

    DataType dataType() {
        return dataType;
    }

    ConvDataFormat format() {
        return format;
    }

    @Override
    public void close() {
        memory.close();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.CONSTANT || v.getVariableType() == VariableType.VARIABLE) {
                ConvArrays.close(v.getArr());
            }
        }
        for (INDArray[] s : adamState.values()) {
            ConvArrays.close(s[0]);
            ConvArrays.close(s[1]);
        }
    }
}
