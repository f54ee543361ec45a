package io.auscult.proxy;

import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.detect.nn.ConvBatchNorm;
import io.auscult.detect.nn.ConvLayerWeights;
import io.auscult.detect.nn.QuietNd4j;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One proxy task as a SameDiff graph: the conv AE's encoder (per level Conv2d k3 s2 p1 +
 * BatchNorm2d + ReLU), the embedding (mean over time and frequency of the last level) and the
 * task's head and loss, trained with Adam.
 *
 * <ul>
 *   <li>reconstruction: the AE's decoder (ConvTranspose2d k3 s2 p1 op1 + BatchNorm2d + ReLU, the
 *       last without either), loss mean squared error: the model is the detector's conv AE;</li>
 *   <li>separation: the same decoder producing mask logits, mask = sigmoid, loss mean squared error
 *       between the masked mixture magnitude and the target magnitude (per crop normalised);</li>
 *   <li>classification: a linear layer to the class logits, loss cross-entropy;</li>
 *   <li>contrastive: a linear projection, L2 normalised, cosine similarities / temperature with the
 *       self-similarity masked out, loss NT-Xent (cross-entropy towards the other view).</li>
 * </ul>
 *
 * <p>The network is built twice over the same variables. The training branch normalises with the
 * batch's statistics (mean and biased variance over batch, rows and columns, as PyTorch does in
 * training) and feeds the loss; it also outputs each layer's batch statistics
 * ({@code encN.bn.mean}, {@code encN.bn.var}). The inference branch normalises with the running
 * statistics and gives {@link #EMBEDDING} and {@link #OUTPUT}, so an embedding never depends on
 * which clips share its batch. The running statistics are set by {@link #recalibrate} at each
 * checkpoint from the batch statistics of many training batches ("precise" batch norm): the lab
 * evaluates after a few epochs, too few steps for PyTorch's moving average (momentum 0.1) to
 * settle. A frozen encoder uses its running statistics in both branches.
 *
 * <p>In the training branch the per-channel scale and shift are materialised to the activation's
 * shape before they multiply ({@code zerosLike(h).add(scale)}): SameDiff's backprop of a
 * broadcasting multiply is very slow (BENCHMARKS.md). Placeholders are NHWC
 * {@code (batch, mels, frames, 1)} with free batch and frames, so one graph trains on crops and
 * embeds whole clips.
 */
final class ProxyGraph implements AutoCloseable {

    static final String X = "x";
    static final String TARGET = "target";
    static final String SELF_MASK = "selfMask";
    static final String MIXTURE = "mixture";
    static final String EMBEDDING = "embedding";
    static final String OUTPUT = "output";
    static final String LOSS = "loss";

    /** NT-Xent temperature (SimCLR's common choice for small batches). */
    static final double TEMPERATURE = 0.2;
    static final int PROJECTION = 32;

    /** One conv or transposed-conv layer's variables and, with batch norm, its running statistics (Java side). */
    private static final class Layer {
        final String name;
        final boolean transposed;
        final int in;
        final int out;
        final double eps;
        SDVariable w;
        SDVariable b;
        SDVariable gamma;
        SDVariable beta;
        SDVariable runningMean;
        SDVariable runningVar;
        double[] mean;
        double[] var;

        Layer(String name, ConvLayerWeights weights) {
            this.name = name;
            this.transposed = weights.transposed();
            this.in = weights.inChannels();
            this.out = weights.outChannels();
            ConvBatchNorm bn = weights.batchNorm();
            this.eps = bn == null ? 0 : bn.eps();
            if (bn != null) {
                mean = bn.runningMean();
                var = bn.runningVar();
            }
        }

        boolean hasBatchNorm() {
            return mean != null;
        }
    }

    private final SameDiff sd = SameDiff.create();
    private final ProxyTaskKind kind;
    private final boolean trainEncoder;
    private final List<Layer> encoder = new ArrayList<>();
    private final List<Layer> decoder = new ArrayList<>();
    private final List<String> trainable = new ArrayList<>();
    private final Map<String, INDArray[]> adamState = new HashMap<>();
    private boolean gradientBuilt;
    private int iteration;

    /**
     * @param encoder   the encoder's starting weights
     * @param outputs   classes for classification (ignored otherwise)
     * @param seed      initialises the head and decoder
     * @param trainEncoder false freezes the encoder (only the head learns)
     */
    ProxyGraph(ProxyTaskKind kind, EncoderWeights encoder, int mels, int outputs, long seed, boolean trainEncoder) {
        this.kind = kind;
        this.trainEncoder = trainEncoder;
        SplittableRandom random = new SplittableRandom(seed ^ 0x7F4A7C159E3779B9L);
        SDVariable x = sd.placeHolder(X, DataType.FLOAT, -1, mels, -1, 1);
        for (int k = 0; k < encoder.levels(); k++) {
            this.encoder.add(layer("enc" + (k + 1), encoder.layers().get(k), trainEncoder));
        }
        if (kind == ProxyTaskKind.RECONSTRUCTION || kind == ProxyTaskKind.SEPARATION) {
            // The AE's initial decoder from the same seed as a detector's (PyTorch's initialisation).
            List<ConvLayerWeights> dec = ConvBackboneWeights.initial(1, encoder.widths(), seed).decoder();
            for (int k = 0; k < dec.size(); k++) {
                decoder.add(layer("dec" + (k + 1), dec.get(k), true));
            }
        }
        SDVariable hTrain = x;
        SDVariable hEval = x;
        for (Layer l : this.encoder) {
            hTrain = relu(batchNorm(l, conv(l, hTrain), trainEncoder));
            hEval = relu(batchNorm(l, conv(l, hEval), false));
        }
        int dim = encoder.embeddingDimension();
        SDVariable embTrain = hTrain.mean(1, 2);
        SDVariable embedding = hEval.mean(EMBEDDING, 1, 2);
        switch (kind) {
            case RECONSTRUCTION, SEPARATION -> {
                SDVariable outTrain = decode(hTrain, true);
                SDVariable outEval = decode(hEval, false);
                if (kind == ProxyTaskKind.RECONSTRUCTION) {
                    sd.identity(OUTPUT, outEval);
                    SDVariable d = x.sub(outTrain);
                    d.mul(d).mean(LOSS);
                } else {
                    // Magnitude-approximation loss: the masked mixture against the target magnitude
                    // (both divided by the crop's RMS mixture magnitude), so loud bins count as much as
                    // they do in SI-SDR; a plain mask MSE weighs silent bins equally and did not learn.
                    sd.nn().sigmoid(OUTPUT, outEval);
                    SDVariable mask = sd.nn().sigmoid(outTrain);
                    SDVariable mixture = sd.placeHolder(MIXTURE, DataType.FLOAT, -1, mels, -1, 1);
                    SDVariable target = sd.placeHolder(TARGET, DataType.FLOAT, -1, mels, -1, 1);
                    SDVariable d = mask.mul(mixture).sub(target);
                    d.mul(d).mean(LOSS);
                }
            }
            case CLASSIFICATION -> {
                SDVariable w = variable("head.w", heUniform(random, dim, dim * outputs), true, dim, outputs);
                SDVariable b = variable("head.b", new double[outputs], true, 1, outputs);
                logSoftmax(OUTPUT, embedding.mmul(w).add(b));
                SDVariable logp = logSoftmax(null, embTrain.mmul(w).add(b));
                SDVariable target = sd.placeHolder(TARGET, DataType.FLOAT, -1, outputs);
                logp.mul(target).sum(1).mean().neg(LOSS);
            }
            case CONTRASTIVE -> {
                SDVariable w = variable("head.w", heUniform(random, dim, dim * PROJECTION), true, dim, PROJECTION);
                SDVariable b = variable("head.b", new double[PROJECTION], true, 1, PROJECTION);
                project(OUTPUT, embedding, w, b);
                SDVariable zn = project(null, embTrain, w, b);
                SDVariable sim = sd.mmul(zn, zn, false, true, false).mul(1.0 / TEMPERATURE);
                SDVariable self = sd.placeHolder(SELF_MASK, DataType.FLOAT, -1, -1);
                SDVariable logp = logSoftmax(null, sim.add(self));
                SDVariable target = sd.placeHolder(TARGET, DataType.FLOAT, -1, -1);
                logp.mul(target).sum(1).mean().neg(LOSS);
            }
            case PRETRAINED -> {
                // the frozen encoder alone: embeddings, no head, no loss
            }
        }
        if (kind.trains()) {
            sd.setLossVariables(LOSS);
        }
    }

    private Layer layer(String name, ConvLayerWeights weights, boolean train) {
        Layer l = new Layer(name, weights);
        long k = ConvLayerWeights.KERNEL;
        long[] shape = l.transposed ? new long[] {k, k, l.out, l.in} : new long[] {k, k, l.in, l.out};
        l.w = variable(name + ".w", weights.graphWeight(false), train, shape);
        l.b = variable(name + ".b", weights.bias(), train, l.out);
        ConvBatchNorm bn = weights.batchNorm();
        if (bn != null) {
            l.gamma = variable(name + ".gamma", bn.gamma(), train, l.out);
            l.beta = variable(name + ".beta", bn.beta(), train, l.out);
            l.runningMean = sd.constant(name + ".rmean", floats(bn.runningMean(), l.out));
            l.runningVar = sd.constant(name + ".rvar", floats(bn.runningVar(), l.out));
        }
        return l;
    }

    private SDVariable conv(Layer l, SDVariable h) {
        if (!l.transposed) {
            Conv2DConfig conv = Conv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(1).pW(1).dH(1).dW(1)
                    .paddingMode(PaddingMode.VALID).dataFormat("NHWC").weightsFormat(WeightsFormat.YXIO).build();
            return sd.cnn().conv2d(h, l.w, l.b, conv);
        }
        DeConv2DConfig deconv = DeConv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(0).pW(0).dH(1).dW(1)
                .isSameMode(false).dataFormat("NHWC").build();
        SDVariable full = sd.cnn().deconv2d(h, l.w, l.b, deconv);
        // PyTorch's ConvTranspose2d(k3, s2, p1, output_padding 1): the full (2n + 1) output without
        // its first row and column.
        return sd.stridedSlice(full, new long[] {0, 1, 1, 0}, new long[] {0, 0, 0, 0}, new long[] {1, 1, 1, 1},
                0b1001, 0b1111, 0, 0, 0);
    }

    /**
     * Batch norm: with {@code batchStatistics}, the batch's mean and biased variance over batch,
     * rows and columns (also output as {@code NAME.bn.mean} and {@code NAME.bn.var}); otherwise the
     * running statistics. Layers without batch norm pass through.
     */
    private SDVariable batchNorm(Layer l, SDVariable h, boolean batchStatistics) {
        if (!l.hasBatchNorm()) {
            return h;
        }
        if (!batchStatistics) {
            SDVariable scale = l.gamma.mul(l.runningVar.add(l.eps).pow(-0.5));
            SDVariable shift = l.beta.sub(l.runningMean.mul(scale));
            return h.mul(scale).add(shift);
        }
        SDVariable mean = h.mean(l.name + ".bn.mean", 0, 1, 2);
        SDVariable var = h.mul(h).mean(0, 1, 2).sub(l.name + ".bn.var", mean.mul(mean));
        SDVariable scale = l.gamma.mul(var.add(l.eps).pow(-0.5));
        SDVariable shift = l.beta.sub(mean.mul(scale));
        SDVariable zeros = sd.zerosLike(h);
        return h.mul(zeros.add(scale)).add(zeros.add(shift));
    }

    /** The decoder over an encoder output; ReLU after every layer but the last. */
    private SDVariable decode(SDVariable h, boolean batchStatistics) {
        for (int k = 0; k < decoder.size(); k++) {
            Layer l = decoder.get(k);
            h = batchNorm(l, conv(l, h), batchStatistics);
            if (k < decoder.size() - 1) {
                h = relu(h);
            }
        }
        return h;
    }

    /** Linear projection, L2-normalised per row. */
    private SDVariable project(String name, SDVariable embedding, SDVariable w, SDVariable b) {
        SDVariable z = embedding.mmul(w).add(b);
        SDVariable norm = z.mul(z).sum(true, 1).add(1e-8).pow(0.5);
        return name == null ? z.div(norm) : z.div(name, norm);
    }

    /**
     * Row-wise log-softmax written out as {@code x − max − log Σ exp(x − max)}: libnd4j's takes
     * log(softmax), which is log(0) = −∞ once a probability underflows (a masked diagonal, a
     * confident classifier), and −∞ times a target of 0 makes the loss NaN.
     */
    private SDVariable logSoftmax(String name, SDVariable x) {
        SDVariable shifted = x.sub(x.max(true, 1));
        SDVariable lse = sd.math().log(sd.math().exp(shifted).sum(true, 1));
        return name == null ? shifted.sub(lse) : shifted.sub(name, lse);
    }

    /** ReLU as h · step(h): same values and derivative, and a much faster backprop in SameDiff (measured in detect.nn). */
    private SDVariable relu(SDVariable h) {
        return h.mul(sd.math().step(h, 0.0));
    }

    private SDVariable variable(String name, double[] values, boolean train, long... shape) {
        INDArray a = Nd4j.create(toFloats(values), shape, 'c');
        if (train) {
            trainable.add(name);
            return sd.var(name, a);
        }
        return sd.constant(name, a);
    }

    private static INDArray floats(double[] values, long length) {
        return Nd4j.create(toFloats(values), new long[] {length}, 'c');
    }

    /** He-uniform (bound √(6 / fan-in), right for ReLU) for the heads. */
    private static double[] heUniform(SplittableRandom random, int fanIn, int count) {
        double bound = Math.sqrt(6.0 / fanIn);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        return out;
    }

    ProxyTaskKind kind() {
        return kind;
    }

    /** One Adam step; returns the batch loss. */
    double step(Map<String, INDArray> placeholders, double learningRate) {
        OutAndGrad r = lossAndGradients(placeholders);
        double loss = r.getOutputs().get(LOSS).getDouble(0);
        for (String name : trainable) {
            INDArray g = r.getGradients().get(name);
            INDArray[] state = adamState.computeIfAbsent(name, n -> new INDArray[] {
                    Nd4j.zeros(DataType.FLOAT, g.shape()), Nd4j.zeros(DataType.FLOAT, g.shape())});
            Nd4j.exec(new AdamUpdater(g, state[0], state[1], learningRate, 0.9, 0.999, 1e-8, iteration));
            sd.getVariable(name).getArr().subi(g);
        }
        iteration++;
        return loss;
    }

    /** The training loss and d loss / d variable for every trainable variable (by name); no update. */
    OutAndGrad lossAndGradients(Map<String, INDArray> placeholders) {
        if (!gradientBuilt) {
            QuietNd4j.run(() -> sd.createGradFunction(X));
            gradientBuilt = true;
        }
        return sd.calculateGradientsAndOutputs(placeholders, List.of(LOSS), trainable);
    }

    /** A variable's array, live (tests perturb it for finite differences). */
    INDArray array(String name) {
        return sd.getVariable(name).getArr();
    }

    /** Forward pass: the named outputs. */
    Map<String, INDArray> output(Map<String, INDArray> placeholders, String... outputs) {
        return sd.output(placeholders, outputs);
    }

    /**
     * Sets every batch norm's running statistics from the training branch's batch statistics over
     * the given input batches: the mean of the batch means, and the mean of the batch variances made
     * unbiased ({@code n / (n - 1)}, as PyTorch keeps its running variance). Does nothing for a frozen
     * encoder, whose statistics are its own.
     */
    void recalibrate(List<INDArray> batches) {
        if (!trainEncoder || batches.isEmpty()) {
            return;
        }
        List<Layer> normed = new ArrayList<>(encoder);
        normed.addAll(decoder);
        normed.removeIf(l -> !l.hasBatchNorm());
        List<String> names = new ArrayList<>();
        for (Layer l : normed) {
            names.add(l.name + ".bn.mean");
            names.add(l.name + ".bn.var");
        }
        double[][] sumMean = new double[normed.size()][];
        double[][] sumVar = new double[normed.size()][];
        for (INDArray x : batches) {
            Map<String, INDArray> out = sd.output(Map.of(X, x), names.toArray(String[]::new));
            for (int i = 0; i < normed.size(); i++) {
                Layer l = normed.get(i);
                INDArray mean = out.get(l.name + ".bn.mean");
                INDArray var = out.get(l.name + ".bn.var");
                // elements per channel: batch x rows x columns of this layer's output
                long rows = x.size(1);
                long cols = x.size(2);
                for (int k = 0; k < levelOf(l); k++) {
                    rows = (rows + 1) / 2;
                    cols = (cols + 1) / 2;
                }
                double n = (double) x.size(0) * rows * cols;
                double unbias = n > 1 ? n / (n - 1) : 1;
                if (sumMean[i] == null) {
                    sumMean[i] = new double[l.out];
                    sumVar[i] = new double[l.out];
                }
                for (int c = 0; c < l.out; c++) {
                    sumMean[i][c] += mean.getDouble(c);
                    sumVar[i][c] += Math.max(0, var.getDouble(c)) * unbias;
                }
            }
        }
        for (int i = 0; i < normed.size(); i++) {
            Layer l = normed.get(i);
            for (int c = 0; c < l.out; c++) {
                l.mean[c] = sumMean[i][c] / batches.size();
                l.var[c] = sumVar[i][c] / batches.size();
            }
            l.runningMean.getArr().assign(floats(l.mean, l.out));
            l.runningVar.getArr().assign(floats(l.var, l.out));
        }
    }

    /** Spatial halvings before a layer's output: k for encoder level k, levels − k for decoder layer k. */
    private int levelOf(Layer l) {
        int e = encoder.indexOf(l);
        return e >= 0 ? e + 1 : encoder.size() - (decoder.indexOf(l) + 1);
    }

    /** The encoder's current weights with its running statistics (PyTorch layout). */
    EncoderWeights encoderWeights() {
        return new EncoderWeights(encoder.stream().map(this::weightsOf).toList());
    }

    /** A reconstruction model's whole network: exactly the detector's conv AE (encoder and decoder). */
    ConvBackboneWeights autoencoderWeights() {
        if (kind != ProxyTaskKind.RECONSTRUCTION) {
            throw new IllegalStateException("only the reconstruction task is an autoencoder, not " + kind);
        }
        return new ConvBackboneWeights(encoder.stream().map(this::weightsOf).toList(),
                decoder.stream().map(this::weightsOf).toList());
    }

    private ConvLayerWeights weightsOf(Layer l) {
        ConvBatchNorm bn = !l.hasBatchNorm() ? null
                : new ConvBatchNorm(doubles(l.gamma), doubles(l.beta), l.mean, l.var, l.eps);
        return ConvLayerWeights.fromGraphLayout(l.transposed, l.in, l.out, doubles(l.w), doubles(l.b), bn);
    }

    private static double[] doubles(SDVariable v) {
        return v.getArr().dup('c').data().asDouble();
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** Frees the native arrays now rather than when Java collects (weights, constants, Adam state). */
    @Override
    public void close() {
        for (INDArray[] s : adamState.values()) {
            s[0].close();
            s[1].close();
        }
        adamState.clear();
        for (SDVariable v : sd.variables()) {
            if ((v.getVariableType() == VariableType.VARIABLE || v.getVariableType() == VariableType.CONSTANT)
                    && v.getArr() != null && v.getArr().closeable()) {
                v.getArr().close();
            }
        }
    }
}
