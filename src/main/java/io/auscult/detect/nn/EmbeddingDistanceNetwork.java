package io.auscult.detect.nn;

import io.auscult.detect.ScoreGradient;
import io.auscult.detect.ScoringNetwork;
import io.auscult.features.Spectrogram;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The proxy lab's Mahalanobis detector as a network: a conv encoder (the AE's encoder layers,
 * batch norm folded for inference, ReLU), its embedding (the mean over time and frequency of the
 * last level) and the squared Mahalanobis distance {@code (e − μ)ᵀ P (e − μ)} to the normal
 * training embeddings (mean μ, precision P: the inverse of a shrinkage covariance). The score is
 * differentiable in the input, so the gradient methods explain it; there is no reconstruction.
 *
 * <p>As in the lab, a clip is cut to a multiple of 2^levels frames (at most 2^levels − 1 frames
 * at its end are not seen; their gradient is 0), so the embedding is pooled over real frames only.
 * Examples are independent (inference batch norm), so the gradient of the summed scores is each
 * input's own gradient.
 */
public final class EmbeddingDistanceNetwork implements ScoringNetwork {

    public static final String KIND = "md";
    private static final int MAGIC = 0x414D444E; // "AMDN"
    private static final String X = "x";
    private static final String SCORE = "score";
    private static final String EMBEDDING = "embedding";
    private static final String LOSS = "loss";

    private final List<ConvLayerWeights> encoder;
    private final double[] mean;
    private final double[][] precision;
    private final int mels;
    private final SameDiff sd = SameDiff.create();
    private boolean gradientBuilt;

    /**
     * @param encoder   conv layers with batch norm, the first from 1 channel
     * @param mean      μ, one value per embedding dimension (the last layer's width)
     * @param precision P, symmetric positive definite, dimension × dimension
     */
    public EmbeddingDistanceNetwork(List<ConvLayerWeights> encoder, double[] mean, double[][] precision, int mels) {
        this.encoder = List.copyOf(encoder);
        if (this.encoder.isEmpty()) {
            throw new IllegalArgumentException("the encoder needs at least one layer");
        }
        int in = 1;
        for (ConvLayerWeights l : this.encoder) {
            if (l.transposed() || l.inChannels() != in || l.batchNorm() == null) {
                throw new IllegalArgumentException("encoder layers must be convolutions with batch norm, each taking "
                        + "the previous layer's channels; got " + l + " after " + in + " channels");
            }
            in = l.outChannels();
        }
        if (mean.length != in || precision.length != in) {
            throw new IllegalArgumentException("mean and precision must have the embedding's dimension " + in
                    + ", not " + mean.length + " and " + precision.length);
        }
        if (mels % (1 << this.encoder.size()) != 0) {
            throw new IllegalArgumentException(mels + " mel bands are not a multiple of 2^" + this.encoder.size());
        }
        this.mean = mean.clone();
        this.precision = new double[in][];
        for (int i = 0; i < in; i++) {
            if (precision[i].length != in) {
                throw new IllegalArgumentException("precision row " + i + " has " + precision[i].length + " values, not "
                        + in);
            }
            this.precision[i] = precision[i].clone();
        }
        this.mels = mels;
        build();
    }

