package io.auscult.detect.nn;

import java.util.List;
import java.util.Objects;

/**
 * How the conv AE and the MAE are trained (DESIGN.md, "Detectors"): random crops of
 * {@code cropFrames} frames, {@code batchSize} crops per Adam step, epochs of about one pass over
 * the training frames, early stopping when the validation loss has not improved for
 * {@code patience} epochs (the best epoch's weights are kept).
 *
 * @param epochs       at most this many epochs
 * @param patience     epochs without a better validation loss before stopping
 * @param batchSize    crops per step
 * @param cropFrames   frames per crop, a multiple of 2^(number of widths)
 * @param learningRate Adam's step size
 * @param seed         initial weights, crops, masks and their order all follow from it
 * @param widths       encoder channel widths, input side first (1 -> 32 -> 64 -> 128 by default)
 * @param masking      the MAE's masks (ignored by the conv AE)
 */
public record ConvTrainingOptions(int epochs, int patience, int batchSize, int cropFrames, double learningRate,
                                  long seed, List<Integer> widths, MaeMasking masking) {

    /** 30 epochs, patience 5, batch 32, 64-frame crops, lr 1e-3, seed 1, widths 32/64/128, default MAE masks. */
    public static final ConvTrainingOptions DEFAULT = new ConvTrainingOptions(30, 5, 32, 64, 1e-3, 1,
            List.of(32, 64, 128), MaeMasking.DEFAULT);

    public ConvTrainingOptions {
        Objects.requireNonNull(widths, "widths");
        Objects.requireNonNull(masking, "masking");
        widths = List.copyOf(widths);
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, not " + epochs);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, not " + patience);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be >= 2 (batch norm needs batch statistics), not "
                    + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, not " + learningRate);
        }
        if (widths.isEmpty() || widths.size() > 8) {
            throw new IllegalArgumentException("need 1 to 8 channel widths, not " + widths.size());
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("channel widths must be >= 1, not " + widths);
            }
        }
        int multiple = 1 << widths.size();
        if (cropFrames < multiple || cropFrames % multiple != 0) {
            throw new IllegalArgumentException("crop frames must be a positive multiple of " + multiple
                    + " (the stride of " + widths.size() + " levels), not " + cropFrames);
        }
    }

    public ConvTrainingOptions withEpochs(int newEpochs) {
        return new ConvTrainingOptions(newEpochs, patience, batchSize, cropFrames, learningRate, seed, widths, masking);
    }

    public ConvTrainingOptions withPatience(int newPatience) {
        return new ConvTrainingOptions(epochs, newPatience, batchSize, cropFrames, learningRate, seed, widths, masking);
    }

    public ConvTrainingOptions withBatchSize(int newBatchSize) {
        return new ConvTrainingOptions(epochs, patience, newBatchSize, cropFrames, learningRate, seed, widths, masking);
    }

    public ConvTrainingOptions withCropFrames(int newCropFrames) {
        return new ConvTrainingOptions(epochs, patience, batchSize, newCropFrames, learningRate, seed, widths, masking);
    }

    public ConvTrainingOptions withLearningRate(double newLearningRate) {
        return new ConvTrainingOptions(epochs, patience, batchSize, cropFrames, newLearningRate, seed, widths, masking);
    }

    public ConvTrainingOptions withSeed(long newSeed) {
        return new ConvTrainingOptions(epochs, patience, batchSize, cropFrames, learningRate, newSeed, widths, masking);
    }

    public ConvTrainingOptions withWidths(List<Integer> newWidths) {
        return new ConvTrainingOptions(epochs, patience, batchSize, cropFrames, learningRate, seed, newWidths, masking);
    }

    public ConvTrainingOptions withMasking(MaeMasking newMasking) {
        return new ConvTrainingOptions(epochs, patience, batchSize, cropFrames, learningRate, seed, widths, newMasking);
    }
}
