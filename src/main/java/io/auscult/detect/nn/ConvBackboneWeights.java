package io.auscult.detect.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All weights of the convolutional backbone the conv AE and the MAE share: L encoder blocks
 * (Conv2d k3 s2 p1 + BatchNorm2d + ReLU, widths w1..wL) and L decoder blocks
 * (ConvTranspose2d k3 s2 p1 output_padding 1, widths w(L-1)..w1, then 1 output channel; batch
 * norm + ReLU on all but the last). The input has 1 channel (conv AE) or 2 (MAE: masked input
 * and mask). Every spatial size halves per encoder block, so inputs must be multiples of 2^L.
 *
 * <p>State-dict names follow the PyTorch modules of the fixtures: {@code encN.conv.weight},
 * {@code encN.conv.bias}, {@code encN.bn.weight|bias|running_mean|running_var},
 * {@code decN.deconv.weight}, {@code decN.deconv.bias}, {@code decN.bn.*} and {@code bn_eps}.
 */
public record ConvBackboneWeights(List<ConvLayerWeights> encoder, List<ConvLayerWeights> decoder) {

    public ConvBackboneWeights {
        encoder = List.copyOf(encoder);
        decoder = List.copyOf(decoder);
        int levels = encoder.size();
        if (levels == 0 || decoder.size() != levels) {
            throw new IllegalArgumentException("need as many decoder as encoder layers (at least 1), not "
                    + levels + " and " + decoder.size());
        }
        for (int l = 0; l < levels; l++) {
            ConvLayerWeights e = encoder.get(l);
            String name = "enc" + (l + 1);
            if (e.transposed() || e.batchNorm() == null) {
                throw new IllegalArgumentException(name + " must be a convolution with batch norm");
            }
            if (l > 0 && e.inChannels() != encoder.get(l - 1).outChannels()) {
                throw new IllegalArgumentException(name + " takes " + e.inChannels() + " channels but enc" + l
                        + " gives " + encoder.get(l - 1).outChannels());
            }
            ConvLayerWeights d = decoder.get(l);
            name = "dec" + (l + 1);
            boolean last = l == levels - 1;
            int expectedIn = encoder.get(levels - 1 - l).outChannels();
            int expectedOut = last ? 1 : encoder.get(levels - 2 - l).outChannels();
            if (!d.transposed() || (d.batchNorm() == null) != last) {
                throw new IllegalArgumentException(name + " must be a transposed convolution"
                        + (last ? " without batch norm" : " with batch norm"));
            }
            if (d.inChannels() != expectedIn || d.outChannels() != expectedOut) {
                throw new IllegalArgumentException(name + " must map " + expectedIn + " -> " + expectedOut
                        + " channels, not " + d.inChannels() + " -> " + d.outChannels());
            }
        }
        int in = encoder.get(0).inChannels();
        if (in != 1 && in != 2) {
            throw new IllegalArgumentException("the input must have 1 channel (AE) or 2 (MAE), not " + in);
        }
    }

    /** Random weights as PyTorch initialises its layers, batch norm at identity (gamma 1, beta 0, mean 0, var 1). */
    public static ConvBackboneWeights initial(int inputChannels, List<Integer> widths, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<ConvLayerWeights> enc = new ArrayList<>();
        List<ConvLayerWeights> dec = new ArrayList<>();
        int in = inputChannels;
        for (int w : widths) {
            enc.add(initialLayer(false, in, w, true, random));
            in = w;
        }
        for (int l = widths.size() - 2; l >= -1; l--) {
            int out = l >= 0 ? widths.get(l) : 1;
            dec.add(initialLayer(true, in, out, l >= 0, random));
            in = out;
        }
        return new ConvBackboneWeights(enc, dec);
    }

