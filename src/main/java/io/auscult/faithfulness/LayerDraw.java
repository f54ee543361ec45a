package io.auscult.faithfulness;

import io.auscult.detect.nn.ConvLayerWeights;
import io.auscult.detect.nn.DenseLayer;

import java.util.SplittableRandom;

/**
 * New parameters for one layer of a model-randomisation sanity check. Only the kernel and bias
 * are re-drawn; batch-norm parameters and running statistics are kept (as in Adebayo et al. and
 * the fixtures), so the randomised network still sees inputs on the scale it was built for.
 */
public interface LayerDraw {

    /** A conv or transposed-conv layer with a new kernel and bias, the same shape and batch norm. */
    ConvLayerWeights redraw(String layer, ConvLayerWeights original);

    /** A dense layer with new weights and bias, the same shape, batch norm and activation. */
    DenseLayer redraw(String layer, DenseLayer original);

    /**
     * He-normal weights ({@code N(0, 2 / fan_in)}, fan_in as PyTorch computes it: in x 3 x 3 for a
     * conv, out x 3 x 3 for a transposed conv (its weight's second dimension), inputs for a dense
     * layer) and biases uniform in (-0.1, 0.1). Each layer draws from its own stream derived
     * from the seed and its name, so a layer gets the same values whichever step of a cascade
     * re-draws it.
     */
    static LayerDraw heNormal(long seed) {
        return new LayerDraw() {
            @Override
            public ConvLayerWeights redraw(String layer, ConvLayerWeights o) {
                SplittableRandom random = stream(seed, layer);
                int k = ConvLayerWeights.KERNEL;
                int fanIn = (o.transposed() ? o.outChannels() : o.inChannels()) * k * k;
                double[] w = gaussian(random, o.inChannels() * o.outChannels() * k * k, Math.sqrt(2.0 / fanIn));
                return new ConvLayerWeights(o.transposed(), o.inChannels(), o.outChannels(), w,
                        uniform(random, o.outChannels(), 0.1), o.batchNorm());
            }

            @Override
            public DenseLayer redraw(String layer, DenseLayer o) {
                SplittableRandom random = stream(seed, layer);
                double[] w = gaussian(random, o.inputs() * o.outputs(), Math.sqrt(2.0 / o.inputs()));
                return new DenseLayer(o.inputs(), o.outputs(), w, uniform(random, o.outputs(), 0.1), o.batchNorm(),
                        o.relu());
            }
        };
    }

    private static SplittableRandom stream(long seed, String layer) {
        // The golden-ratio increment spreads the name's hash over the seed's bits.
        return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (layer.hashCode() + 1L));
    }

    private static double[] gaussian(SplittableRandom random, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = std * random.nextGaussian();
        }
        return v;
    }

    private static double[] uniform(SplittableRandom random, int n, double bound) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = bound * (2 * random.nextDouble() - 1);
        }
        return v;
    }
}
