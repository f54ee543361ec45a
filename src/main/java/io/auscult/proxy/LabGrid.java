package io.auscult.proxy;

import java.util.List;

/**
 * Which models the lab trains: per trainable task, one training run per encoder capacity, each
 * evaluated at every checkpoint epoch (so a task contributes capacities x checkpoints points).
 *
 * @param capacities  encoder widths to train
 * @param checkpoints epochs at which each run is evaluated
 * @param batchSize   crops per step
 * @param cropFrames  frames per crop
 * @param learningRate Adam's step
 */
public record LabGrid(String name, List<List<Integer>> capacities, List<Integer> checkpoints, int batchSize,
                      int cropFrames, double learningRate) {

    /** The default grid: 2 capacities x 5 checkpoints = 10 models per trainable task. */
    public static final LabGrid DEFAULT = new LabGrid("default", List.of(List.of(8, 16, 32), List.of(16, 32, 64)),
            List.of(2, 4, 6, 8, 10), 32, 64, 5e-3);

    /**
     * The quick grid for tests and a first look: 1 capacity x 4 checkpoints, the fewest models per
     * task for which the lab computes correlations ({@link Alignment#MIN_MODELS}).
     */
    public static final LabGrid QUICK = new LabGrid("quick", List.of(List.of(8, 16, 32)), List.of(1, 2, 3, 4), 16, 64,
            5e-3);

    public LabGrid {
        capacities = capacities.stream().map(List::copyOf).toList();
        checkpoints = List.copyOf(checkpoints);
    }

    ProxyTrainingOptions options(List<Integer> widths, long seed) {
        return new ProxyTrainingOptions(widths, checkpoints, batchSize, cropFrames, learningRate, seed);
    }

    public int modelsPerTask() {
        return capacities.size() * checkpoints.size();
    }
}
