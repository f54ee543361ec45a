package io.auscult.detect.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dense autoencoder as a SameDiff graph in inference mode, on a batch of windows
 * ({@code n x windowSize}, one window per row, frame-major inside).
 *
 * <p>Layer outputs are named after the PyTorch modules of the fixtures: {@code fcN.linear}
 * ({@code x W^T + b}), {@code fcN.bn} (only for layers whose batch norm is not folded),
 * {@code fcN.relu}. With folded weights {@code fcN.linear} is already PyTorch's {@code fcN.bn}.
 * Production graphs are built from folded weights, so they contain only matrix products, bias
 * adds and ReLUs: no broadcasting ops (BENCHMARKS.md, "The engine").
 *
 * <p>The score graph: {@code loss = sum(lossWeights * (reconstruction - windows)^2)}, with
 * {@code lossWeights} a placeholder of the windows' full shape (a same-shape product, not a
 * broadcast), so one batch can hold windows of several recordings, each weighted by
 * {@code 1 / (its recording's windows * windowSize)}: the gradient of the loss with respect to
 * a window is then exactly that window's share of its own recording's score gradient.
 */
final class DenseInferenceGraph implements AutoCloseable {

    static final String INPUT = "windows";
    static final String LOSS_WEIGHTS = "lossWeights";
    private static final String LOSS = "loss";

    private final SameDiff sd = SameDiff.create();
    private final DataType dataType;
    private final int windowSize;
    private final String reconstructionName;
    private final List<String> layerOutputs = new ArrayList<>();
    private boolean gradientBuilt;

    DenseInferenceGraph(DenseAutoencoderWeights weights, DataType dataType) {
        DenseArrays.requireSupported(dataType);
        this.dataType = dataType;
        this.windowSize = weights.windowSize();
        SDVariable windows = sd.placeHolder(INPUT, dataType, -1, windowSize);
        SDVariable h = windows;
        for (int l = 0; l < weights.layers().size(); l++) {
            DenseLayer layer = weights.layers().get(l);
            String p = "fc" + (l + 1) + ".";
            SDVariable w = sd.constant(p + "weight", transposedWeight(layer));
            SDVariable b = sd.constant(p + "bias", vector(layer.bias()));
            // Not sd.nn.linear: its xw_plus_b op gives wrong float32 results once SameDiff's array
            // cache hands it a reused output buffer (M2.1 with oneDNN; measured on the fixture).
            h = sd.nn.biasAdd(p + "linear", h.mmul(w), b, false);
            layerOutputs.add(h.name());
            if (layer.batchNorm() != null) {
                // Unfolded batch norm, written out (the batchNorm op's gradient fails in M2.1).
                DenseBatchNorm bn = layer.batchNorm();
                double[] scale = new double[bn.size()];
                for (int o = 0; o < scale.length; o++) {
                    scale[o] = bn.scale(o);
                }
                h = h.sub(sd.constant(p + "bn.mean", vector(bn.runningMean())))
                        .mul(sd.constant(p + "bn.scale", vector(scale)))
                        .add(p + "bn", sd.constant(p + "bn.beta", vector(bn.beta())));
                layerOutputs.add(h.name());
            }
            if (layer.relu()) {
                h = sd.nn.relu(p + "relu", h, 0);
                layerOutputs.add(h.name());
            }
        }
        reconstructionName = h.name();
        SDVariable error = h.sub(windows);
        SDVariable lossWeights = sd.placeHolder(LOSS_WEIGHTS, dataType, -1, windowSize);
        error.mul(error).mul(lossWeights).sum(LOSS);
        sd.setLossVariables(LOSS);
    }

    int windowSize() {
        return windowSize;
    }

    DataType dataType() {
        return dataType;
    }

    /** Names of every layer output, input side first. */
    List<String> layerOutputs() {
        return List.copyOf(layerOutputs);
    }

    /** The reconstruction of each window, {@code n x windowSize}. */
    INDArray reconstruct(INDArray windows) {
        return sd.outputSingle(Map.of(INPUT, windows), reconstructionName);
    }

    /** The named layer outputs for a batch of windows. */
    Map<String, INDArray> activations(INDArray windows, List<String> names) {
        return sd.output(Map.of(INPUT, windows), names.toArray(String[]::new));
    }

    /** Reconstruction and the gradient of the weighted loss with respect to the windows. */
    ReconstructionAndGradient scoreGradient(INDArray windows, INDArray lossWeights) {
        if (!gradientBuilt) {
            // The only place SameDiff prints: its gradient function is built once per graph.
            QuietNd4j.run(() -> sd.createGradFunction(INPUT));
            gradientBuilt = true;
        }
        Map<String, INDArray> placeholders = new HashMap<>();
        placeholders.put(INPUT, windows);
        placeholders.put(LOSS_WEIGHTS, lossWeights);
        OutAndGrad result = sd.calculateGradientsAndOutputs(placeholders, List.of(reconstructionName), List.of(INPUT));
        return new ReconstructionAndGradient(result.getOutputs().get(reconstructionName),
                result.getGradients().get(INPUT));
    }

    /** The two arrays of one score-gradient batch; the caller closes them. */
    record ReconstructionAndGradient(INDArray reconstruction, INDArray gradient) {
    }

    @Override
    public void close() {
        for (SDVariable v : sd.variables()) {
            if (v.isConstant() || v.getVariableType() == VariableType.VARIABLE) {
                DenseArrays.close(v.getArr());
            }
        }
    }

    /** PyTorch's {@code [out, in]} as the {@code [in, out]} that {@code x W + b} multiplies. */
    private INDArray transposedWeight(DenseLayer layer) {
        INDArray array = DenseArrays.create(dataType, layer.inputs(), layer.outputs());
        DenseArrays.write(layer.weightInputMajor(), array);
        return array;
    }

    private INDArray vector(double[] values) {
        INDArray array = Nd4j.create(dataType, new long[] {values.length}, 'c');
        DenseArrays.write(values, array);
        return array;
    }
}
