package io.auscult.detect;

import io.auscult.features.Spectrogram;

import java.util.List;

/**
 * A trained network that reconstructs standardised log-mel spectrograms (the conv AE, the
 * masked AE, the DCASE dense AE). Inputs and outputs use the {@link Spectrogram} contract:
 * time-major {@code frames x mels}, already standardised per band by the caller.
 *
 * <p>The score is the detector's own: the mean squared reconstruction error over the
 * recording's real bins (padding excluded; the dense AE averages per-window MSEs, see
 * {@link Reconstruction}), computed exactly as the differentiable graph
 * computes it, so that {@link #scoreGradients} is the gradient of {@link Reconstruction#score()}.
 * Implementations batch internally and hold native memory: close them.
 */
public interface ReconstructionNetwork extends ScoringNetwork {

    /** Reconstruction, per-bin squared error and score of each input. */
    List<Reconstruction> reconstruct(List<Spectrogram> inputs);

    /** The reconstruction error of each input: {@link #reconstruct}'s scores (networks may compute them faster). */
    @Override
    default double[] scores(List<Spectrogram> inputs) {
        return reconstruct(inputs).stream().mapToDouble(Reconstruction::score).toArray();
    }
}
