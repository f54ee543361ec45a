package io.auscult.explain;

import java.util.List;

/**
 * Integrated Gradients' baseline x' (DESIGN.md, "Explanations"): the reconstruction of x
 * (default: the model's own idea of the normal version of this input, so that
 * {@code s(x) - s(x')} is what makes the clip abnormal), all zeros, or the training mean.
 */
public enum IgBaseline {
    RECONSTRUCTION("reconstruction"),
    ZEROS("zeros"),
    /**
     * The per-band mean of the target's normal references (standardised inputs); without
     * references, zeros, which is the training mean of a standardised input by construction.
     */
    MEAN("mean");

    private final String label;

    IgBaseline(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static List<String> labels() {
        return List.of(RECONSTRUCTION.label, ZEROS.label, MEAN.label);
    }

    public static IgBaseline of(String label) {
        for (IgBaseline b : values()) {
            if (b.label.equals(label)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no IG baseline '" + label + "'; baselines: " + labels());
    }
}
