package io.auscult.faithfulness;

import java.util.Optional;

/**
 * One row of the comparison table: a detector x method summarised over the clips.
 *
 * @param detector       the detector's name
 * @param method         the method's name
 * @param clips          clips with a curve (0 when the method does not apply; see {@code note})
 * @param area           faithfulness area, mean and 95 % CI over clips
 * @param randomArea     the random reference's area, mean over clips
 * @param gain           area - random area, mean and 95 % CI over clips
 * @param dropAt1        d at 1 % of the input, mean and CI
 * @param dropAt5        d at 5 %
 * @param dropAt10       d at 10 %
 * @param pixelAuroc     localisation AUROC over the clips with a mask
 * @param relevanceMass  relevance mass inside the mask
 * @param temporalAuroc  AUROC of the frame profile
 * @param sanity         the sanity verdict, when checked
 * @param explainMillis  mean attribution time per clip
 * @param meanDrops      the mean curve over clips (grid of {@code fractions})
 * @param randomDrops    the mean random-order curve over clips
 * @param fractions      the grid
 * @param note           why a row is empty or partial, else ""
 */
public record ComparisonRow(String detector, String method, int clips, MeanInterval area, double randomArea,
                            MeanInterval gain, MeanInterval dropAt1, MeanInterval dropAt5, MeanInterval dropAt10,
                            MeanInterval pixelAuroc, MeanInterval relevanceMass, MeanInterval temporalAuroc,
                            Optional<SanityResult> sanity, double explainMillis, double[] meanDrops,
                            double[] randomDrops, double[] fractions, String note) {
}
