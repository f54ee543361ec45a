package io.auscult.faithfulness;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a clip study measures: the replacement units, the faithfulness measure (grid, budgets, R
 * seeded random orders) and the seed of the methods' own randomness.
 *
 * @param patchMels   unit height in bands (1 with patchFrames 1: single bins)
 * @param patchFrames unit width in frames
 * @param measure     the grid, the budgets and the random reference
 * @param seed        seed of SmoothGrad's noise and GradientSHAP's draws
 */
public record StudySettings(int patchMels, int patchFrames, FaithfulnessMeasure measure, long seed) {

    /** Patch units of DESIGN.md: the MAE's default patch, 16 mels x 8 frames. */
    public static final int PATCH_MELS = 16;
    public static final int PATCH_FRAMES = 8;

    public StudySettings {
        if (patchMels < 1 || patchFrames < 1) {
            throw new IllegalArgumentException("units must be at least 1 x 1 bins, not " + patchMels + " x "
                    + patchFrames);
        }
        Objects.requireNonNull(measure, "measure");
    }

    /** Single bins, the standard grid and budgets, R = 5 random orders, all seeded with {@code seed}. */
    public static StudySettings bins(long seed) {
        return new StudySettings(1, 1, FaithfulnessMeasure.standard(seed), seed);
    }

    /** Patches of 16 mels x 8 frames, otherwise as {@link #bins(long)}. */
    public static StudySettings patches(long seed) {
        return new StudySettings(PATCH_MELS, PATCH_FRAMES, FaithfulnessMeasure.standard(seed), seed);
    }

    public boolean isBins() {
        return patchMels == 1 && patchFrames == 1;
    }

    public ReplacementUnits units(int frames, int mels) {
        return ReplacementUnits.patches(frames, mels, patchMels, patchFrames);
    }

    /** The settings by name, for report headers (insertion order). */
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("units", isBins() ? "single bins" : "patches of " + patchMels + " mels x " + patchFrames + " frames");
        d.put("grid", "k = " + Arrays.toString(measure.perturbation().grid().fractions()));
        d.put("random reference", "R = " + measure.randomOrders() + " seeded random orders (band: their min..max)");
        d.put("seed", Long.toString(seed));
        return d;
    }
}
