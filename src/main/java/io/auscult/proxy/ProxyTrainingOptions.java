package io.auscult.proxy;

import java.util.List;

/**
 * How one proxy model is trained.
 *
 * @param widths       encoder channels per level (the embedding dimension is the last)
 * @param checkpoints  epochs after which the model is evaluated, ascending (each gives one point)
 * @param batchSize    crops per step (contrastive: views, i.e. twice the clips)
 * @param cropFrames   frames per crop, a multiple of 2^levels
 * @param learningRate Adam's step size
 * @param seed         initial weights, crops, mixtures and augmentations
 */
public record ProxyTrainingOptions(List<Integer> widths, List<Integer> checkpoints, int batchSize, int cropFrames,
                                   double learningRate, long seed) {

    public ProxyTrainingOptions {
        widths = List.copyOf(widths);
        checkpoints = List.copyOf(checkpoints);
        if (widths.isEmpty() || widths.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("widths must be positive, not " + widths);
        }
        if (checkpoints.isEmpty()) {
            throw new IllegalArgumentException("need at least one checkpoint epoch");
        }
        for (int i = 0; i < checkpoints.size(); i++) {
            if (checkpoints.get(i) < 1 || (i > 0 && checkpoints.get(i) <= checkpoints.get(i - 1))) {
                throw new IllegalArgumentException("checkpoint epochs must be ascending and >= 1, not " + checkpoints);
            }
        }
        if (batchSize < 2 || batchSize % 2 != 0) {
            throw new IllegalArgumentException("batch size must be even and >= 2, not " + batchSize);
        }
        if (cropFrames % (1 << widths.size()) != 0) {
            throw new IllegalArgumentException("crop frames must be a multiple of " + (1 << widths.size()));
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0");
        }
    }

    public int epochs() {
        return checkpoints.get(checkpoints.size() - 1);
    }

    /** A short label of the capacity, e.g. {@code w16-32-64}. */
    public String capacityLabel() {
        StringBuilder b = new StringBuilder("w");
        for (int i = 0; i < widths.size(); i++) {
            b.append(i == 0 ? "" : "-").append(widths.get(i));
        }
        return b.toString();
    }
}
