package io.auscult.detect.nn;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.deconvolution_backward_data;
import org.bytedeco.dnnl.deconvolution_forward;
import org.bytedeco.dnnl.dnnl_blocking_desc_t;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.algorithm;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

/**
 * The conv backbone's float forward and backward passes with oneDNN's primitives called directly
 * ({@link OneDnn}): the same mathematics as {@link ConvForwardPlan} and the inference graph
 * (folded batch norm), arranged for oneDNN. Agrees with them within float rounding
 * (OneDnnConvPlanTest).
 *
 * <ul>
 *   <li>The activations stay in the layout oneDNN chooses (channel-blocked) from the first layer
 *       to the last; only the input, the reconstruction and the input gradient are reordered, to
 *       and from the ND4J arrays the callers read and write (wrapped, not copied).</li>
 *   <li>Each encoder conv carries its ReLU as a post-op. Each transposed conv runs without its
 *       bias and with padding (1, 0), which is the graph's transposed conv with its first row and
 *       column cropped; a binary add puts the bias back (with the ReLU as its post-op). oneDNN's
 *       transposed conv with a bias or a post-op ran 2-8x slower here (measured: 64 -> 32 channels,
 *       1.2 ms bare, 3.2 with the bias, 14 with a ReLU post-op; the add is 0.2 ms).</li>
 *   <li>The backward pass is oneDNN's backward-data primitives of the same layers and the ReLU's
 *       backward from its output; no weight gradients.</li>
 * </ul>
 * The primitives and arrays are made once per shape; the arrays handed to the caller are valid
 * until the next run.
 */
final class OneDnnConvPlan implements ConvPass {

    private static final memory.data_type F32 = memory.data_type.f32;
    private static final long[] STRIDES = {2, 2};
    /**
     * Padding before and after: the convs read one zero row and column in front (the one after
     * the end is never read on even sizes).
     */
    private static final long[] PAD_BEFORE = {1, 1};
    private static final long[] PAD_AFTER = {0, 0};

    private final engine engine = OneDnn.cpu();
    private final int inputChannels;
    private final List<ConvLayerWeights> layers;
    /** Per layer: the kernel as {@code (out, in, kh, kw)} dims over the graph's layout, and the folded bias. */
    private final float[][] kernels;
    private final float[][] biases;

    private long[] planned;
    private stream stream;
    private final List<Pointer> natives = new ArrayList<>();
    private final List<INDArray> buffers = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<Step> backSteps = new ArrayList<>();
    private INDArray input;
    private INDArray output;
    private memory inputMemory;
    /** Per layer: the input it read and its output (after the ReLU where it has one). */
    private memory[] layerInputs;
    private memory[] layerOutputs;
    private INDArray gradOutput;
    private INDArray gradInput;
    private int[] stepsBefore;
    private memory[] gradAt;
    /** Per layer, on first use: its output and gradient as plain NCHW arrays (Grad-CAM), and their oneDNN views. */
    private INDArray[][] layerArrays;
    private memory[][] layerArrayMemories;

    /**
     * True if oneDNN is available and every layer but the last has a multiple of its channel block
     * as output channels. With a part-empty block (say 20 channels in blocks of 8), the input
     * gradient through a ReLU'd transposed conv came out wrong in oneDNN 2.5.2 (OneDnnConvPlanTest),
     * so such networks (the fixtures' 4/8/16, odd user widths) run on the ND4J plan. The last
     * layer's single channel is handled apart and is right.
     */
    static boolean supports(ConvBackboneWeights backbone) {
        if (!OneDnn.available()) {
            return false;
        }
        int block = OneDnn.channelBlock();
        List<ConvLayerWeights> layers = backbone.layers();
        for (int l = 0; l < layers.size() - 1; l++) {
            if (layers.get(l).outChannels() % block != 0) {
                return false;
            }
        }
        return layers.get(layers.size() - 1).outChannels() == 1;
    }

    OneDnnConvPlan(ConvBackboneWeights backbone) {
        if (!supports(backbone)) {
            throw new IllegalArgumentException("oneDNN plan needs hidden widths in multiples of "
                    + OneDnn.channelBlock() + " channels and one output channel");
        }
        this.inputChannels = backbone.inputChannels();
        this.layers = backbone.layers();
        this.kernels = new float[layers.size()][];
        this.biases = new float[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            kernels[l] = ConvArrays.floats(layers.get(l).graphWeight(true));
            biases[l] = ConvArrays.floats(layers.get(l).graphBias(true));
        }
    }

