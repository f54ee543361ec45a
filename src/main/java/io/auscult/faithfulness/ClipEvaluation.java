package io.auscult.faithfulness;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One detector x method x clip of a comparison run.
 *
 * @param detector       the detector's name
 * @param method         the method's name
 * @param file           the recording
 * @param anomalous      its label
 * @param score          s(x)
 * @param faithfulness   the curve, the random reference and the gain
 * @param localisation   against the clip's ground-truth mask, when it has one
 * @param explainMillis  wall time of the attribution map
 * @param curveMillis    wall time of the map's replacement curve (the random reference is shared and not in it)
 */
public record ClipEvaluation(String detector, String method, Path file, boolean anomalous, double score,
                             Faithfulness faithfulness, Optional<Localisation> localisation, double explainMillis,
                             double curveMillis) {
}
