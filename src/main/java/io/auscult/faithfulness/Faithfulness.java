package io.auscult.faithfulness;

import java.util.Objects;

/**
 * How faithful one attribution map is to the detector on one clip: its replacement curve, the
 * random-order reference, and the gain {@code area(A) - mean area(random)} (above 0: the map
 * finds what drives the score sooner than chance).
 */
public record Faithfulness(ReplacementCurve curve, RandomReference reference, double gain) {

    public Faithfulness {
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(reference, "reference");
    }

    public static Faithfulness of(ReplacementCurve curve, RandomReference reference) {
        return new Faithfulness(curve, reference, curve.area() - reference.meanArea());
    }
}
