package io.auscult.detect.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The training graph in float64: batch-statistics batch norm and its gradients. */
class ConvTrainingGraphTest {

    private static final int BATCH = 4;
    private static final int MELS = 16;
    private static final int FRAMES = 16;

    private static Map<String, INDArray> batch(boolean masked, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = BATCH * MELS * FRAMES;
        double[] x = new double[n];
        double[] mask = new double[n];
        double[] w = new double[n];
        double hidden = 0;
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            mask[i] = r.nextBoolean() ? 1 : 0;
            hidden += masked ? mask[i] : 1;
        }
        for (int i = 0; i < n; i++) {
            w[i] = (masked ? mask[i] : 1) / hidden;
        }
        long[] shape = ConvDataFormat.NHWC.oneChannel(BATCH, MELS, FRAMES);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(ConvInferenceGraph.X, ConvArrays.create(DataType.DOUBLE, x, shape));
        ph.put(ConvInferenceGraph.LOSS_WEIGHT, ConvArrays.create(DataType.DOUBLE, w, shape));
        if (masked) {
            ph.put(ConvInferenceGraph.MASK, ConvArrays.create(DataType.DOUBLE, mask, shape));
        }
        return ph;
    }

    private static double loss(ConvTrainingGraph g, Map<String, INDArray> ph) {
        return g.output(ph, List.of(ConvInferenceGraph.LOSS), o -> o.get(ConvInferenceGraph.LOSS).getDouble(0));
    }

    @ParameterizedTest(name = "{0} input channels")
    @ValueSource(ints = {1, 2})
    void parameterGradientsMatchCentralDifferencesThroughBatchStatistics(int channels) {
        ConvBackboneWeights w = ConvBackboneWeights.initial(channels, List.of(4, 8, 16), 5);
        Map<String, INDArray> ph = batch(channels == 2, 9);
        try (ConvTrainingGraph g = new ConvTrainingGraph(w, DataType.DOUBLE, BATCH, MELS, FRAMES)) {
            OutAndGrad r = g.lossAndGradients(ph, ConvFixtures::detached);
            double h = 1e-5;
            SplittableRandom pick = new SplittableRandom(3);
            for (String name : g.trainableNames()) {
                if (name.endsWith(".b") && !name.equals("dec3.b")) {
                    continue; // a bias before batch norm has gradient 0 (the batch mean absorbs it)
                }
                INDArray p = g.parameter(name);
                INDArray grad = r.getGradients().get(name);
                double scale = Math.max(1e-8, grad.amaxNumber().doubleValue());
                for (int k = 0; k < 3; k++) {
                    long i = pick.nextLong(p.length());
                    double v = p.getDouble(i);
                    p.putScalar(i, v + h);
                    double plus = loss(g, ph);
                    p.putScalar(i, v - h);
                    double minus = loss(g, ph);
                    p.putScalar(i, v);
                    assertThat(grad.getDouble(i)).as(name + "[" + i + "]")
                            .isCloseTo((plus - minus) / (2 * h), offset(1e-6 * scale));
                }
            }
        }
    }

    @Test
    void batchNormOutputHasTheBatchStatisticsItWasGiven() {
        ConvBackboneWeights w = ConvBackboneWeights.initial(1, List.of(4, 8, 16), 6);
        try (ConvTrainingGraph g = new ConvTrainingGraph(w, DataType.DOUBLE, BATCH, MELS, FRAMES)) {
            INDArray out = g.output(batch(false, 2), List.of("enc1.bn.out"), o -> o.get("enc1.bn.out").dup());
            // gamma = 1, beta = 0 at initialisation: per channel mean 0 and biased variance var / (var + eps).
            INDArray mean = out.mean(0, 1, 2);
            INDArray var = out.mul(out).mean(0, 1, 2);
            for (int c = 0; c < 4; c++) {
                assertThat(mean.getDouble(c)).isCloseTo(0, offset(1e-12));
                assertThat(var.getDouble(c)).isCloseTo(1, offset(1e-3)).isLessThan(1);
            }
        }
    }

    @Test
    void runningStatisticsFollowPyTorchMomentumAndUnbiasedVariance() {
        ConvBackboneWeights w = ConvBackboneWeights.initial(1, List.of(4, 8, 16), 7);
        Map<String, INDArray> ph = batch(false, 4);
        try (ConvTrainingGraph g = new ConvTrainingGraph(w, DataType.DOUBLE, BATCH, MELS, FRAMES)) {
            OutAndGrad before = g.lossAndGradients(ph, ConvFixtures::detached);
            double[] mean = ConvArrays.toDoubles(before.getOutputs().get("enc2.bn.mean"));
            double[] var = ConvArrays.toDoubles(before.getOutputs().get("enc2.bn.var"));
            g.step(ph, 1e-3);
            ConvBatchNorm bn = g.weights().encoder().get(1).batchNorm();
            long n = BATCH * (MELS / 4) * (FRAMES / 4);
            for (int c = 0; c < mean.length; c++) {
                assertThat(bn.runningMean()[c]).isCloseTo(0.1 * mean[c], offset(1e-12));
                assertThat(bn.runningVar()[c]).isCloseTo(0.9 + 0.1 * var[c] * n / (n - 1), offset(1e-12));
            }
        }
    }
}
