package io.auscult.detect;

import io.auscult.features.Spectrogram;

/**
 * What a network makes of one input: its reconstruction and per-bin squared error, on the
 * input's grid, and the score.
 *
 * <p>For the conv AE and the MAE the score is the mean of the error map over the real bins. For
 * the DCASE dense AE it is the mean over the recording's 5-frame windows of each window's MSE
 * (the DCASE baseline's definition), while its error map gives each bin the mean error over the
 * windows that contain it; the two means differ slightly at the first and last four frames, which
 * fewer windows cover, so the dense AE's score is not exactly the mean of its error map.
 */
public record Reconstruction(Spectrogram reconstruction, Spectrogram errorMap, double score) {
}
