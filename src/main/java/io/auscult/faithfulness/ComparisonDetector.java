package io.auscult.faithfulness;

import io.auscult.detect.TrainedDetector;

import java.util.Objects;

/** A detector taking part in a comparison, with the name its rows carry (the model file's stem). */
public record ComparisonDetector(String name, TrainedDetector detector) {

    public ComparisonDetector {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detector, "detector");
    }
}
