package io.auscult.faithfulness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a comparison run measures.
 *
 * @param patchMels    unit height in bands (1 with patchFrames 1: single bins)
 * @param patchFrames  unit width in frames
 * @param measure      the grid, budgets, R random orders and their seed
 * @param sanity       the randomisation check
 * @param sanityClips  clips per detector x method the sanity check runs on (0: none); the first
 *                     clips evaluated, it is the costliest part of a run
 * @param seed         the seed of the methods' own randomness (SmoothGrad noise, GradientSHAP draws)
 */
public record ComparisonSettings(int patchMels, int patchFrames, FaithfulnessMeasure measure, SanityCheck sanity,
                                 int sanityClips, long seed) {

    public ComparisonSettings {
        if (patchMels < 1 || patchFrames < 1) {
            throw new IllegalArgumentException("units must be at least 1 x 1 bins, not " + patchMels + " x "
                    + patchFrames);
        }
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(sanity, "sanity");
        if (sanityClips < 0) {
            throw new IllegalArgumentException("sanity clips must be >= 0, not " + sanityClips);
        }
    }

    /** Bins, the standard grid, R = 5, the sanity check on one clip. */
    public static ComparisonSettings standard(long seed) {
        return new ComparisonSettings(1, 1, FaithfulnessMeasure.standard(seed), SanityCheck.standard(seed), 1, seed);
    }

    public ReplacementUnits units(int frames, int mels) {
        return ReplacementUnits.patches(frames, mels, patchMels, patchFrames);
    }

    /** The settings in words, for report headers. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("units: " + (patchMels == 1 && patchFrames == 1 ? "single bins"
                : "patches of " + patchMels + " mels x " + patchFrames + " frames"));
        lines.add("grid: k = " + Arrays.toString(measure.perturbation().grid().fractions()));
        lines.add("random reference: mean of R = " + measure.randomOrders() + " seeded random orders");
        lines.add("sanity: cascading randomisation on the first " + sanityClips + " clip(s); pass when |rho| < "
                + sanity.threshold() + " with every layer re-drawn");
        lines.add("seed: " + seed);
        return lines;
    }
}
