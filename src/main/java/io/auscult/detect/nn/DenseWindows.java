package io.auscult.detect.nn;

/**
 * How the dense autoencoder sees a recording: window {@code s} holds frames {@code s .. s+c-1}
 * (c = context frames), frame-major, so its element {@code j * mels + m} is band m of frame
 * s + j (fixture README, "The tiny DCASE dense AE"). On Auscult's time-major grid
 * ({@code f * mels + m}) that is the contiguous run {@code [s * mels, s * mels + c * mels)}:
 * stacking is slicing, and element k of window s lies on grid index {@code s * mels + k}.
 *
 * <p>A recording of T frames has {@code T - c + 1} windows; frame f lies in
 * {@link #coverage} of them (1, 2, ..., c, ..., c, ..., 2, 1). Per-bin maps are means over the
 * windows that contain the bin; the input gradient is a sum over them (a bin feeds each).
 */
final class DenseWindows {

    private DenseWindows() {
    }

    /** Windows of a recording of {@code frames} frames (at least 1: see {@link #requireOneWindow}). */
    static int count(int frames, int context) {
        return frames - context + 1;
    }

    /**
     * @throws IllegalArgumentException if the recording is shorter than one window, saying so
     */
    static void requireOneWindow(String what, int frames, int context) {
        if (frames < context) {
            throw new IllegalArgumentException(what + " has " + frames + " frame" + (frames == 1 ? "" : "s")
                    + ", too short for the dense autoencoder: it needs at least " + context
                    + " frames (one window of " + context + " consecutive frames)");
        }
    }

    /** How many windows contain frame {@code frame}. */
    static int coverage(int frame, int frames, int context) {
        int last = count(frames, context) - 1;
        return Math.min(frame, last) - Math.max(0, frame - context + 1) + 1;
    }

    /** All windows of a time-major recording, one after the other ({@code count x context*mels}). */
    static double[] stack(double[] timeMajor, int mels, int context) {
        int frames = timeMajor.length / mels;
        int size = context * mels;
        int windows = count(frames, context);
        double[] out = new double[windows * size];
        for (int s = 0; s < windows; s++) {
            System.arraycopy(timeMajor, s * mels, out, s * size, size);
        }
        return out;
    }

    /** Turns per-bin sums over windows into per-bin means, in place. */
    static void divideByCoverage(double[] timeMajorSums, int mels, int context) {
        int frames = timeMajorSums.length / mels;
        for (int f = 0; f < frames; f++) {
            double n = coverage(f, frames, context);
            for (int m = 0; m < mels; m++) {
                timeMajorSums[f * mels + m] /= n;
            }
        }
    }
}
