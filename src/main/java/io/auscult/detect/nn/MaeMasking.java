package io.auscult.detect.nn;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What the masked autoencoder hides, at training and at inference (DESIGN.md, "Detectors").
 *
 * <p>The spectrogram is cut into patches of {@code patchMels x patchFrames} (patch (i, j) covers
 * mels {@code i*patchMels ..} and frames {@code j*patchFrames ..}; the last row or column of
 * patches may be cut short). Training hides a random {@code ratio} of the units of the mask kind
 * (patches, time stripes or frequency stripes), independently per example. Inference uses
 * {@code K = 1 / ratio} fixed complementary groups: unit (i, j) is in group {@code (i + j) mod K}
 * for patches (K = 2: a checkerboard, the fixture's convention), {@code j mod K} for time stripes,
 * {@code i mod K} for frequency stripes. Each group is hidden in one pass and each bin's
 * reconstruction comes from the pass where it was hidden.
 *
 * @param patchMels   patch height in mel bands
 * @param patchFrames patch width in frames
 * @param ratio       the fraction hidden; 1 / ratio must be an integer >= 2 (the number of groups)
 * @param kind        patches or stripes
 */
public record MaeMasking(int patchMels, int patchFrames, double ratio, MaeMaskKind kind) {

    /** 16 mels x 8 frames, half hidden, patches. */
    public static final MaeMasking DEFAULT = new MaeMasking(16, 8, 0.5, MaeMaskKind.PATCHES);

    public MaeMasking {
        Objects.requireNonNull(kind, "kind");
        if (patchMels <= 0 || patchFrames <= 0) {
            throw new IllegalArgumentException("patch size must be positive, not " + patchMels + " mels x "
                    + patchFrames + " frames");
        }
        if (!(ratio > 0 && ratio < 1)) {
            throw new IllegalArgumentException("mask ratio must be in (0, 1), not " + ratio);
        }
        double k = 1 / ratio;
        if (Math.round(k) < 2 || Math.abs(k - Math.round(k)) > 1e-9) {
            throw new IllegalArgumentException("mask ratio must be 1/K for an integer K >= 2 (K complementary "
                    + "groups at inference), not " + ratio);
        }
    }

    /** K, the number of inference passes. */
    public int groups() {
        return (int) Math.round(1 / ratio);
    }

    /** The inference group of bin (mel, frame). */
    public int group(int mel, int frame) {
        int i = mel / patchMels;
        int j = frame / patchFrames;
        return switch (kind) {
            case PATCHES -> (i + j) % groups();
            case TIME_STRIPES -> j % groups();
            case FREQUENCY_STRIPES -> i % groups();
        };
    }

    /**
     * Writes the inference mask of group g on a {@code mels x frames} grid into {@code out}
     * ({@code (mels, frames)} row-major, from {@code offset}): 1 where the bin is hidden in pass g.
     */
    void inferenceMask(int g, int mels, int frames, double[] out, int offset) {
        for (int m = 0; m < mels; m++) {
            for (int f = 0; f < frames; f++) {
                out[offset + m * frames + f] = group(m, f) == g ? 1 : 0;
            }
        }
    }

    /**
     * Writes a random training mask on a {@code mels x frames} grid into {@code out} (row-major,
     * from {@code offset}): exactly {@code round(ratio * units)} units hidden (at least one),
     * chosen uniformly without replacement. Returns the number of hidden bins.
     */
    int randomMask(SplittableRandom random, int mels, int frames, double[] out, int offset) {
        int rows = (mels + patchMels - 1) / patchMels;
        int cols = (frames + patchFrames - 1) / patchFrames;
        int units = switch (kind) {
            case PATCHES -> rows * cols;
            case TIME_STRIPES -> cols;
            case FREQUENCY_STRIPES -> rows;
        };
        int hide = Math.max(1, (int) Math.round(ratio * units));
        // Partial Fisher-Yates: the first `hide` entries of a random permutation of the units.
        int[] order = new int[units];
        for (int u = 0; u < units; u++) {
            order[u] = u;
        }
        boolean[] hidden = new boolean[units];
        for (int u = 0; u < hide; u++) {
            int pick = u + random.nextInt(units - u);
            int t = order[u];
            order[u] = order[pick];
            order[pick] = t;
            hidden[order[u]] = true;
        }
        int count = 0;
        for (int m = 0; m < mels; m++) {
            int i = m / patchMels;
            for (int f = 0; f < frames; f++) {
                int j = f / patchFrames;
                int unit = switch (kind) {
                    case PATCHES -> i * cols + j;
                    case TIME_STRIPES -> j;
                    case FREQUENCY_STRIPES -> i;
                };
                boolean h = hidden[unit];
                out[offset + m * frames + f] = h ? 1 : 0;
                count += h ? 1 : 0;
            }
        }
        return count;
    }
}