    /**
     * PyTorch's default for Conv2d and ConvTranspose2d: weight and bias uniform in
     * +-1/sqrt(fan_in), fan_in = weight.size(1) * 9 (kaiming_uniform with a = sqrt(5)). For a
     * transposed conv, weight.size(1) is its output channels.
     */
    private static ConvLayerWeights initialLayer(boolean transposed, int in, int out, boolean batchNorm,
                                                 java.util.SplittableRandom random) {
        int fanIn = (transposed ? out : in) * ConvLayerWeights.KERNEL * ConvLayerWeights.KERNEL;
        double bound = 1 / Math.sqrt(fanIn);
        double[] w = new double[in * out * ConvLayerWeights.KERNEL * ConvLayerWeights.KERNEL];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (bound * (2 * random.nextDouble() - 1));
        }
        double[] b = new double[out];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (bound * (2 * random.nextDouble() - 1));
        }
        ConvBatchNorm bn = null;
        if (batchNorm) {
            double[] ones = new double[out];
            java.util.Arrays.fill(ones, 1.0);
            bn = new ConvBatchNorm(ones, new double[out], new double[out], ones, 1e-5);
        }
        return new ConvLayerWeights(transposed, in, out, w, b, bn);
    }

    public int levels() {
        return encoder.size();
    }

    /** 1 (conv AE) or 2 (MAE). */
    public int inputChannels() {
        return encoder.get(0).inChannels();
    }

    /** The encoder's output channels, input side first. */
    public List<Integer> widths() {
        List<Integer> w = new ArrayList<>();
        for (ConvLayerWeights e : encoder) {
            w.add(e.outChannels());
        }
        return List.copyOf(w);
    }

    /** Input rows and columns must be multiples of this (2^levels). */
    public int sizeMultiple() {
        return 1 << levels();
    }

    /** Number of trainable parameters (weights, biases, gamma, beta). */
    public long parameterCount() {
        long n = 0;
        for (ConvLayerWeights l : layers()) {
            n += l.weight().length + l.outChannels() + (l.batchNorm() == null ? 0 : 2L * l.outChannels());
        }
        return n;
    }

    /** Encoder layers, then decoder layers. */
    List<ConvLayerWeights> layers() {
        List<ConvLayerWeights> all = new ArrayList<>(encoder);
        all.addAll(decoder);
        return all;
    }

    /** The layer names of the state dict, in {@link #layers()} order: encN.conv ..., decN.deconv .... */
    List<String> layerNames() {
        List<String> names = new ArrayList<>();
        for (int l = 1; l <= levels(); l++) {
            names.add("enc" + l);
        }
        for (int l = 1; l <= levels(); l++) {
            names.add("dec" + l);
        }
        return names;
    }

    /** The weights as a PyTorch state dict (the fixtures' names and layouts), with {@code bn_eps}. */
    public Map<String, ConvStateTensor> toStateDict() {
        Map<String, ConvStateTensor> dict = new LinkedHashMap<>();
        double eps = encoder.get(0).batchNorm().eps();
        dict.put("bn_eps", new ConvStateTensor(new int[0], new double[] {eps}));
        List<ConvLayerWeights> layers = layers();
        List<String> names = layerNames();
        for (int k = 0; k < layers.size(); k++) {
            ConvLayerWeights l = layers.get(k);
            String p = names.get(k) + (l.transposed() ? ".deconv." : ".conv.");
            int[] shape = l.transposed()
                    ? new int[] {l.inChannels(), l.outChannels(), ConvLayerWeights.KERNEL, ConvLayerWeights.KERNEL}
                    : new int[] {l.outChannels(), l.inChannels(), ConvLayerWeights.KERNEL, ConvLayerWeights.KERNEL};
            dict.put(p + "weight", new ConvStateTensor(shape, l.weight()));
            dict.put(p + "bias", ConvStateTensor.vector(l.bias()));
            ConvBatchNorm bn = l.batchNorm();
            if (bn != null) {
                String b = names.get(k) + ".bn.";
                dict.put(b + "weight", ConvStateTensor.vector(bn.gamma()));
                dict.put(b + "bias", ConvStateTensor.vector(bn.beta()));
                dict.put(b + "running_mean", ConvStateTensor.vector(bn.runningMean()));
                dict.put(b + "running_var", ConvStateTensor.vector(bn.runningVar()));
            }
        }
        return dict;
    }

    /**
     * Reads a state dict with the names of {@link #toStateDict()}; the number of levels and the
     * widths come from the shapes. A missing or misshapen entry is refused with its name.
     */
    public static ConvBackboneWeights fromStateDict(Map<String, ConvStateTensor> dict) {
        ConvStateTensor epsEntry = require(dict, "bn_eps");
        if (epsEntry.values().length != 1) {
            throw new IllegalArgumentException("bn_eps must be one value");
        }
        double eps = epsEntry.values()[0];
        int levels = 0;
        while (dict.containsKey("enc" + (levels + 1) + ".conv.weight")) {
            levels++;
        }
        if (levels == 0) {
            throw new IllegalArgumentException("no entry enc1.conv.weight: not a conv autoencoder state dict");
        }
        List<ConvLayerWeights> enc = new ArrayList<>();
        List<ConvLayerWeights> dec = new ArrayList<>();
        for (int l = 1; l <= levels; l++) {
            enc.add(layer(dict, "enc" + l, false, true, eps));
        }
        for (int l = 1; l <= levels; l++) {
            dec.add(layer(dict, "dec" + l, true, l < levels, eps));
        }
        return new ConvBackboneWeights(enc, dec);
    }

    private static ConvLayerWeights layer(Map<String, ConvStateTensor> dict, String name, boolean transposed,
                                          boolean batchNorm, double eps) {
        String p = name + (transposed ? ".deconv." : ".conv.");
        ConvStateTensor w = require(dict, p + "weight");
        int[] s = w.shape();
        if (s.length != 4 || s[2] != ConvLayerWeights.KERNEL || s[3] != ConvLayerWeights.KERNEL) {
            throw new IllegalArgumentException(p + "weight must have shape [*, *, 3, 3], not "
                    + java.util.Arrays.toString(s));
        }
        int in = transposed ? s[0] : s[1];
        int out = transposed ? s[1] : s[0];
        double[] bias = vector(dict, p + "bias", out);
        ConvBatchNorm bn = null;
        if (batchNorm) {
            String b = name + ".bn.";
            bn = new ConvBatchNorm(vector(dict, b + "weight", out), vector(dict, b + "bias", out),
                    vector(dict, b + "running_mean", out), vector(dict, b + "running_var", out), eps);
        }
        return new ConvLayerWeights(transposed, in, out, w.values(), bias, bn);
    }

    private static double[] vector(Map<String, ConvStateTensor> dict, String name, int length) {
        ConvStateTensor t = require(dict, name);
        if (!t.hasShape(length)) {
            throw new IllegalArgumentException(name + " must have shape [" + length + "], not "
                    + java.util.Arrays.toString(t.shape()));
        }
        return t.values();
    }

    private static ConvStateTensor require(Map<String, ConvStateTensor> dict, String name) {
        ConvStateTensor t = dict.get(name);
        if (t == null) {
            throw new IllegalArgumentException("missing entry " + name);
        }
        return t;
    }
}
