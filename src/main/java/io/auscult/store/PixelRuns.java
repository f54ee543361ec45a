package io.auscult.store;

/**
 * Sorted, disjoint, non-touching pixel intervals {@code [start[i], end[i])} of one row or band:
 * the covered pixels of a mask outline ({@link SpectrogramRaster#renderOutline}). Immutable once
 * built; {@link #union} makes a new one.
 */
final class PixelRuns {

    static final PixelRuns NONE = new PixelRuns(new int[0], new int[0], 0);

    final int[] start;
    final int[] end;
    final int count;

    private PixelRuns(int[] start, int[] end, int count) {
        this.start = start;
        this.end = end;
        this.count = count;
    }

    /**
     * The pixel columns covering a masked frame of band {@code m}: column {@code x} covers
     * frames {@code [firstFrame[x], endFrame[x])} (both non-decreasing in x), so each run of
     * masked frames covers one contiguous range of columns.
     */
    static PixelRuns ofBand(boolean[] mask, int frames, int mels, int m, int[] firstFrame, int[] endFrame) {
        Builder b = new Builder();
        int width = firstFrame.length;
        int x = 0;
        int f = 0;
        while (f < frames && x < width) {
            while (f < frames && !mask[f * mels + m]) {
                f++;
            }
            int runStart = f;
            while (f < frames && mask[f * mels + m]) {
                f++;
            }
            if (runStart == f) {
                break;
            }
            // Columns overlapping frames [runStart, f): endFrame > runStart and firstFrame < f.
            while (x < width && endFrame[x] <= runStart) {
                x++;
            }
            int a = x;
            while (x < width && firstFrame[x] < f && firstFrame[x] < endFrame[x]) {
                x++;
            }
            if (x > a) {
                b.add(a, x);
            }
            // A wide column may also cover the next run: step back so it can be found again.
            x = Math.max(a, x - 1);
        }
        return b.build();
    }

    /** The pixels covered by this or {@code other}. */
    PixelRuns union(PixelRuns other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        Builder b = new Builder();
        int i = 0;
        int j = 0;
        while (i < count || j < other.count) {
            if (j >= other.count || (i < count && start[i] <= other.start[j])) {
                b.add(start[i], end[i]);
                i++;
            } else {
                b.add(other.start[j], other.end[j]);
                j++;
            }
        }
        return b.build();
    }

    /** Writes {@code argb} over the pixels covered here but not in {@code other}, at {@code base}. */
    void paintMinus(PixelRuns other, int[] out, int base, int argb) {
        int j = 0;
        for (int i = 0; i < count; i++) {
            int x = start[i];
            int stop = end[i];
            while (x < stop) {
                while (j < other.count && other.end[j] <= x) {
                    j++;
                }
                if (j < other.count && other.start[j] <= x) {
                    x = other.end[j]; // covered there too: skip to the end of that run
                    continue;
                }
                int next = j < other.count ? Math.min(stop, other.start[j]) : stop;
                java.util.Arrays.fill(out, base + x, base + next, argb);
                x = next;
            }
        }
    }

    /** Collects intervals in ascending start order, merging overlapping or touching ones. */
    private static final class Builder {
        private int[] start = new int[4];
        private int[] end = new int[4];
        private int count;

        void add(int a, int b) {
            if (count > 0 && a <= end[count - 1]) {
                end[count - 1] = Math.max(end[count - 1], b);
                return;
            }
            if (count == start.length) {
                start = java.util.Arrays.copyOf(start, count * 2);
                end = java.util.Arrays.copyOf(end, count * 2);
            }
            start[count] = a;
            end[count] = b;
            count++;
        }

        PixelRuns build() {
            return count == 0 ? NONE : new PixelRuns(start, end, count);
        }
    }
}
