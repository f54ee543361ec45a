package io.auscult.detect.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.auscult.detect.nn.DenseFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The hand-written backward pass and updates of one training step, in double. */
class DenseTrainingStepTest {

    private static final int MELS = 3;
    private static final int CONTEXT = 2;
    private static final int BATCH = 7;

    /** A recording of BATCH + 1 frames: window i starts at frame i. */
    private static float[] recording(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] recording = new float[(BATCH + CONTEXT - 1) * MELS];
        for (int i = 0; i < recording.length; i++) {
            recording[i] = (float) (random.nextGaussian() + 0.3 * (i % MELS));
        }
        return recording;
    }

    private static DenseTrainingStep tinyStep(long seed, float[] recording) {
        DenseAutoencoderOptions options = DenseAutoencoderOptions.DCASE.withArchitecture(CONTEXT, List.of(5), 2);
        DenseAutoencoderWeights initial = new DenseAutoencoderTrainer(options, DataType.DOUBLE)
                .initialWeights(MELS, new SplittableRandom(seed));
        DenseTrainingStep step = new DenseTrainingStep(initial, BATCH, 1e-3, DataType.DOUBLE);
        for (int i = 0; i < BATCH; i++) {
            step.setWindow(i, recording, i);
        }
        return step;
    }

    @Test
    void gradientsOfEveryParameterMatchCentralFiniteDifferences() {
        try (DenseTrainingStep step = tinyStep(5, recording(6))) {
            step.computeGradients(false);
            List<double[]> parameters = step.parameters();
            List<double[]> analytic = step.gradients().stream().map(double[]::clone).toList();
            // Weights of 4 layers, gamma and beta of 3 batch norms, the output bias.
            assertThat(parameters).hasSize(4 + 3 * 2 + 1);
            double h = 1e-6;
            for (int p = 0; p < parameters.size(); p++) {
                double[] values = parameters.get(p);
                double[] numeric = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    double original = values[i];
                    values[i] = original + h;
                    step.parametersChanged();
                    double plus = step.computeGradients(false);
                    values[i] = original - h;
                    step.parametersChanged();
                    double minus = step.computeGradients(false);
                    values[i] = original;
                    step.parametersChanged();
                    numeric[i] = (plus - minus) / (2 * h);
                }
                assertClose("parameter " + p, analytic.get(p), numeric, 1e-6);
            }
        }
    }

    @Test
    void firstAdamStepMovesEachParameterByTheLearningRateAgainstItsGradient() {
        // torch.optim.Adam's first update is lr * g / (|g| + eps): lr * sign(g) where |g| >> eps.
        try (DenseTrainingStep step = tinyStep(6, recording(7))) {
            step.computeGradients(false);
            double[] before = step.parameters().get(0).clone();
            double[] gradient = step.gradients().get(0).clone();
            step.applyAdam();
            double[] after = step.parameters().get(0);
            for (int i = 0; i < before.length; i++) {
                double expected = -1e-3 * gradient[i] / (Math.abs(gradient[i]) + 1e-8);
                assertThat(after[i] - before[i]).as("weight %d", i).isCloseTo(expected, offset(1e-15));
            }
            assertThat(step.weights().layers().get(0).weight(0, 0)).isEqualTo(after[0]);
        }
    }

    @Test
    void runningStatisticsFollowPyTorchsMomentumWithTheUnbiasedVariance() {
        float[] recording = recording(8);
        try (DenseTrainingStep step = tinyStep(7, recording)) {
            DenseLayer first = step.weights().layers().get(0);
            step.computeGradients(true);
            DenseBatchNorm bn = step.weights().layers().get(0).batchNorm();
            for (int o = 0; o < first.outputs(); o++) {
                double[] z = new double[BATCH];
                for (int b = 0; b < BATCH; b++) {
                    for (int i = 0; i < first.inputs(); i++) {
                        z[b] += first.weight(o, i) * recording[b * MELS + i];
                    }
                }
                double mean = Arrays.stream(z).average().orElseThrow();
                double unbiased = Arrays.stream(z).map(v -> (v - mean) * (v - mean)).sum() / (BATCH - 1);
                assertThat(bn.runningMean()[o]).isCloseTo(0.1 * mean, offset(1e-12));
                assertThat(bn.runningVar()[o]).isCloseTo(0.9 * 1 + 0.1 * unbiased, offset(1e-12));
            }
            step.computeGradients(false);
            assertThat(step.weights().layers().get(0).batchNorm().runningMean()).containsExactly(bn.runningMean());
        }
    }
}
