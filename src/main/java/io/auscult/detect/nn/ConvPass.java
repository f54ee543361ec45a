package io.auscult.detect.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The conv backbone's forward pass and its own backward pass for input and layer gradients, run
 * on arrays kept for the last {@code (batch, mels, frames)} shape: {@link ConvForwardPlan} (ND4J's
 * ops, float or double) or {@link OneDnnConvPlan} (oneDNN called directly, float). Both compute
 * the inference graph's mathematics (folded batch norm), so they agree within float rounding.
 */
interface ConvPass extends AutoCloseable {

    /** The input array for this shape, {@code (batch, mels, frames, channels)}, to be filled by the caller. */
    INDArray input(int batch, int mels, int frames);

    /** Runs the pass on the filled input; the reconstruction {@code (batch, 1, mels, frames)}, valid until the next run. */
    INDArray run();

    /**
     * The array to fill with d loss / d reconstruction, {@code (batch, 1, mels, frames)}, before
     * {@link #backward()}; call after {@link #run()} on the same input.
     */
    INDArray gradOutput();

    /** d loss / d network input, {@code (batch, mels, frames, channels)}, from the filled {@link #gradOutput()}. */
    INDArray backward();

    /**
     * Layer {@code l}'s output (after its ReLU) and d loss / d that output, each
     * {@code (batch, channels, rows, columns)}, running only the backward steps down to that layer
     * (Grad-CAM); fill {@link #gradOutput()} first.
     */
    INDArray[] backwardTo(int l);

    /** Frees the arrays of the planned shape (the next run plans again). */
    void releaseWorkingMemory();

    @Override
    void close();
}