    /** One primitive with its arguments. */
    private record Step(primitive op, IntMemoryMap args) {
    }

    @Override
    public INDArray input(int batch, int mels, int frames) {
        long[] shape = {batch, mels, frames, inputChannels};
        if (planned == null || !java.util.Arrays.equals(planned, shape)) {
            plan(shape);
        }
        return input;
    }

    @Override
    public INDArray run() {
        execute(steps, steps.size());
        return output;
    }

    private void plan(long[] shape) {
        release();
        planned = shape.clone();
        stream = keep(new stream(engine));
        long batch = shape[0];
        long rows = shape[1];
        long cols = shape[2];
        input = buffer(shape);
        // The caller's (batch, mels, frames, channels) array is NHWC over (batch, channels, mels, frames);
        // with one channel that is the same memory as NCHW, the layout the first conv reads.
        inputMemory = wrap(input, new long[] {batch, inputChannels, rows, cols}, inputLayout());
        layerInputs = new memory[layers.size()];
        layerOutputs = new memory[layers.size()];
        memory h = inputMemory;
        for (int l = 0; l < layers.size(); l++) {
            ConvLayerWeights layer = layers.get(l);
            long in = layer.inChannels();
            long out = layer.outChannels();
            long[] inDims = {batch, in, rows, cols};
            rows = layer.transposed() ? rows * 2 : rows / 2;
            cols = layer.transposed() ? cols * 2 : cols / 2;
            long[] outDims = {batch, out, rows, cols};
            if (!layer.transposed()) {
                convolution_forward.primitive_desc pd = keep(new convolution_forward.primitive_desc(
                        keep(convDesc(prop_kind.forward_inference, inDims, layer, outDims, true)), reluAttribute(),
                        engine));
                h = inFormat(h, pd.src_desc(), steps);
                layerInputs[l] = h;
                memory y = allocate(pd.dst_desc());
                steps.add(step(new convolution_forward(pd), DNNL_ARG_SRC, h,
                        DNNL_ARG_WEIGHTS, weights(l, pd.weights_desc()), DNNL_ARG_BIAS, bias(l), DNNL_ARG_DST, y));
                h = y;
            } else {
                deconvolution_forward.primitive_desc pd = keep(new deconvolution_forward.primitive_desc(
                        keep(deconvDesc(prop_kind.forward_inference, inDims, layer, outDims)), engine));
                h = inFormat(h, pd.src_desc(), steps);
                layerInputs[l] = h;
                memory y = allocate(pd.dst_desc());
                steps.add(step(new deconvolution_forward(pd), DNNL_ARG_SRC, h,
                        DNNL_ARG_WEIGHTS, weights(l, pd.weights_desc()), DNNL_ARG_DST, y));
                if (l < layers.size() - 1) {
                    steps.add(addBias(l, y));
                }
                h = y;
            }
            layerOutputs[l] = h;
        }
        output = buffer(batch, 1, rows, cols);
        memory outputMemory = wrap(output, new long[] {batch, 1, rows, cols}, memory.format_tag.nchw);
        steps.add(step(new reorder(h, outputMemory), DNNL_ARG_SRC, h, DNNL_ARG_DST, outputMemory));
        int last = layers.size() - 1;
        steps.add(addBias(last, outputMemory));
        layerOutputs[last] = outputMemory;
    }

    @Override
    public INDArray gradOutput() {
        if (gradOutput == null) {
            planBackward();
        }
        return gradOutput;
    }

    @Override
    public INDArray backward() {
        execute(backSteps, backSteps.size());
        return gradInput;
    }

    @Override
    public INDArray[] backwardTo(int l) {
        if (gradOutput == null) {
            planBackward();
        }
        execute(backSteps, stepsBefore[l]);
        if (layerArrays[l] == null) {
            long[] dims = dims(layerOutputs[l].get_desc());
            INDArray activation = buffer(dims);
            INDArray gradient = buffer(dims);
            layerArrays[l] = new INDArray[] {activation, gradient};
            layerArrayMemories[l] = new memory[] {wrap(activation, dims, memory.format_tag.nchw),
                    wrap(gradient, dims, memory.format_tag.nchw)};
        }
        reorderNow(layerOutputs[l], layerArrayMemories[l][0]);
        reorderNow(gradAt[l], layerArrayMemories[l][1]);
        return layerArrays[l].clone();
    }

