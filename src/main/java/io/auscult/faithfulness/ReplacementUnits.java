package io.auscult.faithfulness;

/**
 * What the faithfulness curve replaces one at a time: single bins, or rectangular patches of
 * {@code patchMels x patchFrames} bins tiling the grid from mel 0 and frame 0 (a patch at the
 * top or right edge may be smaller). A patch's attribution is the mean of the map over its bins.
 *
 * <p>Units are numbered time-major, like the bins of a {@code Spectrogram}:
 * {@code unit = patchFrame * melPatches + patchMel}. That number is the tie break of the
 * replacement order (earlier frame first, then lower band).
 *
 * @param frames      frames of the grid
 * @param mels        mel bands of the grid
 * @param patchMels   bands per unit (1 for bins)
 * @param patchFrames frames per unit (1 for bins)
 */
public record ReplacementUnits(int frames, int mels, int patchMels, int patchFrames) {

    public ReplacementUnits {
        if (frames <= 0 || mels <= 0) {
            throw new IllegalArgumentException("the grid must have frames and mels > 0, not " + frames + " x " + mels);
        }
        if (patchMels <= 0 || patchFrames <= 0) {
            throw new IllegalArgumentException("a patch must be at least 1 x 1 bins, not " + patchMels + " mels x "
                    + patchFrames + " frames");
        }
    }

    /** Every bin its own unit. */
    public static ReplacementUnits bins(int frames, int mels) {
        return new ReplacementUnits(frames, mels, 1, 1);
    }

    /** Patches of {@code patchMels x patchFrames} bins. */
    public static ReplacementUnits patches(int frames, int mels, int patchMels, int patchFrames) {
        return new ReplacementUnits(frames, mels, patchMels, patchFrames);
    }

    public boolean isBins() {
        return patchMels == 1 && patchFrames == 1;
    }

    public int melPatches() {
        return ceilDiv(mels, patchMels);
    }

    public int framePatches() {
        return ceilDiv(frames, patchFrames);
    }

    /** N, the number of units. */
    public int count() {
        return melPatches() * framePatches();
    }

    /** The unit holding bin (frame, mel). */
    public int unitOf(int frame, int mel) {
        return (frame / patchFrames) * melPatches() + mel / patchMels;
    }

    /**
     * Each unit's attribution: the mean of the map over the unit's bins.
     *
     * @param map time-major {@code frames x mels}
     */
    public double[] unitAttribution(double[] map) {
        requireGrid(map, "attribution map");
        if (isBins()) {
            return map.clone();
        }
        double[] sum = new double[count()];
        int[] bins = new int[count()];
        for (int f = 0; f < frames; f++) {
            for (int m = 0; m < mels; m++) {
                int u = unitOf(f, m);
                sum[u] += map[f * mels + m];
                bins[u]++;
            }
        }
        for (int u = 0; u < sum.length; u++) {
            sum[u] /= bins[u];
        }
        return sum;
    }

    /** The time-major bin indices of one unit, frame by frame. */
    public int[] binsOf(int unit) {
        int pm = unit % melPatches();
        int pf = unit / melPatches();
        int m0 = pm * patchMels;
        int m1 = Math.min(mels, m0 + patchMels);
        int f0 = pf * patchFrames;
        int f1 = Math.min(frames, f0 + patchFrames);
        int[] out = new int[(m1 - m0) * (f1 - f0)];
        int i = 0;
        for (int f = f0; f < f1; f++) {
            for (int m = m0; m < m1; m++) {
                out[i++] = f * mels + m;
            }
        }
        return out;
    }

    void requireGrid(double[] values, String what) {
        if (values.length != frames * mels) {
            throw new IllegalArgumentException(what + " has " + values.length + " values, not frames " + frames
                    + " x mels " + mels);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
