package io.auscult.faithfulness;

import io.auscult.explain.AttributionMap;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One cell of a clip study: a detector (row) explained by a method (column) on the clip, with the
 * map's faithfulness curve against the row's random reference and, where the clip's anomaly
 * region is known, its localisation. A method that does not apply to the detector (Grad-CAM on the
 * dense AE), or whose curve is undefined, gives a cell with {@link #failure()} and no map.
 *
 * @param row          the detector's index in the study
 * @param column       the method's index in the study
 * @param detector     the detector's label
 * @param method       the method's name
 * @param parameters   the method's parameters (those of the map when there is one)
 * @param map          the attribution map, empty on failure
 * @param faithfulness the curve, the random reference and the gain, empty on failure
 * @param localisation against the ground-truth mask, when the clip has one on this row's grid
 * @param millis       wall time of the map
 * @param curveMillis  wall time of the map's replacement curve (the shared random reference not included)
 * @param failure      why there is no map, in words
 */
public record StudyCell(int row, int column, String detector, String method, Map<String, String> parameters,
                        Optional<AttributionMap> map, Optional<Faithfulness> faithfulness,
                        Optional<Localisation> localisation, double millis, double curveMillis,
                        Optional<String> failure) {

    public StudyCell {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(method, "method");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(faithfulness, "faithfulness");
        Objects.requireNonNull(localisation, "localisation");
        Objects.requireNonNull(failure, "failure");
        if (failure.isPresent() == map.isPresent() || map.isPresent() != faithfulness.isPresent()) {
            throw new IllegalArgumentException("a study cell has either a map with its faithfulness or a failure");
        }
    }

    /** A cell with its map. */
    static StudyCell of(int row, int column, String detector, AttributionMap map, Faithfulness faithfulness,
                        Optional<Localisation> localisation, double millis, double curveMillis) {
        return new StudyCell(row, column, detector, map.method(), map.parameters(), Optional.of(map),
                Optional.of(faithfulness), localisation, millis, curveMillis, Optional.empty());
    }

    /** A cell without a map, saying why. */
    static StudyCell failed(int row, int column, String detector, String method, Map<String, String> parameters,
                            String reason, double millis) {
        return new StudyCell(row, column, detector, method, parameters, Optional.empty(), Optional.empty(),
                Optional.empty(), millis, 0, Optional.of(reason));
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** The faithfulness gain, NaN for a failed cell. */
    public double gain() {
        return faithfulness.map(Faithfulness::gain).orElse(Double.NaN);
    }
}
