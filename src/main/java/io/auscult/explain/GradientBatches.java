package io.auscult.explain;

import io.auscult.detect.ScoringNetwork;
import io.auscult.detect.ScoreGradient;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Input gradients of many inputs (IG's path points, SmoothGrad's noisy copies, GradientSHAP's
 * points) in as few network passes as the memory cap allows. The inputs are made on demand, one
 * chunk at a time, and each gradient is handed on and dropped: memory is bounded by one chunk
 * whatever the number of inputs or the recording's length (Captum's IG builds all m points of a
 * long input at once unless told otherwise, the usual out-of-memory with IG on long inputs).
 */
final class GradientBatches {

    /**
     * Input bins per pass: 4 ten-second clips (4 x 128 x 320), half the networks' own cap (about
     * 160 MB of working memory for a conv AE gradient batch). Measured on the conv AE with the
     * plan's backward pass: 28-33 ms per 10-s gradient at batch 2, 4 and 8 alike (a loaded
     * 2-core machine), so larger batches buy nothing but memory.
     */
    static final long DEFAULT_BATCH_BINS = 4L * 128 * 320;

    /** What receives each input's score and gradient, in input order. */
    @FunctionalInterface
    interface Sink {
        void accept(int index, ScoreGradient gradient);
    }

    private GradientBatches() {
    }

    /**
     * Inputs per pass for inputs like {@code example}: the requested count, or 0 for "as many as
     * the cap allows", never below one.
     */
    static int chunkSize(Spectrogram example, int requested) {
        long bins = Math.max(1, (long) example.frames() * example.mels());
        int byMemory = (int) Math.max(1, Math.min(Integer.MAX_VALUE, DEFAULT_BATCH_BINS / bins));
        return requested > 0 ? Math.min(requested, Math.max(byMemory, 1)) : byMemory;
    }

    /**
     * Runs {@code count} inputs made by {@code input} through {@code scoreGradients} in chunks of
     * {@code chunk}, reporting progress and checking cancellation between chunks.
     */
    static void run(ScoringNetwork network, int count, IntFunction<Spectrogram> input, int chunk, Sink sink,
                    Progress progress, Cancellation cancel, String what) {
        for (int from = 0; from < count; from += chunk) {
            cancel.throwIfCancelled();
            progress.report(from / (double) count, what + " " + from + "/" + count);
            int to = Math.min(count, from + chunk);
            List<Spectrogram> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                batch.add(input.apply(i));
            }
            List<ScoreGradient> grads = network.scoreGradients(batch);
            for (int i = from; i < to; i++) {
                sink.accept(i, grads.get(i - from));
            }
        }
        progress.report(1, what + " " + count + "/" + count);
    }
}
