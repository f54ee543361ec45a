package io.auscult.faithfulness;

import java.util.List;

/**
 * The model-randomisation sanity check of one method on one input: rho per cascade step and the
 * verdict. A method passes when, with every layer re-drawn, its map has |rho| below the threshold
 * with the original: it changed with the model, so it explains the model. A method that fails is
 * reporting something about the input rather than the detector.
 *
 * @param method    the attribution method
 * @param steps     output layer first
 * @param threshold the |rho| a fully randomised model's map must stay below
 * @param passed    the verdict (false when the last rho is undefined: a constant map)
 */
public record SanityResult(String method, List<SanityStep> steps, double threshold, boolean passed) {

    public SanityResult {
        steps = List.copyOf(steps);
    }

    static SanityResult of(String method, List<SanityStep> steps, double threshold) {
        double last = steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1).rankCorrelation();
        return new SanityResult(method, steps, threshold, Math.abs(last) < threshold);
    }

    /** rho with every layer re-drawn. */
    public double finalRankCorrelation() {
        return steps.get(steps.size() - 1).rankCorrelation();
    }

    /** "pass" or "fail", for tables. */
    public String verdict() {
        return passed ? "pass" : "fail";
    }
}
