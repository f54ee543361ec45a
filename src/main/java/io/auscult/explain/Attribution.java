package io.auscult.explain;

import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;

import java.util.Map;

/**
 * One attribution method: (detector network, standardised input) to a map of the input's shape
 * that says how much each bin drives the anomaly score. Implementations are small, immutable
 * and hold only their parameters; everything about the clip comes in the {@link ExplanationTarget}.
 */
public interface Attribution {

    /** Stable short name: "error", "saliency", "smoothgrad", "ig", "gradshap", "gradcam" or "occlusion". */
    String method();

    /** The parameters that define the map (steps, baseline, sigma, layer, ...), for captions and cache keys. */
    Map<String, String> parameters();

    /**
     * The map for the target's input. Runs on the caller's thread (the compute executor): reports
     * progress for long methods and stops with {@link io.auscult.engine.CancelledException}.
     *
     * @throws IllegalArgumentException when the method does not apply (Grad-CAM on the dense AE),
     *                                  with a message that says so
     */
    AttributionMap explain(ExplanationTarget target, Progress progress, Cancellation cancel);
}
