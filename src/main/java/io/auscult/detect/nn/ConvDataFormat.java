package io.auscult.detect.nn;

/**
 * Where the channel axis of the graphs' activations sits. A one-channel input or output has
 * the same memory in both ({@code (batch, 1, mels, frames)} = {@code (batch, mels, frames, 1)}),
 * so only the graph's inside and the layer activations handed out differ. NHWC runs the
 * oneDNN convolutions 1.5-4x faster on this machine (measured, ND4J 1.0.0-M2.1).
 */
enum ConvDataFormat {
    NCHW,
    NHWC;

    /** The shape of a one-channel tensor, (batch, 1, rows, columns) or (batch, rows, columns, 1). */
    long[] oneChannel(long batch, long rows, long columns) {
        return this == NCHW ? new long[] {batch, 1, rows, columns} : new long[] {batch, rows, columns, 1};
    }

    int channelAxis() {
        return this == NCHW ? 1 : 3;
    }

    /** The name libnd4j's conv configurations take. */
    String nd4jName() {
        return name();
    }

    /** Begin indices that drop the first row and column. */
    long[] cropBegin() {
        return this == NCHW ? new long[] {0, 0, 1, 1} : new long[] {0, 1, 1, 0};
    }

    /** Begin mask: batch and channel start at 0 whatever the begin index says. */
    int cropBeginMask() {
        return this == NCHW ? 0b0011 : 0b1001;
    }
}
