package io.auscult.detect.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The backbone as a SameDiff graph in inference mode, batch norm folded into the convolutions
 * (exact in inference; it leaves no broadcasting op, whose backprop is SameDiff's slowest part:
 * BENCHMARKS.md, "The engine").
 *
 * <p>Layout: the encoder runs NHWC, the decoder NCHW (oneDNN's convolutions are 1.5-4x faster in
 * NHWC, its transposed convolutions as fast or up to 25 % faster in NCHW, measured with ND4J 1.0.0-M2.1 on this
 * machine); one permute between them. Placeholders, all {@code (batch, mels, frames, 1)} (the
 * same memory as {@code (batch, 1, mels, frames)}), mels as rows:
 * <ul>
 * <li>{@value #X}: the input;</li>
 * <li>{@value #MASK} (MAE graphs only): 1 where a bin is hidden; the network sees two channels,
 * {@code x * (1 - mask)} and {@code mask};</li>
 * <li>{@value #LOSS_WEIGHT}: each bin's weight in its example's score (1 / real bins, 0 on
 * padding; for the MAE also 0 where the pass does not hide the bin).</li>
 * </ul>
 * Outputs: block outputs {@code enc1 .. encL}, {@code dec1 .. dec(L-1)} (after the ReLU; their
 * pre-activations {@code encN.conv}, {@code decN.deconv} are, with batch norm folded, PyTorch's
 * batch-norm outputs),
 * {@value #RECONSTRUCTION}, {@value #ERROR_MAP} ({@code (x - r)^2}), {@value #SCORE}
 * ({@code sum(lossWeight * errorMap)} per example) and {@value #LOSS} (their sum, the
 * differentiated variable: examples are independent, so d loss / dx is each example's own
 * gradient).
 */
final class ConvInferenceGraph implements AutoCloseable {

    static final String X = "x";
    static final String MASK = "mask";
    static final String LOSS_WEIGHT = "lossWeight";
    /** MAE graphs: what the network sees, {@code (batch, mels, frames, 2)} (NHWC). */
    static final String PASS_INPUT = "pass_input";
    static final String RECONSTRUCTION = "reconstruction";
    static final String ERROR_MAP = "error_map";
    static final String SCORE = "score";
    static final String LOSS = "loss";

    private final SameDiff sd = SameDiff.create();
    private final DataType dataType;
    private final ConvDataFormat format;
    private final ConvDataFormat decoderFormat;
    private final boolean masked;
    private final int levels;
    private final ConvSessionMemory memory = new ConvSessionMemory();
    private boolean gradientBuilt;

    /** Encoder NHWC, decoder NCHW: the faster oneDNN layout for each (BENCHMARKS-style measurement, see class doc). */
    ConvInferenceGraph(ConvBackboneWeights weights, DataType dataType) {
        this(weights, dataType, ConvDataFormat.NHWC, ConvDataFormat.NCHW);
    }

    ConvInferenceGraph(ConvBackboneWeights weights, DataType dataType, ConvDataFormat format,
                       ConvDataFormat decoderFormat) {
        ConvArrays.requireSupported(dataType);
        this.dataType = dataType;
        this.format = format;
        this.decoderFormat = decoderFormat;
        this.masked = weights.inputChannels() == 2;
        this.levels = weights.levels();
        long[] oneChannel = format.oneChannel(-1, -1, -1);
        SDVariable x = sd.placeHolder(X, dataType, oneChannel);
        SDVariable h = x;
        if (masked) {
            SDVariable mask = sd.placeHolder(MASK, dataType, oneChannel);
            h = sd.concat(PASS_INPUT, format.channelAxis(), x.mul(mask.rsub(1.0)), mask);
        }
        for (int l = 0; l < levels; l++) {
            String name = "enc" + (l + 1);
            SDVariable[] wb = constants(name, weights.encoder().get(l));
            h = ConvLayers.conv(sd, format, preActivation(name), h, wb[0], wb[1]);
            h = ConvLayers.relu(sd, name, h);
        }
        if (decoderFormat != format) {
            h = format == ConvDataFormat.NHWC ? sd.permute(h, 0, 3, 1, 2) : sd.permute(h, 0, 2, 3, 1);
        }
        for (int l = 0; l < levels; l++) {
            String name = "dec" + (l + 1);
            boolean last = l == levels - 1;
            SDVariable[] wb = constants(name, weights.decoder().get(l));
            h = ConvLayers.transposedConv(sd, decoderFormat, preActivation(name), h, wb[0], wb[1]);
            if (!last) {
                h = ConvLayers.relu(sd, name, h);
            }
        }
        // One channel: (batch, 1, mels, frames) and (batch, mels, frames, 1) are the same memory.
        SDVariable reconstruction = decoderFormat == format ? sd.identity(RECONSTRUCTION, h)
                : sd.reshape(RECONSTRUCTION, h, sd.shape(x));
        SDVariable diff = x.sub(reconstruction);
        SDVariable error = diff.mul(ERROR_MAP, diff);
        SDVariable lossWeight = sd.placeHolder(LOSS_WEIGHT, dataType, oneChannel);
        SDVariable score = error.mul(lossWeight).sum(SCORE, 1, 2, 3);
        score.sum(LOSS);
        sd.setLossVariables(LOSS);
        sd.setListeners(new ConvHelperPolicy("enc1.w", "dec" + levels + ".w", !masked, false));
    }

    private SDVariable[] constants(String name, ConvLayerWeights layer) {
        long k = ConvLayerWeights.KERNEL;
        long[] shape = layer.transposed()
                ? new long[] {k, k, layer.outChannels(), layer.inChannels()}
                : new long[] {k, k, layer.inChannels(), layer.outChannels()};
        return new SDVariable[] {
                sd.constant(name + ".w", ConvArrays.create(dataType, layer.graphWeight(true), shape)),
                sd.constant(name + ".b", ConvArrays.create(dataType, layer.graphBias(true), layer.outChannels()))};
    }

    DataType dataType() {
        return dataType;
    }

    ConvDataFormat format() {
        return format;
    }

    /** A named activation of this graph as {@code (batch, channels, rows, columns)} (a view where it is NHWC). */
    INDArray nchw(String name, INDArray activation) {
        ConvDataFormat f = name.startsWith("dec") ? decoderFormat : format;
        return f == ConvDataFormat.NHWC ? activation.permute(0, 3, 1, 2) : activation;
    }

    boolean masked() {
        return masked;
    }

    /** Block output names, input side first: enc1 .. encL, dec1 .. dec(L-1). */
    List<String> blockNames() {
        List<String> names = new ArrayList<>();
        for (int l = 1; l <= levels; l++) {
            names.add("enc" + l);
        }
        for (int l = 1; l < levels; l++) {
            names.add("dec" + l);
        }
        return names;
    }

    /** The name of a block's output before its ReLU (with batch norm folded: after batch norm). */
    static String preActivation(String block) {
        return block + (block.startsWith("enc") ? ".conv" : ".deconv");
    }

    /**
     * Runs the graph and hands the named outputs to {@code read}; the arrays are only valid inside
     * {@code read} (they go back to the graph's memory pool afterwards: copy, never close them).
     */
    <T> T output(Map<String, INDArray> placeholders, Collection<String> outputs,
                 Function<Map<String, INDArray>, T> read) {
        memory.attach(sd);
        try {
            return read.apply(sd.output(placeholders, new ArrayList<>(outputs)));
        } finally {
            memory.endCall();
        }
    }

    /**
     * The named outputs and d loss / d variable for each of {@code gradientsOf} (placeholders or
     * block outputs), handed to {@code read}; valid only inside it, as for {@link #output}.
     */
    <T> T gradients(Map<String, INDArray> placeholders, Collection<String> outputs, Collection<String> gradientsOf,
                    Function<OutAndGrad, T> read) {
        if (!gradientBuilt) {
            // SameDiff prints one line per op while it builds the gradient function (once per graph).
            QuietNd4j.run(() -> sd.createGradFunction(X));
            gradientBuilt = true;
        }
        memory.attach(sd);
        try {
            return read.apply(sd.calculateGradientsAndOutputs(placeholders, outputs, gradientsOf));
        } finally {
            memory.endCall();
        }
    }

    /** Frees the working memory kept for the next call of the same size. */
    void releaseWorkingMemory() {
        memory.trim();
    }

    @Override
    public void close() {
        memory.close();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.CONSTANT || v.getVariableType() == VariableType.VARIABLE) {
                ConvArrays.close(v.getArr());
            }
        }
    }
}
