package io.auscult.detect.nn;

import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.TrainingCurve;

import java.util.Objects;

/**
 * A trained network (the best epoch's weights, batch norm folded for inference) and how training
 * went: one training and one validation loss per epoch run; {@code curve.bestEpoch()} is the
 * 0-based index of the epoch whose weights the network has.
 */
public record ConvTrainingResult<N extends ReconstructionNetwork>(N network, TrainingCurve curve) {

    public ConvTrainingResult {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(curve, "curve");
    }
}