    /**
     * The backward pass, planned on first use for the current shape: from d loss / d reconstruction
     * down each layer, its ReLU's backward from its output (where it has one), then its
     * backward-data primitive (a conv's is a transposed conv and the other way round).
     */
    private void planBackward() {
        long batch = planned[0];
        long rows = output.size(2);
        long cols = output.size(3);
        gradOutput = buffer(batch, 1, rows, cols);
        memory g = wrap(gradOutput, new long[] {batch, 1, rows, cols}, memory.format_tag.nchw);
        stepsBefore = new int[layers.size()];
        gradAt = new memory[layers.size()];
        layerArrays = new INDArray[layers.size()][];
        layerArrayMemories = new memory[layers.size()][];
        for (int l = layers.size() - 1; l >= 0; l--) {
            ConvLayerWeights layer = layers.get(l);
            memory y = layerOutputs[l];
            g = inFormat(g, y.get_desc(), backSteps);
            stepsBefore[l] = backSteps.size();
            gradAt[l] = g;
            boolean hasRelu = !layer.transposed() || layer.batchNorm() != null;
            if (hasRelu) {
                algorithm relu = algorithm.eltwise_relu_use_dst_for_bwd;
                eltwise_forward.primitive_desc hint = keep(new eltwise_forward.primitive_desc(
                        keep(new eltwise_forward.desc(prop_kind.forward_training, relu, y.get_desc(), 0f, 0f)),
                        engine));
                eltwise_backward.primitive_desc pd = keep(new eltwise_backward.primitive_desc(
                        keep(new eltwise_backward.desc(relu, y.get_desc(), y.get_desc(), 0f, 0f)), engine, hint));
                memory dg = allocate(pd.diff_src_desc());
                backSteps.add(step(new eltwise_backward(pd), DNNL_ARG_DST, y, DNNL_ARG_DIFF_DST, g,
                        DNNL_ARG_DIFF_SRC, dg));
                g = dg;
            }
            memory x = layerInputs[l];
            long[] inDims = dims(x.get_desc());
            long[] outDims = dims(y.get_desc());
            memory dx;
            if (!layer.transposed()) {
                convolution_forward.primitive_desc hint = keep(new convolution_forward.primitive_desc(
                        keep(convDesc(prop_kind.forward_training, inDims, layer, outDims, false)), engine));
                convolution_backward_data.primitive_desc pd = keep(new convolution_backward_data.primitive_desc(
                        keep(new convolution_backward_data.desc(algorithm.convolution_direct, any(inDims),
                                any(kernelDims(layer)), any(outDims), STRIDES, PAD_BEFORE, PAD_AFTER)), engine, hint));
                dx = backwardData(l, g, new convolution_backward_data(pd), pd.diff_dst_desc(), pd.diff_src_desc(),
                        pd.weights_desc());
            } else {
                deconvolution_forward.primitive_desc hint = keep(new deconvolution_forward.primitive_desc(
                        keep(deconvDesc(prop_kind.forward_training, inDims, layer, outDims)), engine));
                deconvolution_backward_data.primitive_desc pd = keep(new deconvolution_backward_data.primitive_desc(
                        keep(new deconvolution_backward_data.desc(algorithm.deconvolution_direct, any(inDims),
                                any(kernelDims(layer)), any(outDims), STRIDES, PAD_BEFORE, PAD_AFTER)), engine, hint));
                dx = backwardData(l, g, new deconvolution_backward_data(pd), pd.diff_dst_desc(), pd.diff_src_desc(),
                        pd.weights_desc());
            }
            g = dx;
        }
        gradInput = buffer(planned);
        memory gradInputMemory = wrap(gradInput, new long[] {batch, inputChannels, planned[1], planned[2]},
                inputLayout());
        backSteps.add(step((new reorder(g, gradInputMemory)), DNNL_ARG_SRC, g, DNNL_ARG_DST, gradInputMemory));
    }

