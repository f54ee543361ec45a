package io.auscult.faithfulness;

import java.util.Objects;
import java.util.Optional;

/**
 * What a clip study found for one detector, independent of the methods: the clip's score and the
 * random-order reference every method of the row is measured against. A row whose detector could
 * not be prepared (the curve is undefined because the reconstruction scores as high as the input)
 * has a failure, and so have all its cells.
 *
 * @param row       the detector's index
 * @param detector  its label
 * @param score     s(x), NaN if the detector failed before scoring
 * @param reference the random-order reference, empty on failure or when no cell of the row ran
 * @param failure   why the row has no curves
 */
public record StudyRow(int row, String detector, double score, Optional<RandomReference> reference,
                       Optional<String> failure) {

    public StudyRow {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(failure, "failure");
    }
}
