package io.auscult.proxy;

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
 * One proxy task as a SameDiff graph: the shared conv encoder (per level Conv2d k3 s2 p1 + ReLU,
 * the AE's encoder layers), the embedding (mean over time and frequency of the last level) and
 * the task's head and loss, trained with Adam.
 *
 * <ul>
 *   <li>reconstruction: the mirrored decoder (ConvTranspose2d k3 s2 p1 op1 + ReLU, the last
 *       without), loss mean squared error;</li>
 *   <li>separation: the same decoder producing mask logits, mask = sigmoid, loss mean squared error
 *       between the masked mixture magnitude and the target magnitude (per crop normalised);</li>
 *   <li>classification: a linear layer to the class logits, loss cross-entropy;</li>
 *   <li>contrastive: a linear projection, L2 normalised, cosine similarities / temperature with the
 *       self-similarity masked out, loss NT-Xent (cross-entropy towards the other view).</li>
 * </ul>
 *
 * <p>Unlike the detectors' backbone there is no batch norm: with it, inference needs running
 * statistics and SameDiff's batch norm backprop needs the careful formulation of
 * detect.nn.ConvTrainingGraph; without it every task trains with the same simple graph, which is
 * what the comparison needs. Placeholders are NHWC {@code (batch, mels, frames, 1)} with free
 * batch and frames, so one graph trains on crops and embeds whole clips.
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

    private final SameDiff sd = SameDiff.create();
    private final ProxyTaskKind kind;
    private final List<Integer> widths;
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
        this.widths = encoder.widths();
        SplittableRandom random = new SplittableRandom(seed ^ 0x7F4A7C159E3779B9L);
        SDVariable x = sd.placeHolder(X, DataType.FLOAT, -1, mels, -1, 1);
        SDVariable h = x;
        Conv2DConfig conv = Conv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(1).pW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NHWC").weightsFormat(WeightsFormat.YXIO).build();
        for (int k = 0; k < widths.size(); k++) {
            int in = k == 0 ? 1 : widths.get(k - 1);
            int out = widths.get(k);
            SDVariable w = variable("enc" + (k + 1) + ".w", encoder.weights().get(k), trainEncoder, 3, 3, in, out);
            SDVariable b = variable("enc" + (k + 1) + ".b", encoder.biases().get(k), trainEncoder, out);
            h = relu(sd.cnn().conv2d("enc" + (k + 1), h, w, b, conv));
        }
        int dim = widths.get(widths.size() - 1);
        SDVariable embedding = h.mean(EMBEDDING, 1, 2);
        switch (kind) {
            case RECONSTRUCTION, SEPARATION -> {
                SDVariable out = decoder(h, random);
                if (kind == ProxyTaskKind.RECONSTRUCTION) {
                    SDVariable y = sd.identity(OUTPUT, out);
                    SDVariable d = x.sub(y);
                    d.mul(d).mean(LOSS);
                } else {
                    // Magnitude-approximation loss: the masked mixture against the target magnitude
                    // (both divided by the crop's RMS mixture magnitude), so loud bins count as much as
                    // they do in SI-SDR; a plain mask MSE weighs silent bins equally and did not learn.
                    SDVariable mask = sd.nn().sigmoid(OUTPUT, out);
                    SDVariable mixture = sd.placeHolder(MIXTURE, DataType.FLOAT, -1, mels, -1, 1);
                    SDVariable target = sd.placeHolder(TARGET, DataType.FLOAT, -1, mels, -1, 1);
                    SDVariable d = mask.mul(mixture).sub(target);
                    d.mul(d).mean(LOSS);
                }
            }
            case CLASSIFICATION -> {
                SDVariable w = variable("head.w", EncoderWeights.heUniform(random, dim, dim * outputs), true, dim,
                        outputs);
                SDVariable b = variable("head.b", new float[outputs], true, 1, outputs);
                SDVariable logp = logSoftmax(OUTPUT, embedding.mmul(w).add(b));
                SDVariable target = sd.placeHolder(TARGET, DataType.FLOAT, -1, outputs);
                logp.mul(target).sum(1).mean().neg(LOSS);
            }
            case CONTRASTIVE -> {
                SDVariable w = variable("head.w", EncoderWeights.heUniform(random, dim, dim * PROJECTION), true, dim,
                        PROJECTION);
                SDVariable b = variable("head.b", new float[PROJECTION], true, 1, PROJECTION);
                SDVariable z = embedding.mmul(w).add(b);
                SDVariable norm = z.mul(z).sum(true, 1).add(1e-8).pow(0.5);
                SDVariable zn = z.div(OUTPUT, norm);
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

    /** Mirrored transposed convs back to one channel at the input's size (the AE's decoder, no batch norm). */
    private SDVariable decoder(SDVariable h, SplittableRandom random) {
        DeConv2DConfig deconv = DeConv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(0).pW(0).dH(1).dW(1)
                .isSameMode(false).dataFormat("NHWC").build();
        for (int k = widths.size() - 1; k >= 0; k--) {
            int in = widths.get(k);
            int out = k == 0 ? 1 : widths.get(k - 1);
            String name = "dec" + (widths.size() - k);
            SDVariable w = variable(name + ".w", EncoderWeights.heUniform(random, 9 * in, 9 * in * out), true, 3, 3,
                    out, in);
            SDVariable b = variable(name + ".b", new float[out], true, out);
            SDVariable full = sd.cnn().deconv2d(name + ".full", h, w, b, deconv);
            // PyTorch's ConvTranspose2d(k3, s2, p1, output_padding 1): the full (2n + 1) output without
            // its first row and column.
            h = sd.stridedSlice(name, full, new long[] {0, 1, 1, 0}, new long[] {0, 0, 0, 0},
                    new long[] {1, 1, 1, 1}, 0b1001, 0b1111, 0, 0, 0);
            if (k > 0) {
                h = relu(h);
            }
        }
        return h;
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

    private SDVariable variable(String name, float[] values, boolean train, long... shape) {
        INDArray a = Nd4j.create(values, shape, 'c');
        if (train) {
            trainable.add(name);
            return sd.var(name, a);
        }
        return sd.constant(name, a);
    }

    ProxyTaskKind kind() {
        return kind;
    }

    /** One Adam step; returns the batch loss. */
    double step(Map<String, INDArray> placeholders, double learningRate) {
        if (!gradientBuilt) {
            QuietNd4j.run(() -> sd.createGradFunction(X));
            gradientBuilt = true;
        }
        OutAndGrad r = sd.calculateGradientsAndOutputs(placeholders, List.of(LOSS), trainable);
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

    /** Forward pass: the named outputs. */
    Map<String, INDArray> output(Map<String, INDArray> placeholders, String... outputs) {
        return sd.output(placeholders, outputs);
    }

    /** The encoder's current weights (for the pretrained encoder file). */
    EncoderWeights encoderWeights() {
        List<float[]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (int k = 1; k <= widths.size(); k++) {
            w.add(sd.getVariable("enc" + k + ".w").getArr().dup().data().asFloat());
            b.add(sd.getVariable("enc" + k + ".b").getArr().dup().data().asFloat());
        }
        return new EncoderWeights(widths, w, b);
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
