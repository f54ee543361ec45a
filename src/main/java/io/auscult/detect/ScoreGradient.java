package io.auscult.detect;

import io.auscult.features.Spectrogram;

/** The score of one input and its gradient ds/dx on the input's grid. */
public record ScoreGradient(double score, Spectrogram gradient) {
}
