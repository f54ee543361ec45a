package io.auscult.faithfulness;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.features.Spectrogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores perturbed inputs with a detector's network: every input of a call goes to
 * {@link ReconstructionNetwork#reconstruct} in one list, which batches them internally up to its
 * memory cap. Inputs are rounded to float, the network's input type.
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
        List<Reconstruction> r = network.reconstruct(spectrograms);
        double[] scores = new double[r.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = r.get(i).score();
        }
        return scores;
    }
}
