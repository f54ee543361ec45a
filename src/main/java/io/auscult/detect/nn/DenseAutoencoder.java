package io.auscult.detect.nn;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.ScoreGradient;
import io.auscult.features.Spectrogram;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The DCASE Task 2 baseline: a dense autoencoder on windows of consecutive log-mel frames
 * (see {@link DenseWindows} for the stacking). For a recording:
 * <ul>
 * <li>score = mean over its windows of the window's mean squared reconstruction error (the
 *     DCASE baseline's anomaly score);</li>
 * <li>error map = per bin, the mean of that bin's squared error over the windows containing it;</li>
 * <li>reconstruction = per bin, the mean of its reconstructions over those windows.</li>
 * </ul>
 * Because edge frames lie in fewer windows, the score is the coverage-weighted mean of the error
 * map, not its plain mean. A recording shorter than one window is refused.
 *
 * <p>Scores, error maps and reconstructions come from a direct forward pass
 * ({@link DenseForwardPlan}: one BLAS product per layer, bias and ReLU in Java) with batch norm
 * folded into the weights; score gradients add a SameDiff graph of the same folded network
 * (automatic differentiation), built on first use, on the same input array. The windows
 * of all inputs go through together, at most {@code maxWindowsPerBatch} per call (a memory cap;
 * a recording may span calls). Not thread-safe: use one network per compute thread. Holds native
 * memory: close it.
 */
public final class DenseAutoencoder implements ReconstructionNetwork {

    /**
     * 10 MB per window-shaped array in float at 640 inputs (the gradient graph holds about six);
     * a 10-s clip has 309 windows, so about 13 clips per call.
     */
    public static final int DEFAULT_MAX_WINDOWS_PER_BATCH = 4096;

    private final DenseAutoencoderWeights weights;
    private final DataType dataType;
    private final DenseForwardPlan plan;
    /** For score gradients only; null until the first is asked (building it costs more than a score). */
    private DenseInferenceGraph graph;
    private final int maxWindowsPerBatch;
    private INDArray lossWeightBuffer;
    private double[] reconstructionScratch;
    private double[] gradientScratch;
    private boolean closed;

    private DenseAutoencoder(DenseAutoencoderWeights weights, DataType dataType, int maxWindowsPerBatch) {
        Objects.requireNonNull(weights, "weights");
        if (maxWindowsPerBatch <= 0) {
            throw new IllegalArgumentException("maxWindowsPerBatch must be positive, not " + maxWindowsPerBatch);
        }
        this.weights = weights;
        this.maxWindowsPerBatch = maxWindowsPerBatch;
        this.dataType = dataType;
        this.plan = new DenseForwardPlan(weights.foldedBatchNorm(), dataType);
    }

    /** A network computing in FLOAT with the default batch cap. */
    public static DenseAutoencoder of(DenseAutoencoderWeights weights) {
        return of(weights, DataType.FLOAT, DEFAULT_MAX_WINDOWS_PER_BATCH);
    }

    /**
     * @param dataType           FLOAT (production) or DOUBLE (exact comparisons)
     * @param maxWindowsPerBatch most windows per graph call
     */
    public static DenseAutoencoder of(DenseAutoencoderWeights weights, DataType dataType, int maxWindowsPerBatch) {
        return new DenseAutoencoder(weights, dataType, maxWindowsPerBatch);
    }

    /** Reads what {@link #save} wrote; computes in FLOAT. */
    public static DenseAutoencoder load(InputStream in) throws IOException {
        return load(in, DataType.FLOAT, DEFAULT_MAX_WINDOWS_PER_BATCH);
    }

    /** Reads what {@link #save} wrote. */
    public static DenseAutoencoder load(InputStream in, DataType dataType, int maxWindowsPerBatch)
            throws IOException {
        return of(DenseAutoencoderWeights.read(in), dataType, maxWindowsPerBatch);
    }

    /** The weights as given (batch norm not folded, if it was not). */
    public DenseAutoencoderWeights weights() {
        return weights;
    }

    /** Frames per window. */
    public int contextFrames() {
        return weights.contextFrames();
    }

    @Override
    public String kind() {
        return "dense";
    }

    @Override
    public int mels() {
        return weights.mels();
    }

