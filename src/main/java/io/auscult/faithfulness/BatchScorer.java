package io.auscult.faithfulness;

import java.util.List;

/**
 * The score s of many inputs at once, the way the detector computes it. All perturbed inputs of
 * one curve go through one call, so a network can run them in as few batches as memory allows.
 */
@FunctionalInterface
public interface BatchScorer {

    /**
     * @param inputs time-major {@code frames x mels} arrays on the clip's grid
     * @return one score per input, in order
     */
    double[] scores(List<double[]> inputs);
}
