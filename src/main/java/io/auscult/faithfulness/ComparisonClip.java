package io.auscult.faithfulness;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One recording of a comparison run.
 *
 * @param file      the WAV file
 * @param anomalous whether it is labelled anomalous (false for normal or unknown)
 * @param mask      its ground-truth mask file ({@code X.mask.csv}), when known
 */
public record ComparisonClip(Path file, boolean anomalous, Optional<Path> mask) {

    public ComparisonClip {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mask, "mask");
    }
}
