package io.auscult.detect.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.auscult.detect.nn.DenseFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The direct scoring path ({@link DenseForwardPlan}, used by {@code reconstruct}) against the
 * SameDiff graph of the same folded network (used by {@code scoreGradients}), on random weights
 * with non-trivial batch norms and the DCASE shape (640 inputs, 128 x 4 -> 8 -> 128 x 4).
 */
class DenseForwardPlanTest {

    /**
     * Float: both paths sum the same products in float32, possibly in different orders (other
     * kernels, the bias added after the product rather than by a bias op); measured at most 4e-8
     * of the largest value here. 1e-4 (the float check of the fixture tests) leaves a margin of
     * over 1000x for other CPUs' kernels while still catching any wrong weight, bias or layer.
     */
    private static final double FLOAT_RTOL = 1e-4;
    /** Double: measured 3e-15; 1e-10 (the fixture tests' forward tolerance) leaves a large margin. */
    private static final double DOUBLE_RTOL = 1e-10;

    private static final int MELS = 128;
    private static final int CONTEXT = 5;

    /** Random weights, biases and batch-norm statistics (as after training), seeded. */
    /** The trainer's initial weights with random biases and non-trivial batch norms (identity ones would hide mistakes). */
    private static DenseAutoencoderWeights randomWeights(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DenseAutoencoderWeights initial = new DenseAutoencoderTrainer(DenseAutoencoderOptions.DCASE)
                .initialWeights(MELS, random);
        List<DenseLayer> layers = new ArrayList<>();
        for (DenseLayer l : initial.layers()) {
            double bound = 1 / Math.sqrt(l.inputs());
            double[] bias = new double[l.outputs()];
            for (int o = 0; o < bias.length; o++) {
                bias[o] = random.nextDouble(-bound, bound);
            }
            DenseBatchNorm bn = null;
            if (l.batchNorm() != null) {
                int out = l.outputs();
                double[] gamma = new double[out];
                double[] beta = new double[out];
                double[] mean = new double[out];
                double[] var = new double[out];
                for (int o = 0; o < out; o++) {
                    gamma[o] = random.nextDouble(0.5, 1.5);
                    beta[o] = random.nextDouble(-0.5, 0.5);
                    mean[o] = random.nextDouble(-0.2, 0.2);
                    var[o] = random.nextDouble(0.05, 0.5);
                }
                bn = new DenseBatchNorm(gamma, beta, mean, var, DenseTrainingStep.BN_EPS);
            }
            layers.add(new DenseLayer(l.inputs(), l.outputs(), l.weight(), bias, bn, l.relu()));
        }
        return new DenseAutoencoderWeights(MELS, CONTEXT, layers);
    }

    private static double[] recording(int frames, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[frames * MELS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /**
     * The recording-level results written out naively from the SameDiff graph's window
     * reconstructions: per bin, the mean over the windows containing it; the score, the mean of
     * all windows' squared errors.
     */
    private static DenseEvaluation graphReference(DenseInferenceGraph graph, double[] x) {
        int frames = x.length / MELS;
        int n = DenseWindows.count(frames, CONTEXT);
        int size = MELS * CONTEXT;
        INDArray input = DenseArrays.create(graph.dataType(), n, size);
        DenseArrays.write(DenseWindows.stack(x, MELS, CONTEXT), input);
        INDArray output = graph.reconstruct(input);
        double[] y = DenseArrays.read(output);
        DenseArrays.close(input);
        DenseArrays.close(output);
        double[] reconstruction = new double[x.length];
        double[] errorMap = new double[x.length];
        int[] count = new int[x.length];
        double squares = 0;
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < size; k++) {
                int bin = s * MELS + k;
                double e = y[s * size + k] - x[bin];
                reconstruction[bin] += y[s * size + k];
                errorMap[bin] += e * e;
                count[bin]++;
                squares += e * e;
            }
        }
        for (int i = 0; i < x.length; i++) {
            reconstruction[i] /= count[i];
            errorMap[i] /= count[i];
        }
        return new DenseEvaluation(squares / ((double) n * size), reconstruction, errorMap, null);
    }