    @Override
    public List<Reconstruction> reconstruct(List<Spectrogram> inputs) {
        List<double[]> values = values(inputs);
        // The spectrograms' own floats are the narrowed inputs (exactly: the doubles came from them).
        float[][] narrowed = dataType == DataType.FLOAT
                ? inputs.stream().map(Spectrogram::values).toArray(float[][]::new) : null;
        Sums sums = accumulate(values, narrowed, false);
        int mels = weights.mels();
        int context = weights.contextFrames();
        List<Reconstruction> out = new ArrayList<>(inputs.size());
        for (int r = 0; r < inputs.size(); r++) {
            // One pass for both maps: the mean over the covering windows, narrowed to float as it
            // is computed; a multiplication by 1 / coverage (within a double rounding of the
            // division, invisible after narrowing but for rare last-bit ties) rather than two
            // divisions per bin, which were a tenth of the scoring time in Java.
            double[] reconstructionSums = sums.reconstruction()[r];
            double[] errorSums = sums.errorMap()[r];
            float[] reconstruction = new float[reconstructionSums.length];
            float[] errorMap = new float[errorSums.length];
            double squares = 0;
            int frames = reconstructionSums.length / mels;
            for (int f = 0; f < frames; f++) {
                double share = 1.0 / DenseWindows.coverage(f, frames, context);
                for (int i = f * mels; i < (f + 1) * mels; i++) {
                    squares += errorSums[i];
                    reconstruction[i] = (float) (reconstructionSums[i] * share);
                    errorMap[i] = (float) (errorSums[i] * share);
                }
            }
            Spectrogram input = inputs.get(r);
            out.add(new Reconstruction(input.withValues(reconstruction), input.withValues(errorMap),
                    squares / (sums.windowCounts()[r] * (double) weights.windowSize())));
        }
        return out;
    }

