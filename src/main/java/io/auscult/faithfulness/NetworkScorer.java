package io.auscult.faithfulness;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.nn.ConvBackboneNetwork;
import io.auscult.detect.nn.MaskedAutoencoder;
import io.auscult.features.Spectrogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores perturbed inputs with a detector's network: the inputs of a call go to
 * {@link ReconstructionNetwork#reconstruct} in batches. Inputs are rounded to float, the
 * network's input type.
 *
 * <p>Why equal batches: the conv networks keep a forward plan (native buffers) per batch shape
 * and re-plan when the shape changes, so 21 inputs at the network's cap of 8 would run as
 * 8, 8, 5 and re-plan twice per curve. Here they run as 7, 7, 7; when the count does not divide
 * evenly, the last batch is padded with copies of its last input (at most one batch minus one
 * input of extra work), so every call of a curve has the same shape.
 */
public final class NetworkScorer implements BatchScorer {

    private final ReconstructionNetwork network;
    private final Spectrogram grid;

    /**
     * @param network the detector's network
     * @param grid    a spectrogram on the grid of the inputs (its hop, rate and bands are kept)
     */
    public NetworkScorer(ReconstructionNetwork network, Spectrogram grid) {
        this.network = Objects.requireNonNull(network, "network");
        this.grid = Objects.requireNonNull(grid, "grid");
    }

    @Override
    public double[] scores(List<double[]> inputs) {
        List<Spectrogram> spectrograms = new ArrayList<>(inputs.size());
        for (double[] in : inputs) {
            if (in.length != grid.values().length) {
                throw new IllegalArgumentException("input has " + in.length + " values, not " + grid.values().length);
            }
            float[] f = new float[in.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) in[i];
            }
            spectrograms.add(grid.withValues(f));
        }
        int n = spectrograms.size();
        int cap = Math.min(Math.max(1, n), inputsPerBatch());
        int calls = (n + cap - 1) / cap;
        int size = calls == 0 ? 0 : (n + calls - 1) / calls;
        double[] scores = new double[n];
        for (int from = 0; from < n; from += size) {
            int to = Math.min(n, from + size);
            List<Spectrogram> batch = new ArrayList<>(spectrograms.subList(from, to));
            while (batch.size() < size) {
                batch.add(batch.get(batch.size() - 1));
            }
            if (network instanceof ConvBackboneNetwork conv) {
                // Scores only: no reconstruction or error map is built for the curve's inputs.
                double[] s = conv.scores(batch);
                System.arraycopy(s, 0, scores, from, to - from);
            } else {
                List<Reconstruction> r = network.reconstruct(batch);
                for (int i = from; i < to; i++) {
                    scores[i] = r.get(i - from).score();
                }
            }
        }
        return scores;
    }

    /** Inputs of this grid the network runs in one internal batch (1 when it does not say). */
    private int inputsPerBatch() {
        if (network instanceof ConvBackboneNetwork conv) {
            int multiple = conv.weights().sizeMultiple();
            long padded = (long) (grid.frames() + multiple - 1) / multiple * multiple;
            int passes = conv instanceof MaskedAutoencoder mae ? mae.masking().groups() : 1;
            long perInput = padded * grid.mels() * passes;
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, conv.batchBinLimit() / perInput));
        }
        return Integer.MAX_VALUE;
    }
}
