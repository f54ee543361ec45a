package io.auscult.detect.nn;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ops.OpContext;

import java.util.List;

/**
 * Chooses, per op, between libnd4j's oneDNN implementation and its own. oneDNN is 2-8x faster
 * for every wide layer but pathological where a side has a single channel: the transposed conv
 * to the one output channel (batch 1 of 128 x 320: oneDNN 1.8 ms, libnd4j 0.4 ms; NHWC batch 32
 * of 128 x 64: 20 vs 7.5 ms; but NCHW from batch 2 on libnd4j's is the slower) and, at batch 1, the backprop of the first conv from a one-channel input (3.9 vs 1.3 ms).
 * Measured on this machine with ND4J 1.0.0-M2.1 (onednn-avx2), NHWC, float; the results are the
 * same up to rounding either way.
 *
 * <p>Identifies the layers by their weight variables (the second input of conv2d, deconv2d and
 * their backprop ops).
 */
final class ConvHelperPolicy extends BaseListener {

    private final String firstWeights;
    private final String lastWeights;
    private final boolean oneChannelInput;
    private final boolean lastLayerOwnKernelAtAnyBatch;

    /**
     * @param lastLayerOwnKernelAtAnyBatch use libnd4j's kernel for the last transposed conv at every
     *                                     batch size (NHWC: 7.5 vs 20 ms at batch 32), not only at
     *                                     batch 1 (NCHW: from batch 2 on its kernel is the slower one)
     */
    ConvHelperPolicy(String firstWeights, String lastWeights, boolean oneChannelInput,
                     boolean lastLayerOwnKernelAtAnyBatch) {
        this.firstWeights = firstWeights;
        this.lastWeights = lastWeights;
        this.oneChannelInput = oneChannelInput;
        this.lastLayerOwnKernelAtAnyBatch = lastLayerOwnKernelAtAnyBatch;
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext context) {
        context.allowHelpers(!useOwnImplementation(op.getOp().opName(), op.getInputsToOp(), context));
    }

    private boolean useOwnImplementation(String type, List<String> inputs, OpContext context) {
        if (inputs.size() < 2) {
            return false;
        }
        if (type.equals("deconv2d")) {
            return inputs.get(1).equals(lastWeights)
                    && (lastLayerOwnKernelAtAnyBatch || context.getInputArrays().get(0).size(0) == 1);
        }
        if (type.equals("conv2d_bp")) {
            return oneChannelInput && inputs.get(1).equals(firstWeights)
                    && context.getInputArrays().get(0).size(0) == 1;
        }
        return false;
    }
}