    /**
     * The bias of transposed layer l added to its output y in place, with the ReLU where a batch
     * norm follows. Several channels: a binary add whose per-channel operand has the activations'
     * own channel blocking (with a plain one oneDNN falls back to its reference kernel, 10-20 ms
     * here). One channel (the last layer, added to the plain reconstruction after its reorder):
     * {@code x + b} as an element-wise linear op; on the channel-padded blocked layout the binary
     * add lost the bias (seen in OneDnnConvPlanTest) and the linear op ran the reference kernel.
     */
    private Step addBias(int l, memory y) {
        ConvLayerWeights layer = layers.get(l);
        long out = layer.outChannels();
        if (out == 1 && layer.batchNorm() == null) {
            eltwise_forward.primitive_desc pd = keep(new eltwise_forward.primitive_desc(keep(new eltwise_forward.desc(
                    prop_kind.forward_inference, algorithm.eltwise_linear, y.get_desc(), 1f, biases[l][0])), engine));
            return step(new eltwise_forward(pd), DNNL_ARG_SRC, y, DNNL_ARG_DST, y);
        }
        memory.desc biasDesc = keep(new memory.desc(new long[] {1, out, 1, 1}, F32, sameChannelBlocking(y.get_desc())));
        memory b = allocate(biasDesc);
        memory plainBias = allocate(keep(new memory.desc(new long[] {1, out, 1, 1}, F32, memory.format_tag.abcd)));
        new FloatPointer(plainBias.get_data_handle()).put(biases[l]);
        reorderNow(plainBias, b);
        primitive_attr then = layer.batchNorm() != null ? reluAttribute() : keep(new primitive_attr());
        binary.primitive_desc add = keep(new binary.primitive_desc(
                keep(new binary.desc(algorithm.binary_add, y.get_desc(), biasDesc, y.get_desc())), then, engine));
        return step(new binary(add), DNNL_ARG_SRC_0, y, DNNL_ARG_SRC_1, b, DNNL_ARG_DST, y);
    }

    private memory.format_tag inputLayout() {
        return inputChannels == 1 ? memory.format_tag.nchw : memory.format_tag.nhwc;
    }

    /**
     * One layer's backward-data step: the gradient {@code g} in the layout the primitive wants, the
     * primitive with layer l's kernel, and the gradient it writes (returned).
     */
    private memory backwardData(int l, memory g, primitive op, memory.desc diffDst, memory.desc diffSrc,
                                memory.desc weightsLayout) {
        memory in = inFormat(g, diffDst, backSteps);
        memory dx = allocate(diffSrc);
        backSteps.add(step(op, DNNL_ARG_DIFF_DST, in, DNNL_ARG_WEIGHTS, weights(l, weightsLayout),
                DNNL_ARG_DIFF_SRC, dx));
        return dx;
    }

    private convolution_forward.desc convDesc(prop_kind kind, long[] inDims, ConvLayerWeights layer, long[] outDims,
                                              boolean withBias) {
        memory.desc bias = keep(new memory.desc(new long[] {layer.outChannels()}, F32, memory.format_tag.x));
        return withBias
                ? new convolution_forward.desc(kind, algorithm.convolution_direct, any(inDims), any(kernelDims(layer)),
                        bias, any(outDims), STRIDES, PAD_BEFORE, PAD_AFTER)
                : new convolution_forward.desc(kind, algorithm.convolution_direct, any(inDims), any(kernelDims(layer)),
                        any(outDims), STRIDES, PAD_BEFORE, PAD_AFTER);
    }

    private deconvolution_forward.desc deconvDesc(prop_kind kind, long[] inDims, ConvLayerWeights layer,
                                                  long[] outDims) {
        return new deconvolution_forward.desc(kind, algorithm.deconvolution_direct, any(inDims), any(kernelDims(layer)),
                any(outDims), STRIDES, PAD_BEFORE, PAD_AFTER);
    }

    /** oneDNN's weight dims, {@code (out, in, kh, kw)}, for a conv and a transposed conv alike. */
    private static long[] kernelDims(ConvLayerWeights layer) {
        int k = ConvLayerWeights.KERNEL;
        return new long[] {layer.outChannels(), layer.inChannels(), k, k};
    }

    /**
     * Layer l's kernel in the layout {@code want}, reordered once from the graph's layout: YXIO,
     * {@code [kh][kw][in][out]}, for a conv and {@code [kh][kw][out][in]} for a transposed conv,
     * described by strides over oneDNN's (out, in, kh, kw) dims.
     */
    private memory weights(int l, memory.desc want) {
        ConvLayerWeights layer = layers.get(l);
        long[] dims = kernelDims(layer);
        long out = layer.outChannels();
        long in = layer.inChannels();
        long k = ConvLayerWeights.KERNEL;
        long[] strides = layer.transposed()
                ? new long[] {in, 1, k * out * in, out * in}
                : new long[] {1, out, k * in * out, in * out};
        memory plain = allocate(keep(new memory.desc(dims, F32, strides)));
        new FloatPointer(plain.get_data_handle()).put(kernels[l]);
        memory blocked = allocate(want);
        reorderNow(plain, blocked);
        return blocked;
    }

