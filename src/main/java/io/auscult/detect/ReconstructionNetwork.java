package io.auscult.detect;

import io.auscult.features.Spectrogram;

import java.io.IOException;
import java.io.OutputStream;
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
public interface ReconstructionNetwork extends AutoCloseable {

    /** "ae", "mae" or "dense". */
    String kind();

    /** Mel bands the network expects. */
    int mels();

    /** Reconstruction, per-bin squared error and score of each input. */
    List<Reconstruction> reconstruct(List<Spectrogram> inputs);

    /** Score and its gradient with respect to the input, per input (each example independent). */
    List<ScoreGradient> scoreGradients(List<Spectrogram> inputs);

    /** The architecture and weights, readable by the matching loader. */
    void save(OutputStream out) throws IOException;

    @Override
    void close();
}
