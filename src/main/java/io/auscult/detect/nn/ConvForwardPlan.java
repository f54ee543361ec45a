package io.auscult.detect.nn;

import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * The inference graph's forward pass run op by op on preallocated arrays, without SameDiff's
 * per-call session work, which costs as much as the ops themselves for one 10-s clip (measured
 * 12-14 ms through SameDiff vs 8-9 ms here, ops 8 ms), and its own backward pass for input and
 * layer gradients. The same mathematics as {@link ConvInferenceGraph} (folded batch norm, the same
 * conv and transposed-conv ops) in a faster arrangement, so equal to the graph within float
 * rounding, not bit for bit (ConvPlanFloatTest, ConvPlanGradientTest): the transposed convs run
 * without their bias, which the crop adds (oneDNN's transposed conv with a bias was 1.7-2.4x
 * slower), and every layer runs NCHW.
 *
 * <p>All layers NCHW (the graph runs its encoder NHWC): oneDNN's convs and transposed convs are
 * as fast or faster NCHW on these shapes, and no layout change is needed between encoder and
 * decoder; a one-channel input is the same memory in both layouts (the MAE's two channels are
 * rearranged on the way in and the input gradient on the way out). The arrays are kept for the
 * last (batch, frames) shape and replaced when it changes; the reconstruction handed to the
 * caller is only valid until the next run.
 */
final class ConvForwardPlan implements ConvPass {

    private final DataType dataType;
    private final int inputChannels;
    private final List<ConvLayerWeights> layers;
    private final List<INDArray[]> weights = new ArrayList<>();
    private final int levels;

    private long[] planned;
    private INDArray input;
    private INDArray output;
    private final List<Runnable> steps = new ArrayList<>();
    private final List<INDArray> buffers = new ArrayList<>();
    private final List<OpContext> contexts = new ArrayList<>();
    /** Each layer's output (after its ReLU where it has one), for the backward pass. */
    private final List<INDArray> outputs = new ArrayList<>();
    private final List<Runnable> backSteps = new ArrayList<>();
    private INDArray gradOutput;
    private INDArray gradInput;
    /** Per layer: the backward steps to run before d loss / d (its output) is complete, and that gradient. */
    private int[] stepsBefore;
    private INDArray[] gradAt;

    ConvForwardPlan(ConvBackboneWeights backbone, DataType dataType) {
        ConvArrays.requireSupported(dataType);
        this.dataType = dataType;
        this.inputChannels = backbone.inputChannels();
        this.layers = backbone.layers();
        this.levels = backbone.levels();
        long k = ConvLayerWeights.KERNEL;
        for (ConvLayerWeights l : layers) {
            long[] shape = l.transposed() ? new long[] {k, k, l.outChannels(), l.inChannels()}
                    : new long[] {k, k, l.inChannels(), l.outChannels()};
            weights.add(new INDArray[] {ConvArrays.create(dataType, l.graphWeight(true), shape),
                    ConvArrays.create(dataType, l.graphBias(true), l.outChannels())});
        }
    }

    /** The input array for this shape, {@code (batch, mels, frames, channels)}, to be filled by the caller. */
    @Override
    public INDArray input(int batch, int mels, int frames) {
        long[] shape = {batch, mels, frames, inputChannels};
        if (planned == null || !java.util.Arrays.equals(planned, shape)) {
            plan(shape);
        }
        return input;
    }

    /** Runs the planned pass on the filled input; the reconstruction {@code (batch, 1, mels, frames)}. */
    @Override
    public INDArray run() {
        for (Runnable step : steps) {
            step.run();
        }
        return output;
    }

