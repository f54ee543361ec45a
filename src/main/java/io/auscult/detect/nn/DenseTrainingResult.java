package io.auscult.detect.nn;

import io.auscult.detect.TrainingCurve;

import java.util.Objects;

/** A trained dense autoencoder (the best epoch's weights) and its loss curves. The caller closes the network. */
public record DenseTrainingResult(DenseAutoencoder network, TrainingCurve curve) {

    public DenseTrainingResult {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(curve, "curve");
    }
}