    private static void assertPathsAgree(DataType type, double rtol, int maxWindowsPerBatch) {
        // Three recordings (one of exactly one window); a small batch cap cuts batches across them.
        List<double[]> inputs = List.of(recording(313, 11), recording(CONTEXT, 12), recording(40, 13));
        DenseAutoencoderWeights weights = randomWeights(7);
        try (DenseAutoencoder network = DenseAutoencoder.of(weights, type, maxWindowsPerBatch);
             DenseInferenceGraph graph = new DenseInferenceGraph(weights.foldedBatchNorm(), type)) {
            List<DenseEvaluation> direct = network.evaluate(inputs, false);
            for (int r = 0; r < inputs.size(); r++) {
                DenseEvaluation d = direct.get(r);
                DenseEvaluation g = graphReference(graph, inputs.get(r));
                // Random weights reconstruct badly: a score far from 0 makes the relative check meaningful.
                assertThat(d.score()).isGreaterThan(0.1);
                assertClose(type + " score " + r, new double[] {d.score()}, new double[] {g.score()}, rtol);
                assertClose(type + " error map " + r, d.errorMap(), g.errorMap(), rtol);
                assertClose(type + " reconstruction " + r, d.reconstruction(), g.reconstruction(), rtol);
                assertThat(d.gradient()).isNull();
            }
            // With the gradient asked, the same numbers come back (the score of a gradient is the score).
            List<DenseEvaluation> withGradient = network.evaluate(inputs, true);
            for (int r = 0; r < inputs.size(); r++) {
                assertThat(withGradient.get(r).score()).isEqualTo(direct.get(r).score());
                assertThat(withGradient.get(r).errorMap()).containsExactly(direct.get(r).errorMap());
            }
        }
    }

    @Test
    void floatDirectPathEqualsTheGraphWithinFloatRounding() {
        assertPathsAgree(DataType.FLOAT, FLOAT_RTOL, DenseAutoencoder.DEFAULT_MAX_WINDOWS_PER_BATCH);
    }

    @Test
    void doubleDirectPathEqualsTheGraph() {
        assertPathsAgree(DataType.DOUBLE, DOUBLE_RTOL, DenseAutoencoder.DEFAULT_MAX_WINDOWS_PER_BATCH);
    }

    @Test
    void batchesOfEverySizeGiveTheSameAsTheGraph() {
        // 100-window batches: the plan's arrays are replaced as the batch size changes (100, then the rest).
        assertPathsAgree(DataType.FLOAT, FLOAT_RTOL, 100);
    }

    @Test
    void windowReconstructionsEqualTheGraphsWindowByWindow() {
        DenseAutoencoderWeights folded = randomWeights(3).foldedBatchNorm();
        double[] x = recording(20, 5);
        int n = DenseWindows.count(20, CONTEXT);
        double[] windows = DenseWindows.stack(x, MELS, CONTEXT);
        try (DenseForwardPlan plan = new DenseForwardPlan(folded, DataType.DOUBLE);
             DenseInferenceGraph graph = new DenseInferenceGraph(folded, DataType.DOUBLE)) {
            DenseArrays.write(windows, plan.input(n));
            double[] direct = new double[n * MELS * CONTEXT];
            plan.reconstruct(direct);
            INDArray input = DenseArrays.create(DataType.DOUBLE, n, MELS * CONTEXT);
            DenseArrays.write(windows, input);
            double[] expected = DenseArrays.read(graph.reconstruct(input));
            DenseArrays.close(input);
            assertClose("window reconstructions", direct, expected, DOUBLE_RTOL);
            // Running again on the same arrays gives the same bytes (nothing left over from the last run).
            double[] again = new double[direct.length];
            plan.reconstruct(again);
            assertThat(again).containsExactly(direct);
        }
    }

    @Test
    void unfoldedWeightsAreRefused() {
        assertThatThrownBy(() -> new DenseForwardPlan(randomWeights(1), DataType.FLOAT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fold");
    }
}