    private void build() {
        SDVariable x = sd.placeHolder(X, DataType.FLOAT, -1, mels, -1, 1);
        SDVariable h = x;
        long k = ConvLayerWeights.KERNEL;
        for (int l = 0; l < encoder.size(); l++) {
            ConvLayerWeights w = encoder.get(l);
            String name = "enc" + (l + 1);
            SDVariable weight = sd.constant(name + ".w", ConvArrays.create(DataType.FLOAT, w.graphWeight(true), k, k,
                    w.inChannels(), w.outChannels()));
            SDVariable bias = sd.constant(name + ".b", ConvArrays.create(DataType.FLOAT, w.graphBias(true),
                    w.outChannels()));
            h = ConvLayers.relu(sd, name, ConvLayers.conv(sd, ConvDataFormat.NHWC, name + ".conv", h, weight, bias));
        }
        int d = mean.length;
        double[] flat = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(precision[i], 0, flat, i * d, d);
        }
        SDVariable mu = sd.constant("mu", ConvArrays.create(DataType.FLOAT, mean, 1, d));
        SDVariable p = sd.constant("precision", ConvArrays.create(DataType.FLOAT, flat, d, d));
        SDVariable centred = h.mean(EMBEDDING, 1, 2).sub(mu);
        SDVariable score = centred.mmul(p).mul(centred).sum(SCORE, 1);
        score.sum(LOSS);
        sd.setLossVariables(LOSS);
    }

    /**
     * The encoder alone, scoring the squared distance to the origin (μ = 0, P = I): what computes
     * the normal embeddings a detector's mean and precision are then fitted to.
     */
    public static EmbeddingDistanceNetwork encoderOnly(List<ConvLayerWeights> encoder, int mels) {
        int d = encoder.get(encoder.size() - 1).outChannels();
        double[][] identity = new double[d][d];
        for (int i = 0; i < d; i++) {
            identity[i][i] = 1;
        }
        return new EmbeddingDistanceNetwork(encoder, new double[d], identity, mels);
    }

    /** The pooled embedding of each input, one row each. */
    public synchronized double[][] embeddings(List<Spectrogram> inputs) {
        double[][] out = new double[inputs.size()][];
        for (int i = 0; i < out.length; i++) {
            try (INDArray x = input(inputs.get(i))) {
                out[i] = sd.output(Map.of(X, x), EMBEDDING).get(EMBEDDING).dup('c').data().asDouble();
            }
        }
        return out;
    }

    /** Frames the encoder sees of a clip of {@code frames}: the largest multiple of 2^levels. */
    public int usableFrames(int frames) {
        int multiple = 1 << encoder.size();
        int f = frames / multiple * multiple;
        if (f == 0) {
            throw new IllegalArgumentException("a clip of " + frames + " frames is shorter than the encoder's "
                    + multiple + "-frame stride");
        }
        return f;
    }

    private INDArray input(Spectrogram s) {
        if (s.mels() != mels) {
            throw new IllegalArgumentException("the input has " + s.mels() + " mel bands, the network expects " + mels);
        }
        int frames = usableFrames(s.frames());
        float[] nhwc = new float[mels * frames];
        float[] v = s.values();
        for (int f = 0; f < frames; f++) {
            for (int m = 0; m < mels; m++) {
                nhwc[m * frames + f] = v[f * mels + m];
            }
        }
        return ConvArrays.create(DataType.FLOAT, nhwc, 1, mels, frames, 1);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int mels() {
        return mels;
    }

    /** The embedding dimension. */
    public int dimension() {
        return mean.length;
    }

    @Override
    public synchronized double[] scores(List<Spectrogram> inputs) {
        double[] out = new double[inputs.size()];
        for (int i = 0; i < out.length; i++) {
            try (INDArray x = input(inputs.get(i))) {
                out[i] = sd.output(Map.of(X, x), SCORE).get(SCORE).getDouble(0);
            }
        }
        return out;
    }

    @Override
    public synchronized List<ScoreGradient> scoreGradients(List<Spectrogram> inputs) {
        if (!gradientBuilt) {
            QuietNd4j.run(() -> sd.createGradFunction(X));
            gradientBuilt = true;
        }
        List<ScoreGradient> out = new ArrayList<>();
        for (Spectrogram s : inputs) {
            int frames = usableFrames(s.frames());
            try (INDArray x = input(s)) {
                var r = sd.calculateGradientsAndOutputs(Map.of(X, x), List.of(SCORE), List.of(X));
                double score = r.getOutputs().get(SCORE).getDouble(0);
                float[] g = r.getGradients().get(X).dup('c').data().asFloat(); // (1, mels, frames, 1)
                float[] grad = new float[s.values().length];
                for (int f = 0; f < frames; f++) {
                    for (int m = 0; m < mels; m++) {
                        grad[f * mels + m] = g[m * frames + f];
                    }
                }
                out.add(new ScoreGradient(score, s.withValues(grad)));
            }
        }
        return out;
    }

    @Override
    public synchronized void save(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(mels);
        d.writeInt(encoder.size());
        for (ConvLayerWeights l : encoder) {
            d.writeInt(l.inChannels());
            d.writeInt(l.outChannels());
            writeDoubles(d, l.weight());
            writeDoubles(d, l.bias());
            ConvBatchNorm bn = l.batchNorm();
            writeDoubles(d, bn.gamma());
            writeDoubles(d, bn.beta());
            writeDoubles(d, bn.runningMean());
            writeDoubles(d, bn.runningVar());
            d.writeDouble(bn.eps());
        }
        writeDoubles(d, mean);
        for (double[] row : precision) {
            writeDoubles(d, row);
        }
        d.flush();
    }

    /** Reads what {@link #save} wrote; a damaged or foreign stream gives an IOException that says so. */
    public static EmbeddingDistanceNetwork load(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (d.readInt() != MAGIC) {
            throw new IOException("not an Auscult embedding-distance network (wrong magic number)");
        }
        int mels = d.readInt();
        int levels = d.readInt();
        if (mels < 1 || mels > 4096 || levels < 1 || levels > 8) {
            throw new IOException("implausible embedding-distance network: " + mels + " mel bands, " + levels
                    + " levels");
        }
        try {
            List<ConvLayerWeights> layers = new ArrayList<>();
            for (int l = 0; l < levels; l++) {
                int inputs = d.readInt();
                int out = d.readInt();
                if (inputs < 1 || inputs > 4096 || out < 1 || out > 4096) {
                    throw new IOException("implausible layer " + (l + 1) + ": " + inputs + " -> " + out + " channels");
                }
                double[] w = readDoubles(d, 9 * inputs * out);
                double[] b = readDoubles(d, out);
                ConvBatchNorm bn = new ConvBatchNorm(readDoubles(d, out), readDoubles(d, out), readDoubles(d, out),
                        readDoubles(d, out), d.readDouble());
                layers.add(new ConvLayerWeights(false, inputs, out, w, b, bn));
            }
            int dim = layers.get(levels - 1).outChannels();
            double[] mean = readDoubles(d, dim);
            double[][] precision = new double[dim][];
            for (int i = 0; i < dim; i++) {
                precision[i] = readDoubles(d, dim);
            }
            return new EmbeddingDistanceNetwork(layers, mean, precision, mels);
        } catch (IllegalArgumentException e) {
            throw new IOException("damaged embedding-distance network: " + e.getMessage(), e);
        }
    }

    private static void writeDoubles(DataOutputStream d, double[] values) throws IOException {
        for (double v : values) {
            d.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream d, int n) throws IOException {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = d.readDouble();
            if (!Double.isFinite(v[i])) {
                throw new IOException("a parameter is not finite");
            }
        }
        return v;
    }

    @Override
    public synchronized void close() {
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.CONSTANT) {
                ConvArrays.close(v.getArr());
            }
        }
    }
}
