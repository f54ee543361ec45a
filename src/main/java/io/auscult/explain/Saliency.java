package io.auscult.explain;

import io.auscult.detect.ScoreGradient;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Saliency, {@code |ds/dx|} (DESIGN.md, "Explanations"): one input gradient of the score. For
 * the MAE the gradient runs through all K inference passes (the score as the detector computes
 * it); for the dense AE through the stacking of frames into windows.
 */
public final class Saliency implements Attribution {

    public static final String NAME = "saliency";

    @Override
    public String method() {
        return NAME;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of();
    }

    @Override
    public AttributionMap explain(ExplanationTarget target, Progress progress, Cancellation cancel) {
        cancel.throwIfCancelled();
        progress.report(0, "input gradient");
        ScoreGradient g = target.network().scoreGradients(List.of(target.input())).get(0);
        float[] grad = g.gradient().values();
        float[] map = new float[grad.length];
        for (int i = 0; i < map.length; i++) {
            map[i] = Math.abs(grad[i]);
        }
        progress.report(1, "saliency");
        return new AttributionMap(NAME, parameters(), target.input().withValues(map), g.score(),
                OptionalDouble.empty());
    }
}
