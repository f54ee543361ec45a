package io.auscult.detect;

import io.auscult.features.Spectrogram;

/**
 * A scored recording: its anomaly score, the decision at the detector's threshold, the
 * standardised log-mel the model saw, and the model's reconstruction and per-bin error map
 * of it (all on the same frames x mels grid); the reconstruction is null for a detector that has
 * none (the embedding detector).
 */
public record Detection(String source, double score, boolean anomalous, Spectrogram input,
                        Reconstruction reconstruction) {
}
