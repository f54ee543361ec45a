package io.auscult.detect.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test weights: a layer's batch norm replaced by one far from identity, so that folding and statistics matter. */
public final class BatchNorms {

    private BatchNorms() {
    }

    /**
     * The layer with gamma in [0.5, 1.5), beta {@code betaShift} + 0.1 N(0, 1), running mean 0.1 N(0, 1) and
     * running variance in [0.5, 1.5); a layer without batch norm is returned as it is.
     */
    public static ConvLayerWeights randomised(ConvLayerWeights l, SplittableRandom random, double betaShift) {
        if (l.batchNorm() == null) {
            return l;
        }
        int c = l.outChannels();
        double[] gamma = new double[c];
        double[] beta = new double[c];
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int i = 0; i < c; i++) {
            gamma[i] = 0.5 + random.nextDouble();
            beta[i] = betaShift + 0.1 * random.nextGaussian();
            mean[i] = 0.1 * random.nextGaussian();
            var[i] = 0.5 + random.nextDouble();
        }
        return new ConvLayerWeights(l.transposed(), l.inChannels(), c, l.weight(), l.bias(),
                new ConvBatchNorm(gamma, beta, mean, var, 1e-5));
    }

    /** A network's weights with every batch norm {@linkplain #randomised randomised} (seed 29, beta shift 0). */
    public static ConvBackboneWeights randomised(ConvBackboneWeights w) {
        SplittableRandom random = new SplittableRandom(29);
        List<List<ConvLayerWeights>> parts = new ArrayList<>();
        for (List<ConvLayerWeights> part : List.of(w.encoder(), w.decoder())) {
            List<ConvLayerWeights> out = new ArrayList<>();
            for (ConvLayerWeights l : part) {
                out.add(randomised(l, random, 0));
            }
            parts.add(out);
        }
        return new ConvBackboneWeights(parts.get(0), parts.get(1));
    }
}
