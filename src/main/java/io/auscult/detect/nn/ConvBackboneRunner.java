package io.auscult.detect.nn;

import io.auscult.detect.BandErrorStatistics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one batch of equally long inputs through the inference graph: pads the frames to the
 * stride multiple, builds the MAE's K passes, and turns the graph's outputs back into
 * per-input reconstructions, error maps, scores and gradients on the real bins.
 *
 * <p>Everything here is in the fixtures' orientation, {@code (mels, frames)} row-major doubles;
 * the networks convert from and to the time-major Spectrogram contract.
 *
 * <p>The MAE's K passes use an identity that keeps the graph simple and exact: input n is
 * replicated K times (batch index {@code n*K + g}); pass g hides group g's bins
 * ({@code mask_g}); the combined reconstruction is {@code r = sum_g mask_g * out_g} and, the masks
 * being a partition, {@code (x - r)^2 = sum_g mask_g * (x - out_g)^2}. So the score is the sum
 * over passes of each pass's error weighted by {@code mask_g / realBins}, and because the input
 * reaches the score only through its K copies, ds/dx is the sum of the K copies' gradients.
 *
 * <p>Scoring alone runs the {@link ConvForwardPlan}; gradients and layer activations run the
 * SameDiff graph. Both give the reconstruction, from which the error map and the score
 * ({@code sum of (x - r)^2 over the real bins / real bins}, in double) are computed here, once,
 * the same way for both paths.
 *
 * <p>With {@linkplain #bandScore band statistics} set, the score is instead the largest
 * standardised band error ({@link BandErrorStatistics}), and its gradient the gradient of the worst
 * band's mean squared error divided by that band's standard deviation: the same loss with weight
 * {@code 1 / (std_b * frames)} on band b's real bins and 0 elsewhere.
 */
final class ConvBackboneRunner implements AutoCloseable {

    private final ConvInferenceGraph graph;
    /**
     * Plans by (batch, frames, mels), most recently used last, at most {@value #PLANS}: explanation
     * methods alternate shapes (one clip, then chunks of path points, then a shorter last chunk)
     * and re-planning a shape allocates all its arrays again.
     */
    private final java.util.LinkedHashMap<List<Integer>, ConvPass> plans =
            new java.util.LinkedHashMap<>(8, 0.75f, true);
    private static final int PLANS = 3;
    private final ConvBackboneWeights weights;
    private final DataType dataType;
    private ConvPass plan;
    private final MaeMasking masking;
    private final int mels;
    private final int multiple;
    private double[][] cachedMasks;
    /** Input gradients through the SameDiff graph instead of the plan's backward pass (for comparison tests). */
    private boolean useGraphForGradients;
    private int cachedMasksFrames = -1;
    /** The band score's statistics, or null for the mean squared error. */
    private BandErrorStatistics band;

    /** @param masking the MAE's masking, or null for the plain conv AE */
    ConvBackboneRunner(ConvBackboneWeights weights, DataType dataType, MaeMasking masking, int mels) {
        if ((masking != null) != (weights.inputChannels() == 2)) {
            throw new IllegalArgumentException(masking == null
                    ? "weights with 2 input channels belong to a masked autoencoder"
                    : "a masked autoencoder needs weights with 2 input channels");
        }
        if (mels % weights.sizeMultiple() != 0) {
            throw new IllegalArgumentException("mel bands must be a multiple of " + weights.sizeMultiple()
                    + " for a network with " + weights.levels() + " levels, not " + mels);
        }
        this.graph = new ConvInferenceGraph(weights, dataType);
        this.weights = weights;
        this.dataType = dataType;
        this.masking = masking;
        this.mels = mels;
        this.multiple = weights.sizeMultiple();
    }

    /** Routes input gradients through the SameDiff graph (true) or the plan (false, the default and faster). */
    void useGraphForGradients(boolean graph) {
        this.useGraphForGradients = graph;
    }

    /** Scores by the worst standardised band ({@code statistics}) or, with null, by the mean squared error. */
    void bandScore(BandErrorStatistics statistics) {
        if (statistics != null && statistics.bands() != mels) {
            throw new IllegalArgumentException("band statistics of " + statistics.bands() + " bands for a network of "
                    + mels);
        }
        this.band = statistics;
    }

    BandErrorStatistics bandScore() {
        return band;
    }

    int passes() {
        return masking == null ? 1 : masking.groups();
    }

    int paddedFrames(int frames) {
        return (frames + multiple - 1) / multiple * multiple;
    }

    List<String> blockNames() {
        return graph.blockNames();
    }

    /** What one input gets back; the gradient and layer only when asked for. */
    record Result(double[] reconstruction, double[] errorMap, double score, double[] gradient,
                  ConvLayerGradient layer) {
    }

    /**
     * Runs the inputs (each {@code mels x frames}, row-major) as one batch.
     *
     * @param gradient also compute ds/dx
     * @param layer    also return this block's activation and ds/dactivation, or null
     */
    List<Result> run(List<double[]> inputs, int frames, boolean gradient, String layer) {
        if (layer != null && !graph.blockNames().contains(layer)) {
            throw new IllegalArgumentException("no layer '" + layer + "'; layers: " + graph.blockNames());
        }
        int n = inputs.size();
        int k = passes();
        int padded = paddedFrames(frames);
        int bins = mels * padded;
        double[][] masks = inferenceMasks(padded);
        for (int i = 0; i < n; i++) {
            if (inputs.get(i).length != mels * frames) {
                throw new IllegalArgumentException("input " + i + " has " + inputs.get(i).length + " values, not "
                        + mels + " x " + frames);
            }
        }
        double[] recon;
        double[] dx = null;
        double[] act = null;
        double[] dAct = null;
        long[] layerShape = null;
        if (!gradient && layer == null) {
            recon = forward(inputs, frames, padded, masks);
        } else if (!useGraphForGradients && (layer == null || !gradient)) {
            double[][] rd = gradientByPlan(inputs, frames, padded, masks, layer);
            recon = rd[0];
            dx = rd[1];
            if (layer != null) {
                act = rd[2];
                dAct = rd[3];
                layerShape = new long[] {(long) rd[4][0], (long) rd[4][1], (long) rd[4][2], (long) rd[4][3]};
            }
        } else {
            double[] x = new double[n * k * bins];
            double[] lossWeight = new double[n * k * bins];
            double[] mask = masking == null ? null : new double[n * k * bins];
            // The band score's weights need the worst band, so a forward pass first.
            double[][] bandWeights = band == null ? null
                    : lossWeights(inputs, frames, padded, masks, forward(inputs, frames, padded, masks));
            double w = 1.0 / ((double) mels * frames);
            for (int i = 0; i < n; i++) {
                double[] in = inputs.get(i);
                for (int g = 0; g < k; g++) {
                    int base = (i * k + g) * bins;
                    for (int m = 0; m < mels; m++) {
                        System.arraycopy(in, m * frames, x, base + m * padded, frames);
                        double wm = bandWeights == null ? w : bandWeights[i][m];
                        for (int f = 0; f < frames; f++) {
                            lossWeight[base + m * padded + f] = masking == null ? wm : wm * masks[g][m * padded + f];
                        }
                    }
                    if (mask != null) {
                        System.arraycopy(masks[g], 0, mask, base, bins);
                    }
                }
            }
            long[] shape = graph.format().oneChannel((long) n * k, mels, padded);
            Map<String, INDArray> placeholders = new HashMap<>();
            placeholders.put(ConvInferenceGraph.X, ConvArrays.create(graph.dataType(), x, shape));
            placeholders.put(ConvInferenceGraph.LOSS_WEIGHT, ConvArrays.create(graph.dataType(), lossWeight, shape));
            if (mask != null) {
                placeholders.put(ConvInferenceGraph.MASK, ConvArrays.create(graph.dataType(), mask, shape));
            }
            List<String> outputs = new ArrayList<>(List.of(ConvInferenceGraph.RECONSTRUCTION));
            List<String> of = new ArrayList<>();
            if (gradient) {
                of.add(ConvInferenceGraph.X);
            }
            if (layer != null) {
                outputs.add(layer);
                of.add(layer);
            }
            double[][] read;
            try {
                read = graph.gradients(placeholders, outputs, of, r -> copy(r.getOutputs(), r.getGradients(), layer));
            } finally {
                placeholders.values().forEach(ConvArrays::close);
            }
            recon = read[0];
            dx = read[1];
            act = read[2];
            dAct = read[3];
            if (layer != null) {
                layerShape = new long[] {(long) read[4][0], (long) read[4][1], (long) read[4][2], (long) read[4][3]};
            }
        }

        List<Result> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] r = new double[mels * frames];
            double[] e = new double[mels * frames];
            double[] d = gradient ? new double[mels * frames] : null;
            double[] in = inputs.get(i);
            double sum = 0;
            double[] bandSums = new double[mels];
            for (int g = 0; g < k; g++) {
                int base = (i * k + g) * bins;
                for (int m = 0; m < mels; m++) {
                    for (int f = 0; f < frames; f++) {
                        int src = base + m * padded + f;
                        int dst = m * frames + f;
                        if (masking == null || masks[g][m * padded + f] != 0) {
                            r[dst] = recon[src];
                            double diff = in[dst] - recon[src];
                            e[dst] = diff * diff;
                            sum += e[dst];
                            bandSums[m] += e[dst];
                        }
                        if (d != null) {
                            d[dst] += dx[src];
                        }
                    }
                }
            }
            // The same sum the graph's loss differentiates: each real bin's squared error / real bins.
            double score = scoreOf(sum, bandSums, frames);
            ConvLayerGradient lg = null;
            if (layer != null) {
                int per = (int) (layerShape[1] * layerShape[2] * layerShape[3]);
                double[] a = new double[k * per];
                double[] da = new double[k * per];
                System.arraycopy(act, i * k * per, a, 0, k * per);
                System.arraycopy(dAct, i * k * per, da, 0, k * per);
                lg = new ConvLayerGradient(layer, score, k, (int) layerShape[1], (int) layerShape[2],
                        (int) layerShape[3], frames, padded, a, da);
            }
            results.add(new Result(r, e, score, d, lg));
        }
        return results;
    }

    /** Copies the graph's arrays out (they go back to its pool): recon, dx, act, dAct, act shape. */
    private double[][] copy(Map<String, INDArray> out, Map<String, INDArray> grads, String layer) {
        double[][] r = new double[5][];
        r[0] = ConvArrays.toDoubles(out.get(ConvInferenceGraph.RECONSTRUCTION));
        if (grads.containsKey(ConvInferenceGraph.X)) {
            r[1] = ConvArrays.toDoubles(grads.get(ConvInferenceGraph.X));
        }
        if (layer != null) {
            INDArray a = graph.nchw(layer, out.get(layer));
            r[2] = ConvArrays.toDoubles(a);
            r[3] = ConvArrays.toDoubles(graph.nchw(layer, grads.get(layer)));
            long[] shape = a.shape();
            r[4] = new double[] {shape[0], shape[1], shape[2], shape[3]};
        }
        return r;
    }

    /**
     * The forward pass without SameDiff (scoring): input i's pass g at batch index {@code i*K + g},
     * NHWC, one channel or, for the MAE, {@code x * (1 - mask_g)} and {@code mask_g} interleaved;
     * zero padding after the last real frame.
     */
    private double[] forward(List<double[]> inputs, int frames, int padded, double[][] masks) {
        int k = passes();
        int channels = masking == null ? 1 : 2;
        int bins = mels * padded;
        double[] net = new double[inputs.size() * k * bins * channels];
        for (int i = 0; i < inputs.size(); i++) {
            double[] in = inputs.get(i);
            for (int g = 0; g < k; g++) {
                int base = (i * k + g) * bins;
                for (int m = 0; m < mels; m++) {
                    int row = base + m * padded;
                    if (masking == null) {
                        System.arraycopy(in, m * frames, net, row, frames);
                    } else {
                        double[] mg = masks[g];
                        for (int f = 0; f < padded; f++) {
                            double hidden = mg[m * padded + f];
                            net[2 * (row + f)] = f < frames && hidden == 0 ? in[m * frames + f] : 0;
                            net[2 * (row + f) + 1] = hidden;
                        }
                    }
                }
            }
        }
        plan = planFor(inputs.size() * k, padded, mels);
        ConvArrays.write(plan.input(inputs.size() * k, mels, padded), net);
        return ConvArrays.toDoubles(plan.run());
    }

    /** A scored input in the Spectrogram's time-major layout; the maps are null when not kept. */
    record Scored(float[] reconstruction, float[] errorMap, double score) {
    }

    /**
     * Scoring without gradients, from and to the Spectrogram's time-major floats: the inputs go
     * straight into the plan's float input (no double copies, no transposed double array), and the
     * reconstruction and error map come back time-major, or not at all when only the scores are
     * wanted (faithfulness curves). Same values as {@link #run} (float inputs are exact in double;
     * each error is {@code (x - r)^2} in double, summed in the same order, then rounded to float).
     */
    List<Scored> score(List<float[]> timeMajor, int frames, boolean keepMaps) {
        int n = timeMajor.size();
        int k = passes();
        int padded = paddedFrames(frames);
        int bins = mels * padded;
        int channels = masking == null ? 1 : 2;
        double[][] masks = inferenceMasks(padded);
        float[] net = new float[n * k * bins * channels];
        for (int i = 0; i < n; i++) {
            float[] in = timeMajor.get(i);
            if (in.length != mels * frames) {
                throw new IllegalArgumentException("input " + i + " has " + in.length + " values, not "
                        + mels + " x " + frames);
            }
            for (int g = 0; g < k; g++) {
                int base = (i * k + g) * bins;
                if (masking == null) {
                    for (int f = 0; f < frames; f++) {
                        for (int m = 0; m < mels; m++) {
                            net[base + m * padded + f] = in[f * mels + m];
                        }
                    }
                } else {
                    double[] mg = masks[g];
                    for (int m = 0; m < mels; m++) {
                        int row = base + m * padded;
                        for (int f = 0; f < padded; f++) {
                            double hidden = mg[m * padded + f];
                            net[2 * (row + f)] = f < frames && hidden == 0 ? in[f * mels + m] : 0;
                            net[2 * (row + f) + 1] = (float) hidden;
                        }
                    }
                }
            }
        }
        plan = planFor(n * k, padded, mels);
        ConvArrays.write(plan.input(n * k, mels, padded), net);
        double[] recon = ConvArrays.toDoubles(plan.run());
        List<Scored> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] in = timeMajor.get(i);
            float[] r = keepMaps ? new float[mels * frames] : null;
            float[] e = keepMaps ? new float[mels * frames] : null;
            double sum = 0;
            double[] bandSums = new double[mels];
            for (int g = 0; g < k; g++) {
                int base = (i * k + g) * bins;
                for (int m = 0; m < mels; m++) {
                    for (int f = 0; f < frames; f++) {
                        int src = base + m * padded + f;
                        if (masking == null || masks[g][m * padded + f] != 0) {
                            double diff = in[f * mels + m] - recon[src];
                            double sq = diff * diff;
                            sum += sq;
                            bandSums[m] += sq;
                            if (keepMaps) {
                                r[f * mels + m] = (float) recon[src];
                                e[f * mels + m] = (float) sq;
                            }
                        }
                    }
                }
            }
            out.add(new Scored(r, e, scoreOf(sum, bandSums, frames)));
        }
        return out;
    }

    /**
     * Squared-error maps of equally sized crops (occlusion's receptive-field crops), each
     * time-major {@code [frame * cropMels + mel]}, with no padding added: {@code cropFrames} and
     * {@code cropMels} must be multiples of the stride multiple, and the caller puts the zeros the
     * network would pad with after a recording's end into the crop itself. The MAE's passes need the
     * whole mel axis (its masks are laid out on it); the plain AE takes any aligned band range.
     * Written straight into the plan's input in float (no double copies, no re-ordering pass):
     * each bin's error is {@code (x - r)^2} in double, as {@link #run} computes it, rounded to float.
     */
    List<float[]> cropErrors(List<float[]> crops, int cropFrames, int cropMels) {
        if (cropFrames % multiple != 0 || cropMels % multiple != 0) {
            throw new IllegalArgumentException("crop of " + cropMels + " x " + cropFrames
                    + " is not a multiple of " + multiple);
        }
        if (masking != null && cropMels != mels) {
            throw new IllegalArgumentException("a masked autoencoder's crop needs all " + mels + " mel bands");
        }
        int n = crops.size();
        int k = passes();
        int channels = masking == null ? 1 : 2;
        int bins = cropMels * cropFrames;
        double[][] masks = inferenceMasks(cropFrames);
        float[] net = new float[n * k * bins * channels];
        for (int i = 0; i < n; i++) {
            float[] in = crops.get(i);
            if (in.length != bins) {
                throw new IllegalArgumentException("crop " + i + " has " + in.length + " values, not " + bins);
            }
            for (int g = 0; g < k; g++) {
                int base = (i * k + g) * bins;
                for (int m = 0; m < cropMels; m++) {
                    int row = base + m * cropFrames;
                    if (masking == null) {
                        for (int f = 0; f < cropFrames; f++) {
                            net[row + f] = in[f * cropMels + m];
                        }
                    } else {
                        double[] mg = masks[g];
                        for (int f = 0; f < cropFrames; f++) {
                            double hidden = mg[m * cropFrames + f];
                            net[2 * (row + f)] = hidden == 0 ? in[f * cropMels + m] : 0;
                            net[2 * (row + f) + 1] = (float) hidden;
                        }
                    }
                }
            }
        }
        plan = planFor(n * k, cropFrames, cropMels);
        ConvArrays.write(plan.input(n * k, cropMels, cropFrames), net);
        double[] recon = ConvArrays.toDoubles(plan.run());
        List<float[]> errors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] in = crops.get(i);
            float[] e = new float[bins];
            for (int g = 0; g < k; g++) {
                int base = (i * k + g) * bins;
                for (int m = 0; m < cropMels; m++) {
                    for (int f = 0; f < cropFrames; f++) {
                        if (masking == null || masks[g][m * cropFrames + f] != 0) {
                            double diff = in[f * cropMels + m] - recon[base + m * cropFrames + f];
                            e[f * cropMels + m] = (float) (diff * diff);
                        }
                    }
                }
            }
            errors.add(e);
        }
        return errors;
    }

    /**
     * Reconstruction and d score / d x (per batch entry, on the padded grid, laid out as the
     * graph's {@code x} gradient) with the plan's own backward pass. The score
     * {@code sum lossWeight * (x - r)^2} gives {@code d/dr = -2 lossWeight (x - r)} to the
     * network and the direct term {@code 2 lossWeight (x - r)} to x; the network's gradient reaches
     * x through channel 0, {@code x * (1 - mask)} for the MAE.
     */
    private double[][] gradientByPlan(List<double[]> inputs, int frames, int padded, double[][] masks,
                                      String layer) {
        double[] recon = forward(inputs, frames, padded, masks);
        int k = passes();
        int bins = mels * padded;
        int channels = masking == null ? 1 : 2;
        double w = 1.0 / ((double) mels * frames);
        double[][] bandWeights = band == null ? null : lossWeights(inputs, frames, padded, masks, recon);
        double[] dr = new double[recon.length];
        double[] dx = new double[recon.length];
        for (int i = 0; i < inputs.size(); i++) {
            double[] in = inputs.get(i);
            for (int g = 0; g < k; g++) {
                int base = (i * k + g) * bins;
                for (int m = 0; m < mels; m++) {
                    double wm = bandWeights == null ? w : bandWeights[i][m];
                    for (int f = 0; f < frames; f++) {
                        int idx = base + m * padded + f;
                        double lw = masking == null ? wm : wm * masks[g][m * padded + f];
                        double diff = in[m * frames + f] - recon[idx];
                        dr[idx] = -2 * lw * diff;
                        dx[idx] = 2 * lw * diff;
                    }
                }
            }
        }
        ConvArrays.write(plan.gradOutput(), dr);
        if (layer != null) {
            // Grad-CAM: only the backward steps down to the layer; no input gradient.
            // Block names enc1..encL, dec1..dec(L-1) are the plan's layers in order.
            INDArray[] ag = plan.backwardTo(graph.blockNames().indexOf(layer));
            long[] shape = ag[0].shape();
            return new double[][] {recon, null, ConvArrays.toDoubles(ag[0]), ConvArrays.toDoubles(ag[1]),
                    {shape[0], shape[1], shape[2], shape[3]}};
        }
        double[] net = ConvArrays.toDoubles(plan.backward());
        for (int b = 0; b < inputs.size() * k; b++) {
            double[] mask = masks[b % k];
            for (int j = 0; j < bins; j++) {
                int idx = b * bins + j;
                double through = net[idx * channels];
                dx[idx] += masking == null ? through : through * (1 - mask[j]);
            }
        }
        return new double[][] {recon, dx};
    }

    /**
     * The score from the squared errors over the real bins: their mean, or with band statistics the
     * worst standardised band error (each band's errors summed over its frames, {@code bandSums}).
     */
    private double scoreOf(double sum, double[] bandSums, int frames) {
        if (band == null) {
            return sum / ((double) mels * frames);
        }
        double[] perBand = new double[mels];
        for (int m = 0; m < mels; m++) {
            perBand[m] = bandSums[m] / frames;
        }
        return band.score(perBand);
    }

    /**
     * Per input and mel band, the band score's loss weight on each real bin of the band (each bin's
     * error counted in the pass that hid it): {@code 1 / (std_b * frames)} for the worst band b, 0
     * for the others.
     */
    private double[][] lossWeights(List<double[]> inputs, int frames, int padded, double[][] masks,
                                   double[] recon) {
        int k = passes();
        int bins = mels * padded;
        double[][] weightsPerInput = new double[inputs.size()][mels];
        for (int i = 0; i < inputs.size(); i++) {
            double[] in = inputs.get(i);
            double[] perBand = new double[mels];
            for (int g = 0; g < k; g++) {
                int base = (i * k + g) * bins;
                for (int m = 0; m < mels; m++) {
                    for (int f = 0; f < frames; f++) {
                        if (masking == null || masks[g][m * padded + f] != 0) {
                            double diff = in[m * frames + f] - recon[base + m * padded + f];
                            perBand[m] += diff * diff;
                        }
                    }
                }
            }
            for (int m = 0; m < mels; m++) {
                perBand[m] /= frames;
            }
            int worst = band.worstBand(perBand);
            weightsPerInput[i][worst] = 1.0 / (band.std()[worst] * frames);
        }
        return weightsPerInput;
    }

    /** Each pass's mask on the padded grid (all zeros for the plain AE, which has no mask); kept for the last size. */
    private double[][] inferenceMasks(int padded) {
        if (padded == cachedMasksFrames) {
            return cachedMasks;
        }
        int k = passes();
        double[][] masks = new double[k][mels * padded];
        if (masking != null) {
            for (int g = 0; g < k; g++) {
                masking.inferenceMask(g, mels, padded, masks[g], 0);
            }
        }
        cachedMasks = masks;
        cachedMasksFrames = padded;
        return masks;
    }

    private ConvPass planFor(int batch, int padded, int planMels) {
        List<Integer> key = List.of(batch, padded, planMels);
        ConvPass p = plans.get(key);
        if (p == null) {
            if (plans.size() >= PLANS) {
                List<Integer> eldest = plans.keySet().iterator().next();
                plans.remove(eldest).close();
            }
            // oneDNN directly where it can (float: it has no double convolutions), else ND4J's ops.
            p = dataType == DataType.FLOAT && OneDnnConvPlan.supports(weights) ? new OneDnnConvPlan(weights)
                    : new ConvForwardPlan(weights, dataType);
            plans.put(key, p);
        }
        return p;
    }

    void releaseWorkingMemory() {
        graph.releaseWorkingMemory();
        plans.values().forEach(ConvPass::close);
        plans.clear();
        plan = null;
    }

    @Override
    public void close() {
        graph.close();
        plans.values().forEach(ConvPass::close);
        plans.clear();
    }
}
