package io.auscult.detect;

import java.util.List;

/**
 * Loss per epoch on the training and the validation data; {@code bestEpoch} is the one whose
 * weights were kept (early stopping on validation loss).
 */
public record TrainingCurve(List<Double> trainLoss, List<Double> validationLoss, int bestEpoch) {

    public TrainingCurve {
        trainLoss = List.copyOf(trainLoss);
        validationLoss = List.copyOf(validationLoss);
    }
}
