package io.auscult.proxy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The conv encoder's parameters: per level a 3 x 3, stride 2, padding 1 convolution (the AE's
 * encoder layers, {@code [kh, kw, in, out]} layout) followed by ReLU. The embedding is the mean
 * over time and frequency of the last level, so its dimension is the last width.
 *
 * @param widths  channels per level, input side first
 * @param weights per level, {@code 9 * in * out} values in {@code [kh][kw][in][out]} order
 * @param biases  per level, {@code out} values
 */
public record EncoderWeights(List<Integer> widths, List<float[]> weights, List<float[]> biases) {

    private static final int MAGIC = 0x41505845; // "APXE": Auscult proxy encoder

    public EncoderWeights {
        widths = List.copyOf(widths);
        weights = List.copyOf(weights);
        biases = List.copyOf(biases);
        if (widths.isEmpty() || weights.size() != widths.size() || biases.size() != widths.size()) {
            throw new IllegalArgumentException("need one weight and bias array per width, widths " + widths);
        }
        for (int k = 0; k < widths.size(); k++) {
            int in = k == 0 ? 1 : widths.get(k - 1);
            if (weights.get(k).length != 9 * in * widths.get(k) || biases.get(k).length != widths.get(k)) {
                throw new IllegalArgumentException("level " + (k + 1) + " has the wrong number of parameters");
            }
        }
    }

    /** He-uniform initial weights (bound √(6 / fan-in), right for ReLU), zero biases, from a seed. */
    public static EncoderWeights initial(List<Integer> widths, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (int k = 0; k < widths.size(); k++) {
            int in = k == 0 ? 1 : widths.get(k - 1);
            w.add(heUniform(random, 9 * in, 9 * in * widths.get(k)));
            b.add(new float[widths.get(k)]);
        }
        return new EncoderWeights(widths, w, b);
    }

    static float[] heUniform(SplittableRandom random, int fanIn, int count) {
        double bound = Math.sqrt(6.0 / fanIn);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        return out;
    }

    public int levels() {
        return widths.size();
    }

    /** Dimension of the pooled embedding: the last level's width. */
    public int embeddingDimension() {
        return widths.get(widths.size() - 1);
    }

    /** Frames and mels must be multiples of this (each level halves them). */
    public int sizeMultiple() {
        return 1 << widths.size();
    }

    public void write(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(widths.size());
        for (int w : widths) {
            d.writeInt(w);
        }
        for (int k = 0; k < widths.size(); k++) {
            for (float v : weights.get(k)) {
                d.writeFloat(v);
            }
            for (float v : biases.get(k)) {
                d.writeFloat(v);
            }
        }
        d.flush();
    }

    public static EncoderWeights read(InputStream in, String source) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (d.readInt() != MAGIC) {
            throw new IOException(source + " is not an Auscult proxy encoder file (wrong magic number)");
        }
        int levels = d.readInt();
        if (levels < 1 || levels > 8) {
            throw new IOException(source + ": implausible number of levels " + levels);
        }
        List<Integer> widths = new ArrayList<>();
        for (int k = 0; k < levels; k++) {
            int w = d.readInt();
            if (w < 1 || w > 4096) {
                throw new IOException(source + ": implausible width " + w);
            }
            widths.add(w);
        }
        List<float[]> w = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (int k = 0; k < levels; k++) {
            int inputs = k == 0 ? 1 : widths.get(k - 1);
            float[] wk = new float[9 * inputs * widths.get(k)];
            for (int i = 0; i < wk.length; i++) {
                wk[i] = d.readFloat();
            }
            float[] bk = new float[widths.get(k)];
            for (int i = 0; i < bk.length; i++) {
                bk[i] = d.readFloat();
            }
            w.add(wk);
            b.add(bk);
        }
        return new EncoderWeights(widths, w, b);
    }
}