    @Override
    public List<ScoreGradient> scoreGradients(List<Spectrogram> inputs) {
        List<DenseEvaluation> results = evaluate(values(inputs), true);
        List<ScoreGradient> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            out.add(new ScoreGradient(results.get(i).score(),
                    inputs.get(i).withValues(ConvArrays.floats(results.get(i).gradient()))));
        }
        return out;
    }

    @Override
    public void save(OutputStream out) throws IOException {
        weights.write(out);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DenseArrays.close(lossWeightBuffer);
            plan.close();
            if (graph != null) {
                graph.close();
            }
        }
    }

    /**
     * Scores time-major recordings given in double (the Java side always computes in double;
     * the graph in this network's data type).
     */
    List<DenseEvaluation> evaluate(List<double[]> inputs, boolean withGradient) {
        if (closed) {
            throw new IllegalStateException("this dense autoencoder is closed");
        }
        float[][] narrowed = null;
        if (dataType == DataType.FLOAT) {
            // Each window goes in as one bulk copy of its recording narrowed once (the same values
            // as narrowing window by window, five times fewer conversions).
            narrowed = new float[inputs.size()][];
            for (int r = 0; r < inputs.size(); r++) {
                narrowed[r] = ConvArrays.floats(inputs.get(r));
            }
        }
        Sums sums = accumulate(inputs, narrowed, withGradient);
        int mels = weights.mels();
        int context = weights.contextFrames();
        int size = weights.windowSize();
        List<DenseEvaluation> out = new ArrayList<>(inputs.size());
        for (int r = 0; r < inputs.size(); r++) {
            double[] reconstruction = sums.reconstruction()[r];
            double[] errorMap = sums.errorMap()[r];
            // Every window's squared errors, summed: the error map before it becomes a mean.
            double squares = 0;
            for (double e : errorMap) {
                squares += e;
            }
            DenseWindows.divideByCoverage(reconstruction, mels, context);
            DenseWindows.divideByCoverage(errorMap, mels, context);
            out.add(new DenseEvaluation(squares / (sums.windowCounts()[r] * (double) size), reconstruction,
                    errorMap, sums.gradient()[r]));
        }
        return out;
    }

    /** Per recording: sums over its windows per bin (not yet means), and its window count. */
    private record Sums(double[][] reconstruction, double[][] errorMap, double[][] gradient, int[] windowCounts) {
    }

    /**
     * Runs every window of the inputs through the network and sums, per bin, the reconstructions,
     * squared errors and (if asked) gradients of the windows containing it.
     *
     * @param narrowed with a FLOAT engine, the inputs as float (what the network is fed), else null
     */
    private Sums accumulate(List<double[]> inputs, float[][] narrowed, boolean withGradient) {
        if (closed) {
            throw new IllegalStateException("this dense autoencoder is closed");
        }
        int mels = weights.mels();
        int context = weights.contextFrames();
        int[] windowCounts = new int[inputs.size()];
        for (int r = 0; r < inputs.size(); r++) {
            double[] x = inputs.get(r);
            if (x.length % mels != 0) {
                throw new IllegalArgumentException("input " + r + " has " + x.length + " values, not whole frames of "
                        + mels + " mels");
            }
            DenseWindows.requireOneWindow("input " + r, x.length / mels, context);
            windowCounts[r] = DenseWindows.count(x.length / mels, context);
        }
        double[][] reconstruction = new double[inputs.size()][];
        double[][] errorMap = new double[inputs.size()][];
        double[][] gradient = new double[inputs.size()][];
        for (int r = 0; r < inputs.size(); r++) {
            reconstruction[r] = new double[inputs.get(r).length];
            errorMap[r] = new double[inputs.get(r).length];
            gradient[r] = withGradient ? new double[inputs.get(r).length] : null;
        }
        // Walk all windows of all inputs in order, cutting batches of at most maxWindowsPerBatch.
        int[] batchRecording = new int[maxWindowsPerBatch];
        int[] batchWindow = new int[maxWindowsPerBatch];
        int n = 0;
        for (int r = 0; r < inputs.size(); r++) {
            for (int s = 0; s < windowCounts[r]; s++) {
                batchRecording[n] = r;
                batchWindow[n] = s;
                n++;
                boolean lastWindow = r == inputs.size() - 1 && s == windowCounts[r] - 1;
                if (n == maxWindowsPerBatch || lastWindow) {
                    runBatch(inputs, narrowed, windowCounts, batchRecording, batchWindow, n, withGradient, reconstruction,
                            errorMap, gradient);
                    n = 0;
                }
            }
        }
        return new Sums(reconstruction, errorMap, gradient, windowCounts);
    }

    private void runBatch(List<double[]> inputs, float[][] narrowed, int[] windowCounts, int[] recording, int[] window, int n,
            boolean withGradient, double[][] reconstruction, double[][] errorMap, double[][] gradient) {
        int mels = weights.mels();
        int size = weights.windowSize();
        INDArray windows = plan.input(n);
        for (int i = 0; i < n; i++) {
            if (narrowed != null) {
                DenseArrays.write(narrowed[recording[i]], window[i] * mels, windows, (long) i * size, size);
            } else {
                DenseArrays.write(inputs.get(recording[i]), window[i] * mels, windows, (long) i * size, size);
            }
        }
        // Scores, error maps and reconstructions always come from the direct pass, so a score is
        // the same number whether or not its gradient was asked; the graph adds the gradient.
        // In float the output layer's bias is added in the accumulation below (one pass fewer).
        double[] y = null;
        float[] product = null;
        double[] outputBias = plan.outputBias();
        if (dataType == DataType.FLOAT) {
            product = plan.reconstructWithoutBias();
        } else {
            y = reconstructionScratch = grown(reconstructionScratch, n * size);
            plan.reconstruct(y);
        }
        double[] g = null;
        if (withGradient) {
            INDArray lossWeights = lossWeightBuffer(n);
            double[] row = new double[size];
            for (int i = 0; i < n; i++) {
                Arrays.fill(row, 1.0 / (windowCounts[recording[i]] * (double) size));
                DenseArrays.write(row, 0, lossWeights, (long) i * size, size);
            }
            DenseInferenceGraph.ReconstructionAndGradient result = graph().scoreGradient(windows, lossWeights);
            g = gradientScratch = grown(gradientScratch, n * size);
            DenseArrays.read(result.gradient(), 0, g, 0, n * size);
            DenseArrays.close(result.reconstruction());
            DenseArrays.close(result.gradient());
        }
        // No running sum in this loop (the score is summed from the error map afterwards), so
        // the JIT can vectorise it: it is a tenth of a 10-s clip's scoring time.
        for (int i = 0; i < n; i++) {
            int r = recording[i];
            double[] x = inputs.get(r);
            double[] sums = reconstruction[r];
            double[] squares = errorMap[r];
            int at = window[i] * mels;
            int from = i * size;
            for (int k = 0; k < size; k++) {
                double yk = product != null ? product[from + k] + outputBias[k] : y[from + k];
                double e = yk - x[at + k];
                sums[at + k] += yk;
                squares[at + k] += e * e;
            }
            if (g != null) {
                double[] sum = gradient[r];
                for (int k = 0; k < size; k++) {
                    sum[at + k] += g[from + k];
                }
            }
        }
    }

    /** A large array allocated per batch costs more than the copy into it: reuse. */
    private static double[] grown(double[] buffer, int length) {
        return buffer != null && buffer.length >= length ? buffer : new double[length];
    }

    private DenseInferenceGraph graph() {
        if (graph == null) {
            graph = new DenseInferenceGraph(weights.foldedBatchNorm(), dataType);
        }
        return graph;
    }

    private INDArray lossWeightBuffer(int n) {
        if (lossWeightBuffer == null || lossWeightBuffer.rows() != n) {
            DenseArrays.close(lossWeightBuffer);
            lossWeightBuffer = DenseArrays.create(dataType, n, weights.windowSize());
        }
        return lossWeightBuffer;
    }

    private List<double[]> values(List<Spectrogram> inputs) {
        List<double[]> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Spectrogram s = inputs.get(i);
            if (s.mels() != weights.mels()) {
                throw new IllegalArgumentException("input " + i + " has " + s.mels() + " mels; this dense autoencoder "
                        + "takes " + weights.mels());
            }
            out.add(doubles(s));
        }
        return out;
    }

    /** A spectrogram's values widened to double (exact), time-major. */
    static double[] doubles(Spectrogram s) {
        float[] values = s.values();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
