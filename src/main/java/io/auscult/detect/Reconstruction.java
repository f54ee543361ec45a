package io.auscult.detect;

import io.auscult.features.Spectrogram;

/**
 * What a network makes of one input: its reconstruction and per-bin squared error, on the
 * input's grid, and the score (mean of the error map).
 */
public record Reconstruction(Spectrogram reconstruction, Spectrogram errorMap, double score) {
}
