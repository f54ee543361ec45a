package io.auscult.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import io.auscult.audio.WavInfo;

/**
 * A WAV file of a dataset with its labels and header facts.
 *
 * @param path   the file (absolute, normalised)
 * @param labels what its place and name say
 * @param info   its header, read without decoding samples
 * @param mask   the ground-truth anomaly mask {@code X.mask.csv} beside {@code X.wav}, when
 *               there is one (synthetic data)
 */
public record Recording(Path path, Labels labels, WavInfo info, Optional<Path> mask) {

    public Recording {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(mask, "mask (use Optional.empty())");
    }

    public double durationSeconds() {
        return info.durationSeconds();
    }
}
