package io.auscult.detect.nn;

import io.auscult.detect.BandErrorStatistics;
import io.auscult.detect.Reconstruction;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.ScoreGradient;
import io.auscult.features.Spectrogram;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the conv AE and the MAE share: the Spectrogram contract on the outside, the backbone
 * runner inside, batching, padding and the memory cap.
 *
 * <p>Inputs of equal frame counts run as one batch (in order of first appearance), other lengths
 * separately; a batch holds at most {@link #batchBinLimit()} input bins (counting the MAE's K
 * passes), which bounds the native memory of a gradient batch. Fully convolutional: an input of
 * any length is padded with zeros after its end to the stride multiple; the padding is excluded
 * from the score, the error map, the reconstruction and the gradient.
 *
 * <p>The score is the mean squared error over the real bins, or, once {@link #useBandScore} has
 * been given normal statistics, the worst standardised band error ({@link BandErrorStatistics}):
 * every score, gradient, layer gradient and error crop's use then follows that score.
 *
 * <p>Not safe for concurrent use from several threads without the lock each method takes.
 */
public abstract sealed class ConvBackboneNetwork implements ReconstructionNetwork
        permits ConvAutoencoder, MaskedAutoencoder {

    /** 8 ten-second clips of 128 x 320 bins: a gradient batch of about 320 MB of native memory in float (measured). */
    public static final long DEFAULT_BATCH_BIN_LIMIT = 8L * 128 * 320;

    private final ConvBackboneWeights weights;
    private final int mels;
    private final ConvPrecision precision;
    private final MaeMasking masking;
    private final ConvBackboneRunner runner;
    private long batchBinLimit = DEFAULT_BATCH_BIN_LIMIT;
    private boolean closed;

    ConvBackboneNetwork(ConvBackboneWeights weights, int mels, ConvPrecision precision, MaeMasking masking) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.precision = Objects.requireNonNull(precision, "precision");
        this.mels = mels;
        this.masking = masking;
        this.runner = new ConvBackboneRunner(weights, precision.dataType(), masking, mels);
    }

    @Override
    public int mels() {
        return mels;
    }

    /** The weights as trained (PyTorch layout, batch norm not folded). */
    public ConvBackboneWeights weights() {
        return weights;
    }

    public ConvPrecision precision() {
        return precision;
    }

    /** Input bins per internal batch (inputs x passes x mels x padded frames); at least one input runs. */
    public synchronized long batchBinLimit() {
        return batchBinLimit;
    }

    /** Sets the internal batch cap; lower it to bound memory, raise it for long gradient batches. */
    public synchronized void setBatchBinLimit(long bins) {
        if (bins <= 0) {
            throw new IllegalArgumentException("batch bin limit must be > 0, not " + bins);
        }
        this.batchBinLimit = bins;
    }

    /**
     * Scores by the worst band from now on, standardised by {@code statistics} (from the error maps
     * of normal training clips), or, with null, by the mean squared error again. Saved with the
     * network.
     */
    public synchronized void useBandScore(BandErrorStatistics statistics) {
        requireOpen();
        runner.bandScore(statistics);
    }

    /** The band statistics the network scores by, or empty when it scores by the mean squared error. */
    public synchronized Optional<BandErrorStatistics> bandScore() {
        return Optional.ofNullable(runner.bandScore());
    }

    /** The blocks whose activations {@link #layerGradient} can return, input side first. */
    public List<String> layerNames() {
        return runner.blockNames();
    }

    /** The last encoder block, after its ReLU: Grad-CAM's default layer. */
    public String defaultGradCamLayer() {
        return "enc" + weights.levels();
    }

    @Override
    public synchronized List<Reconstruction> reconstruct(List<Spectrogram> inputs) {
        List<ConvBackboneRunner.Scored> results = scoreAll(inputs, true);
        List<Reconstruction> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Spectrogram in = inputs.get(i);
            ConvBackboneRunner.Scored r = results.get(i);
            out.add(new Reconstruction(in.withValues(r.reconstruction()), in.withValues(r.errorMap()), r.score()));
        }
        return out;
    }

    /**
     * The anomaly scores alone, the same values as {@link #reconstruct}'s: no reconstruction or
     * error map is built (a faithfulness curve needs 21 scores and nothing else).
     */
    public synchronized double[] scores(List<Spectrogram> inputs) {
        List<ConvBackboneRunner.Scored> results = scoreAll(inputs, false);
        double[] out = new double[inputs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = results.get(i).score();
        }
        return out;
    }

    /** As {@link #runAll} without gradients, on the runner's time-major float path. */
    private List<ConvBackboneRunner.Scored> scoreAll(List<Spectrogram> inputs, boolean keepMaps) {
        return inBatches(inputs, (chunk, frames) -> runner.score(
                chunk.stream().map(i -> inputs.get(i).values()).toList(), frames, keepMaps));
    }

    @Override
    public synchronized List<ScoreGradient> scoreGradients(List<Spectrogram> inputs) {
        List<ConvBackboneRunner.Result> results = runAll(inputs, true, null);
        List<ScoreGradient> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Spectrogram in = inputs.get(i);
            ConvBackboneRunner.Result r = results.get(i);
            out.add(new ScoreGradient(r.score(), in.withValues(toTimeMajor(r.gradient(), in.frames()))));
        }
        return out;
    }

    /**
     * Squared reconstruction errors of equally sized crops of inputs, for occlusion's
     * receptive-field scoring: each crop time-major {@code [frame * cropMels + mel]}, {@code
     * cropFrames x cropMels}, both multiples of {@link ConvBackboneWeights#sizeMultiple()}; no
     * padding is added (a crop that reaches past a recording's end carries the zeros the network
     * pads with). Only the plain conv AE takes fewer mel bands than the network's; the MAE's
     * inference masks need them all. Crops run in batches under {@link #batchBinLimit()}.
     */
    public synchronized List<float[]> cropErrors(List<float[]> crops, int cropFrames, int cropMels) {
        requireOpen();
        if (cropMels <= 0 || cropMels > mels || cropFrames <= 0) {
            throw new IllegalArgumentException("crop of " + cropMels + " x " + cropFrames + " bins for a network of "
                    + mels + " mel bands");
        }
        long perInput = (long) runner.passes() * cropMels * cropFrames;
        int batch = (int) Math.max(1, Math.min(Integer.MAX_VALUE, batchBinLimit / perInput));
        List<float[]> out = new ArrayList<>(crops.size());
        for (int from = 0; from < crops.size(); from += batch) {
            out.addAll(runner.cropErrors(crops.subList(from, Math.min(crops.size(), from + batch)), cropFrames,
                    cropMels));
        }
        return out;
    }

    /**
     * The activation of a block (after its ReLU) and d score / d activation, for Grad-CAM. For the
     * MAE, one activation per inference pass.
     */
    public synchronized ConvLayerGradient layerGradient(Spectrogram input, String layer) {
        return runAll(List.of(input), false, Objects.requireNonNull(layer, "layer")).get(0).layer();
    }

    /**
     * Frees the native working memory kept between calls. Each call keeps its arrays for the next
     * call of the same size (no allocation in loops such as Integrated Gradients); a gradient batch
     * at the default limit keeps about 320 MB, one 10-s clip 40 MB. The next call allocates again.
     */
    public synchronized void releaseWorkingMemory() {
        requireOpen();
        runner.releaseWorkingMemory();
    }

    @Override
    public synchronized void save(OutputStream out) throws IOException {
        requireOpen();
        ConvNetworkFile.write(out, new ConvNetworkFile.Contents(kind(), mels, masking, weights, runner.bandScore()));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            runner.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the " + kind() + " network is closed");
        }
    }

    private List<ConvBackboneRunner.Result> runAll(List<Spectrogram> inputs, boolean gradient, String layer) {
        return inBatches(inputs, (chunk, frames) -> runner.run(
                chunk.stream().map(i -> toMelsByFrames(inputs.get(i))).toList(), frames, gradient, layer));
    }

    /** One runner call on a batch: the inputs at {@code indices}, all of {@code frames} frames; one result each. */
    @FunctionalInterface
    private interface BatchRun<T> {
        List<T> run(List<Integer> indices, int frames);
    }

    /**
     * Runs the inputs grouped by frame count, in batches under the bin limit, and returns the
     * results in input order.
     */
    private <T> List<T> inBatches(List<Spectrogram> inputs, BatchRun<T> run) {
        Map<Integer, List<Integer>> byFrames = groupByFrames(inputs);
        List<T> results = new ArrayList<>(Collections.nCopies(inputs.size(), (T) null));
        for (Map.Entry<Integer, List<Integer>> group : byFrames.entrySet()) {
            int frames = group.getKey();
            int batch = batchFor(frames);
            List<Integer> indices = group.getValue();
            for (int from = 0; from < indices.size(); from += batch) {
                List<Integer> chunk = indices.subList(from, Math.min(indices.size(), from + batch));
                List<T> r = run.run(chunk, frames);
                for (int c = 0; c < chunk.size(); c++) {
                    results.set(chunk.get(c), r.get(c));
                }
            }
        }
        return results;
    }

    /** Inputs of one frame count per internal batch under the bin limit. */
    private int batchFor(int frames) {
        long perInput = (long) runner.passes() * mels * runner.paddedFrames(frames);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, batchBinLimit / perInput));
    }

    /** Input indices by frame count, in order of first appearance; checks the inputs. */
    private Map<Integer, List<Integer>> groupByFrames(List<Spectrogram> inputs) {
        requireOpen();
        Map<Integer, List<Integer>> byFrames = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Spectrogram s = Objects.requireNonNull(inputs.get(i), "input " + i);
            if (s.mels() != mels) {
                throw new IllegalArgumentException("input " + i + " has " + s.mels() + " mel bands; the network was "
                        + "trained on " + mels);
            }
            if (s.frames() == 0) {
                throw new IllegalArgumentException("input " + i + " has no frames");
            }
            byFrames.computeIfAbsent(s.frames(), f -> new ArrayList<>()).add(i);
        }
        return byFrames;
    }

    /** Spectrogram's time-major {@code [frame * mels + mel]} to the graph's {@code [mel * frames + frame]}. */
    private double[] toMelsByFrames(Spectrogram s) {
        int frames = s.frames();
        float[] v = s.values();
        double[] out = new double[mels * frames];
        for (int f = 0; f < frames; f++) {
            for (int m = 0; m < mels; m++) {
                out[m * frames + f] = v[f * mels + m];
            }
        }
        return out;
    }

    private float[] toTimeMajor(double[] melsByFrames, int frames) {
        float[] out = new float[mels * frames];
        for (int m = 0; m < mels; m++) {
            for (int f = 0; f < frames; f++) {
                out[f * mels + m] = (float) melsByFrames[m * frames + f];
            }
        }
        return out;
    }
}