    private memory bias(int l) {
        memory b = allocate(keep(new memory.desc(new long[] {biases[l].length}, F32, memory.format_tag.x)));
        new FloatPointer(b.get_data_handle()).put(biases[l]);
        return b;
    }

    private primitive_attr reluAttribute() {
        post_ops ops = keep(new post_ops());
        ops.append_eltwise(1f, algorithm.eltwise_relu, 0f, 0f);
        primitive_attr attribute = keep(new primitive_attr());
        attribute.set_post_ops(ops);
        return attribute;
    }

    /**
     * The 4-d tag with the same channel blocking as {@code d} ({@code aBcd8b} for oneDNN's usual
     * {@code nChw8c} on AVX2, {@code aBcd16b} on AVX-512), or plain {@code abcd}.
     */
    private static memory.format_tag sameChannelBlocking(memory.desc d) {
        dnnl_blocking_desc_t blocking = d.data().format_desc_blocking();
        if (blocking.inner_nblks() == 1 && blocking.inner_idxs().get(0) == 1) {
            long block = blocking.inner_blks().get(0);
            if (block == 4) {
                return memory.format_tag.aBcd4b;
            }
            if (block == 8) {
                return memory.format_tag.aBcd8b;
            }
            if (block == 16) {
                return memory.format_tag.aBcd16b;
            }
        }
        return memory.format_tag.abcd;
    }

    /** {@code m} itself if it has layout {@code want}, else a new array in that layout filled by a reorder step. */
    private memory inFormat(memory m, memory.desc want, List<Step> into) {
        if (m.get_desc().equals(want)) {
            return m;
        }
        memory converted = allocate(want);
        into.add(step((new reorder(m, converted)), DNNL_ARG_SRC, m, DNNL_ARG_DST, converted));
        return converted;
    }

    private void reorderNow(memory from, memory to) {
        try (reorder r = new reorder(from, to)) {
            r.execute(stream, from, to);
            stream._wait();
        }
    }

    private void execute(List<Step> list, int count) {
        for (int i = 0; i < count; i++) {
            Step s = list.get(i);
            s.op().execute(stream, s.args());
        }
        stream._wait();
    }

    private Step step(primitive op, Object... args) {
        keep(op);
        IntMemoryMap map = keep(new IntMemoryMap());
        for (int i = 0; i < args.length; i += 2) {
            map.put((Integer) args[i], (memory) args[i + 1]);
        }
        return new Step(op, map);
    }

    private memory.desc any(long[] dims) {
        return keep(new memory.desc(dims, F32, memory.format_tag.any));
    }

    private memory allocate(memory.desc d) {
        return keep(new memory(d, engine));
    }

    /** A oneDNN view of a dense float ND4J array (no copy): its buffer read as {@code tag} over {@code dims}. */
    private memory wrap(INDArray a, long[] dims, memory.format_tag tag) {
        return keep(new memory(keep(new memory.desc(dims, F32, tag)), engine, a.data().addressPointer()));
    }

    private INDArray buffer(long... shape) {
        INDArray a = Nd4j.createUninitializedDetached(DataType.FLOAT, shape);
        buffers.add(a);
        return a;
    }

    private static long[] dims(memory.desc d) {
        long[] dims = new long[d.data().ndims()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = d.data().dims().get(i);
        }
        return dims;
    }

    private <P extends Pointer> P keep(P p) {
        natives.add(p);
        return p;
    }
    @Override
    public void releaseWorkingMemory() {
        release();
    }

    private void release() {
        steps.clear();
        backSteps.clear();
        // In reverse order of making: what was made later (primitives, their argument maps)
        // refers to what was made before it (oneDNN arrays, descriptors); the ND4J arrays last.
        for (int i = natives.size() - 1; i >= 0; i--) {
            natives.get(i).close();
        }
        natives.clear();
        buffers.forEach(ConvArrays::close);
        buffers.clear();
        planned = null;
        input = null;
        inputMemory = null;
        output = null;
        gradOutput = null;
        gradInput = null;
        layerInputs = null;
        layerOutputs = null;
        stepsBefore = null;
        gradAt = null;
        layerArrays = null;
        layerArrayMemories = null;
        stream = null;
    }

    @Override
    public void close() {
        release();
    }
}
