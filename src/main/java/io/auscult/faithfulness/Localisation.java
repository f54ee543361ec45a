package io.auscult.faithfulness;

import io.auscult.data.synth.AnomalyMask;
import io.auscult.metrics.Auc;
import io.auscult.metrics.UndefinedMetricException;

/**
 * How well a map points at a known anomaly region G (DESIGN.md, "Faithfulness"): the ROC AUC of
 * the map's values against G over all bins (ties count one half), the share of the positive
 * relevance A+ = max(A, 0) that falls inside G, and the ROC AUC over time only, of the frame
 * profile {@code p_f = sum over mels of A+} against "the frame has a bin in G" (temporal
 * precision).
 *
 * <p>A value that is undefined for this clip is NaN: an AUROC when G is empty or covers
 * everything (in bins or in frames), the relevance mass when the map has no positive value.
 *
 * @param pixelAuroc    ROC AUC of A against G over the bins
 * @param relevanceMass sum(A+ G) / sum(A+)
 * @param temporalAuroc ROC AUC of the frame profile against the frame labels
 */
public record Localisation(double pixelAuroc, double relevanceMass, double temporalAuroc) {

    /**
     * @param map   time-major {@code frames x mels}, finite
     * @param truth the anomaly's bins on the same grid
     */
    public static Localisation of(double[] map, AnomalyMask truth) {
        int frames = truth.frames();
        int mels = truth.mels();
        if (map.length != frames * mels) {
            throw new IllegalArgumentException("the map has " + map.length + " bins, the ground-truth mask "
                    + frames + " frames x " + mels + " mels: they are not on the same grid");
        }
        boolean[] cells = truth.cells();
        double inside = 0;
        double total = 0;
        double[] profile = new double[frames];
        boolean[] frameLabel = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            for (int m = 0; m < mels; m++) {
                int i = f * mels + m;
                double a = map[i];
                if (!Double.isFinite(a)) {
                    throw new IllegalArgumentException("the map is not finite at frame " + f + ", mel " + m);
                }
                double positive = Math.max(a, 0);
                total += positive;
                profile[f] += positive;
                if (cells[i]) {
                    inside += positive;
                    frameLabel[f] = true;
                }
            }
        }
        double mass = total > 0 ? inside / total : Double.NaN;
        return new Localisation(auroc(map, cells), mass, auroc(profile, frameLabel));
    }

    /** The frame profile {@code p_f = sum over mels of max(A, 0)}. */
    public static double[] frameProfile(double[] map, int frames, int mels) {
        double[] p = new double[frames];
        for (int f = 0; f < frames; f++) {
            for (int m = 0; m < mels; m++) {
                p[f] += Math.max(map[f * mels + m], 0);
            }
        }
        return p;
    }

    private static double auroc(double[] scores, boolean[] positive) {
        try {
            return Auc.of(scores, positive);
        } catch (UndefinedMetricException e) {
            return Double.NaN;
        }
    }
}
