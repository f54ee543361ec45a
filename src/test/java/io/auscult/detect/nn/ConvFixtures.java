package io.auscult.detect.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tiny conv AE and MAE fixtures of ../shared/fixtures/model (see its README): PyTorch
 * float64 values, NCHW with mels as rows, i.e. the transpose of Auscult's time-major
 * spectrograms.
 */
final class ConvFixtures {

    static final Path DIR = Path.of("..", "shared", "fixtures", "model");

    private ConvFixtures() {
    }

    static Map<String, ConvStateTensor> read(String file) {
        try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
            return ConvStateDictJson.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConvBackboneWeights weights(String file) {
        try {
            return ConvStateDictJson.readWeights(DIR.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static INDArray array(ConvStateTensor t) {
        long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
        return ConvArrays.create(DataType.DOUBLE, t.data(), shape);
    }

    /**
     * Asserts {@code max |actual - expected| <= rtol * max |expected|} over the whole array (the
     * README's per-array tolerance) and returns the maximum absolute error, for the report.
     */
    static double assertClose(String what, double[] actual, double[] expected, double rtol) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        double maxErr = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            maxErr = Math.max(maxErr, Math.abs(actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertThat(maxErr).as(what + ": max abs error (scale " + scale + ")").isLessThanOrEqualTo(rtol * scale);
        return maxErr;
    }

    /** d score / d x_i by central differences with step {@code h}, every bin, the 2n inputs in one batch. */
    static double[] centralDifferences(ConvBackboneRunner runner, double[] x, int frames, double h) {
        java.util.List<double[]> perturbed = new java.util.ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            plus[i] += h;
            double[] minus = x.clone();
            minus[i] -= h;
            perturbed.add(plus);
            perturbed.add(minus);
        }
        java.util.List<ConvBackboneRunner.Result> scores = runner.run(perturbed, frames, false, null);
        double[] numeric = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            numeric[i] = (scores.get(2 * i).score() - scores.get(2 * i + 1).score()) / (2 * h);
        }
        return numeric;
    }

    /** Copies of a graph call's arrays, which are only valid inside the call. */
    static Map<String, INDArray> detached(Map<String, INDArray> arrays) {
        Map<String, INDArray> copies = new java.util.HashMap<>();
        arrays.forEach((k, v) -> copies.put(k, v.dup()));
        return copies;
    }

    static org.nd4j.autodiff.samediff.api.OutAndGrad detached(org.nd4j.autodiff.samediff.api.OutAndGrad r) {
        return new org.nd4j.autodiff.samediff.api.OutAndGrad(detached(r.getOutputs()), detached(r.getGradients()));
    }

    /** (mels, frames) row-major -> time-major frames x mels (Auscult's Spectrogram layout). */
    static float[] toTimeMajor(double[] melsByFrames, int mels, int frames) {
        float[] t = new float[mels * frames];
        for (int m = 0; m < mels; m++) {
            for (int f = 0; f < frames; f++) {
                t[f * mels + m] = (float) melsByFrames[m * frames + f];
            }
        }
        return t;
    }

    /** time-major frames x mels -> (mels, frames) row-major. */
    static double[] toMelsByFrames(float[] timeMajor, int mels, int frames) {
        double[] d = new double[mels * frames];
        for (int m = 0; m < mels; m++) {
            for (int f = 0; f < frames; f++) {
                d[m * frames + f] = timeMajor[f * mels + m];
            }
        }
        return d;
    }
}
