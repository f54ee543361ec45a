package io.auscult.faithfulness;

import io.auscult.detect.ReconstructionNetwork;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.explain.Attribution;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.ExplanationTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Model-parameter randomisation, cascading from the output layer (DESIGN.md, "Faithfulness";
 * Adebayo et al. 2018): the method explains the same input again with more and more layers
 * re-drawn, and each map is compared with the original by Spearman's rank correlation.
 */
public final class SanityCheck {

    /** |rho| a fully randomised model's map must stay below to pass. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final LayerDraw draw;
    private final double threshold;

    public SanityCheck(LayerDraw draw, double threshold) {
        this.draw = Objects.requireNonNull(draw, "draw");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the |rho| threshold must be in (0, 1], not " + threshold);
        }
        this.threshold = threshold;
    }

    /** |rho| a fully randomised model's map must stay below to pass. */
    public double threshold() {
        return threshold;
    }

    public static SanityCheck standard(long seed) {
        return new SanityCheck(LayerDraw.heNormal(seed), DEFAULT_THRESHOLD);
    }

    /**
     * @param method   the method under test
     * @param target   the input, explained with the target's network
     * @param original the method's map of the input with the trained network
     */
    public SanityResult run(Attribution method, ExplanationTarget target, AttributionMap original, Progress progress,
                            Cancellation cancel) {
        double[] reference = ReplacementClip.toDoubles(original.values().values());
        ReconstructionNetwork network = target.reconstructionNetwork("The model-randomisation sanity check");
        List<String> cascade = ModelRandomisation.cascade(network);
        List<SanityStep> steps = new ArrayList<>();
        for (int s = 0; s < cascade.size(); s++) {
            cancel.throwIfCancelled();
            progress.report(s / (double) cascade.size(), "randomising up to " + cascade.get(s));
            try (ReconstructionNetwork randomised = ModelRandomisation.randomised(network, s + 1, draw)) {
                ExplanationTarget t = new ExplanationTarget(randomised, target.input(), target.normalReferences(),
                        target.seed());
                AttributionMap map = method.explain(t, Progress.NONE, cancel);
                steps.add(new SanityStep(cascade.get(s),
                        RankCorrelation.spearman(reference, ReplacementClip.toDoubles(map.values().values()))));
            }
        }
        progress.report(1, "sanity check done");
        return SanityResult.of(method.method(), steps, threshold);
    }
}