    private void plan(long[] shape) {
        release();
        planned = shape.clone();
        input = buffer(shape);
        Conv2DConfig conv = Conv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(1).pW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO)
                .build();
        DeConv2DConfig deconv = DeConv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(0).pW(0).dH(1).dW(1)
                .isSameMode(false).dataFormat(DeConv2DConfig.NCHW).build();
        INDArray h = nchw(input, shape);
        long batch = shape[0];
        long rows = shape[1];
        long cols = shape[2];
        for (int l = 0; l < layers.size(); l++) {
            ConvLayerWeights layer = layers.get(l);
            INDArray[] wb = weights.get(l);
            if (!layer.transposed()) {
                rows /= 2;
                cols /= 2;
                INDArray out = buffer(batch, layer.outChannels(), rows, cols);
                step(new Conv2D(new INDArray[] {h, wb[0], wb[1]}, new INDArray[] {out}, conv), true);
                relu(out);
                outputs.add(out);
                h = out;
            } else {
                INDArray full = buffer(batch, layer.outChannels(), 2 * rows + 1, 2 * cols + 1);
                boolean last = l == layers.size() - 1;
                if (!last) {
                    // Without its bias: oneDNN's transposed conv with a bias took 2.4 / 3.5 ms for
                    // dec1 / dec2 at batch 1 and 1.4 / 2.0 ms without (17 / 24 vs 10 / 11 ms at
                    // batch 7); the bias is added by the crop below instead, for free.
                    step(new DeConv2D(new INDArray[] {h, wb[0]}, new INDArray[] {full}, deconv), true);
                } else {
                    // The transposed conv to one channel: libnd4j's own kernel, one example at a time
                    // (measured 0.4 ms at batch 1, but 7.5 ms at batch 2; oneDNN 1.8 and 3.5 ms).
                    for (long b = 0; b < batch; b++) {
                        step(new DeConv2D(new INDArray[] {example(h, b), wb[0]}, new INDArray[] {example(full, b)},
                                deconv), false);
                    }
                }
                rows *= 2;
                cols *= 2;
                INDArray view = full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, rows + 1),
                        NDArrayIndex.interval(1, cols + 1));
                INDArray out = buffer(batch, layer.outChannels(), rows, cols);
                // Crop and bias in one op: BiasAdd reads the strided view 2.5-3.5x faster than
                // assign copies it (0.05-0.10 ms vs 0.13-0.28 at batch 1).
                step(new BiasAdd(view, wb[1], out, true), false);
                if (layer.batchNorm() != null) {
                    relu(out);
                }
                outputs.add(out);
                h = out;
            }
        }
        output = h;
    }

    /**
     * The array to fill with d loss / d reconstruction, {@code (batch, 1, mels, frames)}, before
     * {@link #backward()}; plans the backward pass for the current shape on first use. Call after
     * {@link #run()} on the same input: the backward pass reads the forward pass's activations.
     */
    @Override
    public INDArray gradOutput() {
        if (gradOutput == null) {
            planBackward();
        }
        return gradOutput;
    }

    /**
     * d loss / d network input, {@code (batch, mels, frames, channels)} NHWC, from the filled
     * {@link #gradOutput()}; valid until the next run.
     */
    @Override
    public INDArray backward() {
        for (Runnable step : backSteps) {
            step.run();
        }
        return gradInput;
    }

    /**
     * The input gradient as the transposes of the forward ops, without SameDiff: the gradient of a
     * transposed conv (k3 s2, padding 0, then the first row and column dropped) with respect to
     * its input is a stride-2 conv, with the same weights read as YXIO, of the output gradient
     * with a zero row and column put back in front (padding 1); the gradient of a conv (k3 s2 p1) is
     * a transposed conv with the same weights (YXIO [k, k, in, out] is the deconv layout
     * [k, k, its out, its in]) cropped the same way; ReLU passes the gradient where its output is
     * positive. No weight gradients are computed (SameDiff's backprop always computes them too:
     * BENCHMARKS.md). All NCHW, as the forward pass.
     */
    private void planBackward() {
        long batch = planned[0];
        // Padding 1 on each side stands for the zero row and column in front of the output
        // gradient (the padding after the end is never read: the last stride-2 window of an even
        // length ends on its last element), so no padded copy of the gradient is made.
        Conv2DConfig conv = Conv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(1).pW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO)
                .build();
        DeConv2DConfig deconv = DeConv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(0).pW(0).dH(1).dW(1)
                .isSameMode(false).dataFormat(DeConv2DConfig.NCHW).build();
        gradOutput = buffer(output.shape());
        INDArray g = gradOutput;
        stepsBefore = new int[layers.size()];
        gradAt = new INDArray[layers.size()];
        for (int l = layers.size() - 1; l >= 0; l--) {
            ConvLayerWeights layer = layers.get(l);
            INDArray w = weights.get(l)[0];
            INDArray out = outputs.get(l);
            stepsBefore[l] = backSteps.size();
            gradAt[l] = g;
            boolean hasRelu = !layer.transposed() || layer.batchNorm() != null;
            if (hasRelu) {
                // ReLU's gradient as g * sign(out) (out >= 0 after the ReLU, so sign is its 0/1
                // derivative): two plain element-wise ops, 0.6 ms on enc1's 327,680 values where
                // ThresholdReluBp took 4.2 ms (measured, loaded 2-core machine); together 9.8 of the
                // 22.6-ms backward pass went to ThresholdReluBp.
                // The op objects are made once: constructing a legacy op costs 30-80 us per call
                // (validation and shape bookkeeping), about as much as running it on 82k values.
                INDArray derivative = buffer(out.shape());
                Sign sign = new Sign(out, derivative);
                MulOp times = new MulOp(g, derivative, g);
                backSteps.add(() -> {
                    Nd4j.exec(sign);
                    Nd4j.exec(times);
                });
            }
            if (layer.transposed()) {
                long rows = g.size(2);
                long cols = g.size(3);
                INDArray in = buffer(batch, layer.inChannels(), rows / 2, cols / 2);
                backStep(new Conv2D(new INDArray[] {g, w}, new INDArray[] {in}, conv), true);
                g = in;
            } else {
                long rows = g.size(2);
                long cols = g.size(3);
                INDArray full = buffer(batch, layer.inChannels(), 2 * rows + 1, 2 * cols + 1);
                if (l != 0) {
                    backStep(new DeConv2D(new INDArray[] {g, w}, new INDArray[] {full}, deconv), true);
                } else {
                    // To the 1 or 2 input channels: libnd4j's own kernel, one example at a time, as
                    // the forward pass's last transposed conv (oneDNN is slow on so few channels).
                    for (long b = 0; b < batch; b++) {
                        backStep(new DeConv2D(new INDArray[] {example(g, b), w}, new INDArray[] {example(full, b)},
                                deconv), false);
                    }
                }
                INDArray view = full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 2 * rows + 1),
                        NDArrayIndex.interval(1, 2 * cols + 1));
                INDArray in = buffer(batch, layer.inChannels(), 2 * rows, 2 * cols);
                // The crop as a BiasAdd of zeros: the same values, 2.5-3.5x faster than assign from
                // the strided view (0.02-0.10 ms vs 0.05-0.28 at batch 1, 0.15-0.25 vs 0.46-0.94 at 4).
                INDArray zeros = buffer(layer.inChannels());
                zeros.assign(0);
                backStep(new BiasAdd(view, zeros, in, true), false);
                g = in;
            }
        }
        gradInput = nhwcGradient(g);
    }

    /** The NHWC input as NCHW: the same memory for one channel, else a rearranged copy each run. */
    private INDArray nchw(INDArray nhwc, long[] shape) {
        if (shape[3] == 1) {
            return nhwc.reshape('c', shape[0], 1, shape[1], shape[2]);
        }
        INDArray nchw = buffer(shape[0], shape[3], shape[1], shape[2]);
        steps.add(() -> nchw.assign(nhwc.permute(0, 3, 1, 2)));
        return nchw;
    }

    /** The NCHW input gradient as the NHWC the caller reads: as {@link #nchw}, the other way. */
    private INDArray nhwcGradient(INDArray nchw) {
        long[] s = nchw.shape();
        if (s[1] == 1) {
            return nchw.reshape('c', s[0], s[2], s[3], 1);
        }
        INDArray nhwc = buffer(s[0], s[2], s[3], s[1]);
        backSteps.add(() -> nhwc.assign(nchw.permute(0, 2, 3, 1)));
        return nhwc;
    }

    /**
     * Layer {@code l}'s output (after its ReLU) and d loss / d that output, each
     * {@code (batch, channels, rows, columns)}, running only the
     * backward steps down to that layer (Grad-CAM); fill {@link #gradOutput()} first. Valid until
     * the next run.
     */
    @Override
    public INDArray[] backwardTo(int l) {
        if (gradOutput == null) {
            planBackward();
        }
        for (int i = 0; i < stepsBefore[l]; i++) {
            backSteps.get(i).run();
        }
        return new INDArray[] {outputs.get(l), gradAt[l]};
    }

    private void backStep(CustomOp op, boolean helpers) {
        OpContext context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(op.inputArguments());
        context.setOutputArrays(op.outputArguments());
        context.setIArguments(op.iArgs());
        context.setBArguments(op.bArgs());
        context.allowHelpers(helpers);
        contexts.add(context);
        backSteps.add(() -> Nd4j.getExecutioner().exec(op, context));
    }

    private INDArray buffer(long... shape) {
        INDArray a = Nd4j.createUninitializedDetached(dataType, shape);
        buffers.add(a);
        return a;
    }

    private void step(CustomOp op, boolean helpers) {
        OpContext context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(op.inputArguments());
        context.setOutputArrays(op.outputArguments());
        context.setIArguments(op.iArgs());
        context.setBArguments(op.bArgs());
        context.allowHelpers(helpers);
        contexts.add(context);
        steps.add(() -> Nd4j.getExecutioner().exec(op, context));
    }

    private void relu(INDArray inPlace) {
        // Made once (see planBackward): a new RectifiedLinear per run took 0.08-0.13 ms, a reused one 0.03-0.05.
        RectifiedLinear relu = new RectifiedLinear(inPlace, inPlace, 0.0);
        steps.add(() -> Nd4j.exec(relu));
    }

    /** Frees the arrays of the planned shape (the next run plans again). */
    @Override
    public void releaseWorkingMemory() {
        release();
    }

    private void release() {
        steps.clear();
        backSteps.clear();
        outputs.clear();
        gradOutput = null;
        gradInput = null;
        stepsBefore = null;
        gradAt = null;
        for (OpContext c : contexts) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not free an op context", e);
            }
        }
        contexts.clear();
        buffers.forEach(ConvArrays::close);
        buffers.clear();
        planned = null;
    }

    int levels() {
        return levels;
    }

    @Override
    public void close() {
        release();
        for (INDArray[] wb : weights) {
            ConvArrays.close(wb[0]);
            ConvArrays.close(wb[1]);
        }
    }

    /** Example {@code b} of a 4-d batch, as a view of batch size 1. */
    private static INDArray example(INDArray batch, long b) {
        return batch.get(NDArrayIndex.interval(b, b + 1), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
