package io.auscult.explain;

import io.auscult.detect.Reconstruction;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The per-bin squared reconstruction error, the detector's own map (DESIGN.md, "Explanations"):
 * one forward pass, no gradient. Its mean over the recording is the conv AE's and the MAE's score;
 * the dense AE's score averages per-window errors instead (see {@link io.auscult.detect.Reconstruction}).
 */
public final class ErrorMap implements Attribution {

    public static final String NAME = "error";

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
        progress.report(0, "reconstructing");
        Reconstruction r = target.reconstructionNetwork("The error map").reconstruct(List.of(target.input())).get(0);
        progress.report(1, "error map");
        return new AttributionMap(NAME, parameters(), r.errorMap(), r.score(), OptionalDouble.empty());
    }
}
