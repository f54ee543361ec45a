package io.auscult.faithfulness;

import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.Threshold;
import io.auscult.features.Spectrogram;

import java.util.List;
import java.util.Objects;

/**
 * One row of a clip study: a detector and the clip as that detector sees it. Detectors can have
 * different standardisers (each model keeps the statistics of its own training set), so each row
 * carries its own standardised input of the same clip.
 *
 * @param label            what the row is called in the grid and the report, e.g. "fan · AE"
 * @param network          the detector's network (not closed by the study)
 * @param input            the clip's standardised log-mel, time-major frames x mels
 * @param normalReferences standardised normal training inputs, the baselines of GradientSHAP and
 *                         of IG's training-mean baseline; may be empty (those methods then give a
 *                         cell with the reason instead of a map)
 * @param threshold        the detector's decision threshold
 */
public record StudyDetector(String label, ReconstructionNetwork network, Spectrogram input,
                            List<Spectrogram> normalReferences, Threshold threshold) {

    public StudyDetector {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(input, "input");
        normalReferences = List.copyOf(normalReferences);
        Objects.requireNonNull(threshold, "threshold");
    }
}
