package io.auscult.proxy;

import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.detect.nn.ConvBatchNorm;
import io.auscult.detect.nn.ConvLayerWeights;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's conv encoder: the conv AE's encoder layers exactly (per level Conv2d k3 s2 p1 +
 * BatchNorm2d + ReLU, {@link ConvLayerWeights} in PyTorch's layout with their batch norm), so a
 * reconstruction model of the lab is the detector's AE and its encoder the same backbone the
 * other tasks train. The embedding is the mean over time and frequency of the last level, so its
 * dimension is the last width.
 *
 * @param layers per level, input side first; the first takes 1 channel
 */
public record EncoderWeights(List<ConvLayerWeights> layers) {

    private static final int MAGIC = 0x41505842; // "APXB": Auscult proxy encoder with batch norm
    private static final int OLD_MAGIC = 0x41505845; // "APXE": the first format, without batch norm

    public EncoderWeights {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an encoder needs at least one level");
        }
        for (int k = 0; k < layers.size(); k++) {
            ConvLayerWeights l = layers.get(k);
            int in = k == 0 ? 1 : layers.get(k - 1).outChannels();
            if (l.transposed() || l.batchNorm() == null || l.inChannels() != in) {
                throw new IllegalArgumentException("level " + (k + 1) + " must be a convolution with batch norm from "
                        + in + " channels, not " + l);
            }
        }
    }

    /** The AE's initial encoder (PyTorch's default initialisation, batch norm at identity) from a seed. */
    public static EncoderWeights initial(List<Integer> widths, long seed) {
        return new EncoderWeights(ConvBackboneWeights.initial(1, widths, seed).encoder());
    }

    /** Channels per level, input side first. */
    public List<Integer> widths() {
        return layers.stream().map(ConvLayerWeights::outChannels).toList();
    }

    public int levels() {
        return layers.size();
    }

    /** Dimension of the pooled embedding: the last level's width. */
    public int embeddingDimension() {
        return layers.get(layers.size() - 1).outChannels();
    }

    /** Frames and mels must be multiples of this (each level halves them). */
    public int sizeMultiple() {
        return 1 << layers.size();
    }

    public void write(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(layers.size());
        for (ConvLayerWeights l : layers) {
            d.writeInt(l.outChannels());
        }
        for (ConvLayerWeights l : layers) {
            ConvBatchNorm bn = l.batchNorm();
            writeFloats(d, l.weight());
            writeFloats(d, l.bias());
            writeFloats(d, bn.gamma());
            writeFloats(d, bn.beta());
            writeFloats(d, bn.runningMean());
            writeFloats(d, bn.runningVar());
            d.writeDouble(bn.eps());
        }
        d.flush();
    }

    public static EncoderWeights read(InputStream in, String source) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int magic = d.readInt();
        if (magic == OLD_MAGIC) {
            throw new IOException(source + " is an encoder of the first format, without batch norm; train it again "
                    + "with 'auscult proxy pretrain'");
        }
        if (magic != MAGIC) {
            throw new IOException(source + " is not an Auscult proxy encoder file (wrong magic number)");
        }
        int levels = d.readInt();
        if (levels < 1 || levels > 8) {
            throw new IOException(source + ": implausible number of levels " + levels);
        }
        int[] widths = new int[levels];
        for (int k = 0; k < levels; k++) {
            widths[k] = d.readInt();
            if (widths[k] < 1 || widths[k] > 4096) {
                throw new IOException(source + ": implausible width " + widths[k]);
            }
        }
        List<ConvLayerWeights> layers = new ArrayList<>();
        try {
            for (int k = 0; k < levels; k++) {
                int inputs = k == 0 ? 1 : widths[k - 1];
                int out = widths[k];
                double[] w = readFloats(d, 9 * inputs * out);
                double[] b = readFloats(d, out);
                ConvBatchNorm bn = new ConvBatchNorm(readFloats(d, out), readFloats(d, out), readFloats(d, out),
                        readFloats(d, out), d.readDouble());
                layers.add(new ConvLayerWeights(false, inputs, out, w, b, bn));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        return new EncoderWeights(layers);
    }

    private static void writeFloats(DataOutputStream d, double[] values) throws IOException {
        for (double v : values) {
            d.writeFloat((float) v);
        }
    }

    private static double[] readFloats(DataInputStream d, int n) throws IOException {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = d.readFloat();
        }
        return v;
    }
}
