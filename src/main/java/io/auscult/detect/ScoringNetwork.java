package io.auscult.detect;

import io.auscult.features.Spectrogram;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A trained network that gives standardised log-mel spectrograms (the {@link Spectrogram}
 * contract: time-major {@code frames x mels}, standardised per band by the caller) an anomaly
 * score, differentiable with respect to the input. The reconstruction detectors (conv AE, MAE,
 * dense AE) are {@link ReconstructionNetwork}s and also give the reconstruction the score is
 * the error of; a detector on an encoder's embedding ({@code detect.nn.EmbeddingDistanceNetwork})
 * gives only the score. Implementations batch internally and hold native memory: close them.
 */
public interface ScoringNetwork extends AutoCloseable {

    /** "ae", "mae", "dense" or "md". */
    String kind();

    /** Mel bands the network expects. */
    int mels();

    /** The score of each input. */
    double[] scores(List<Spectrogram> inputs);

    /** Score and its gradient with respect to the input, per input (each example independent). */
    List<ScoreGradient> scoreGradients(List<Spectrogram> inputs);

    /** The architecture and weights, readable by the matching loader. */
    void save(OutputStream out) throws IOException;

    @Override
    void close();
}
