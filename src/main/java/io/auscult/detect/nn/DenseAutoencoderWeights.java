package io.auscult.detect.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The architecture and weights of a DCASE dense autoencoder: {@code contextFrames} consecutive
 * log-mel frames of {@code mels} bands, stacked frame-major ({@code j * mels + m} = band m of the
 * window's frame j), through fully connected layers back to the same size. Every layer but the
 * last has ReLU (and, until folded, batch norm); the last is linear.
 *
 * @param mels          bands per frame
 * @param contextFrames frames per window (5 in the DCASE baseline)
 * @param layers        the layers, input first
 */
public record DenseAutoencoderWeights(int mels, int contextFrames, List<DenseLayer> layers) {

    /** "AUSD" (Auscult dense): the first four bytes of {@link #write}'s format. */
    private static final int MAGIC = 0x41555344;
    private static final int FORMAT_VERSION = 1;
    /** A sanity bound for sizes read from a file: far above any sensible layer, far below a crash. */
    private static final int MAX_SIZE = 1 << 16;

    public DenseAutoencoderWeights {
        Objects.requireNonNull(layers, "layers");
        layers = List.copyOf(layers);
        if (mels <= 0 || contextFrames <= 0) {
            throw new IllegalArgumentException("mels and context frames must be positive, not " + mels + " and "
                    + contextFrames);
        }
        if (layers.size() < 2) {
            throw new IllegalArgumentException("an autoencoder needs at least 2 layers, not " + layers.size());
        }
        int width = mels * contextFrames;
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            if (layer.inputs() != width) {
                throw new IllegalArgumentException("layer " + (l + 1) + " takes " + layer.inputs()
                        + " inputs but receives " + width);
            }
            boolean last = l == layers.size() - 1;
            if (last && (layer.relu() || layer.batchNorm() != null)) {
                throw new IllegalArgumentException("the output layer must be linear (no batch norm, no ReLU)");
            }
            if (!last && !layer.relu()) {
                throw new IllegalArgumentException("hidden layer " + (l + 1) + " must have a ReLU");
            }
            width = layer.outputs();
        }
        if (width != mels * contextFrames) {
            throw new IllegalArgumentException("the output layer gives " + width + " values, not the "
                    + mels * contextFrames + " of a window");
        }
    }

    /** Values per window: {@code mels * contextFrames}. */
    public int windowSize() {
        return mels * contextFrames;
    }

    /** The same network with every batch norm folded into its layer's weights. */
    public DenseAutoencoderWeights foldedBatchNorm() {
        return new DenseAutoencoderWeights(mels, contextFrames, layers.stream().map(DenseLayer::foldedBatchNorm).toList());
    }

    /**
     * Reads a PyTorch state dict of the DCASE baseline as the maintainers' fixtures write it:
     * {@code fc1.linear.weight} ([out, in]), {@code fc1.linear.bias}, {@code fc1.bn.weight}
     * (gamma), {@code fc1.bn.bias} (beta), {@code fc1.bn.running_mean}, {@code fc1.bn.running_var},
     * then fc2, ... up to the last {@code fcN.linear} without batch norm. Layers with batch norm
     * get a ReLU, as in the baseline.
     *
     * @param tensors       flattened tensors by name (row-major)
     * @param bnEps         the batch norms' eps (PyTorch's default is 1e-5)
     * @param contextFrames frames per window; the bands are the first layer's inputs divided by it
     */
    public static DenseAutoencoderWeights fromStateDict(Map<String, double[]> tensors, double bnEps,
            int contextFrames) {
        List<DenseLayer> layers = new ArrayList<>();
        for (int n = 1; tensors.containsKey("fc" + n + ".linear.weight"); n++) {
            String p = "fc" + n + ".";
            double[] weight = tensors.get(p + "linear.weight");
            double[] bias = require(tensors, p + "linear.bias");
            if (bias.length == 0 || weight.length % bias.length != 0) {
                throw new IllegalArgumentException(p + "linear.weight has " + weight.length
                        + " entries, not a multiple of the " + bias.length + " outputs of its bias");
            }
            DenseBatchNorm bn = null;
            if (tensors.containsKey(p + "bn.weight")) {
                bn = new DenseBatchNorm(tensors.get(p + "bn.weight"), require(tensors, p + "bn.bias"),
                        require(tensors, p + "bn.running_mean"), require(tensors, p + "bn.running_var"), bnEps);
            }
            layers.add(new DenseLayer(weight.length / bias.length, bias.length, weight, bias, bn, bn != null));
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no fc1.linear.weight: not a dense autoencoder state dict");
        }
        int inputs = layers.get(0).inputs();
        if (inputs % contextFrames != 0) {
            throw new IllegalArgumentException("the first layer's " + inputs + " inputs are not " + contextFrames
                    + " frames of equal size");
        }
        return new DenseAutoencoderWeights(inputs / contextFrames, contextFrames, layers);
    }

    private static double[] require(Map<String, double[]> tensors, String name) {
        double[] t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the state dict has no " + name);
        }
        return t;
    }

    /** Writes the architecture and weights (doubles, big-endian); {@link #read} gives them back exactly. */
    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(FORMAT_VERSION);
        data.writeInt(mels);
        data.writeInt(contextFrames);
        data.writeInt(layers.size());
        for (DenseLayer layer : layers) {
            data.writeInt(layer.inputs());
            data.writeInt(layer.outputs());
            data.writeBoolean(layer.relu());
            data.writeBoolean(layer.batchNorm() != null);
            writeDoubles(data, layer.weight());
            writeDoubles(data, layer.bias());
            if (layer.batchNorm() != null) {
                DenseBatchNorm bn = layer.batchNorm();
                data.writeDouble(bn.eps());
                writeDoubles(data, bn.gamma());
                writeDoubles(data, bn.beta());
                writeDoubles(data, bn.runningMean());
                writeDoubles(data, bn.runningVar());
            }
        }
        data.flush();
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IOException if the stream is not such a file, is of a newer format, is truncated or
     *                     describes an impossible network; the message says which
     */
    public static DenseAutoencoderWeights read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            if (data.readInt() != MAGIC) {
                throw new IOException("not a dense autoencoder: the data does not start with its signature");
            }
            int version = data.readInt();
            if (version != FORMAT_VERSION) {
                throw new IOException("dense autoencoder format version " + version + " is not supported (this "
                        + "version of Auscult reads version " + FORMAT_VERSION + ")");
            }
            int mels = size(data.readInt(), "mels");
            int context = size(data.readInt(), "context frames");
            int count = size(data.readInt(), "layers");
            List<DenseLayer> layers = new ArrayList<>(count);
            for (int l = 0; l < count; l++) {
                int inputs = size(data.readInt(), "layer inputs");
                int outputs = size(data.readInt(), "layer outputs");
                boolean relu = data.readBoolean();
                boolean hasBn = data.readBoolean();
                double[] weight = readDoubles(data, (long) inputs * outputs);
                double[] bias = readDoubles(data, outputs);
                DenseBatchNorm bn = null;
                if (hasBn) {
                    double eps = data.readDouble();
                    bn = new DenseBatchNorm(readDoubles(data, outputs), readDoubles(data, outputs),
                            readDoubles(data, outputs), readDoubles(data, outputs), eps);
                }
                layers.add(new DenseLayer(inputs, outputs, weight, bias, bn, relu));
            }
            return new DenseAutoencoderWeights(mels, context, layers);
        } catch (EOFException e) {
            throw new IOException("the dense autoencoder data is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("the dense autoencoder data describes an impossible network: " + e.getMessage(), e);
        }
    }

    private static int size(int value, String what) throws IOException {
        if (value <= 0 || value > MAX_SIZE) {
            throw new IOException("the dense autoencoder data gives " + value + " " + what
                    + ", outside 1.." + MAX_SIZE);
        }
        return value;
    }

    /** One bulk write per array (big-endian, as DataOutputStream): the caller's stream may be unbuffered. */
    private static void writeDoubles(DataOutputStream data, double[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES);
        bytes.asDoubleBuffer().put(values);
        data.write(bytes.array());
    }

    /** Reads exactly n doubles, never more: data after the network belongs to the caller. */
    private static double[] readDoubles(DataInputStream data, long n) throws IOException {
        if (n * Double.BYTES > Integer.MAX_VALUE - 8) {
            throw new IOException("the dense autoencoder data gives a layer of " + n + " weights, more than fit in memory");
        }
        byte[] bytes = new byte[(int) n * Double.BYTES];
        data.readFully(bytes);
        double[] values = new double[(int) n];
        ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
        return values;
    }
}
