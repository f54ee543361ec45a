package io.auscult.faithfulness;

import io.auscult.detect.nn.ConvStateDictJson;
import io.auscult.detect.nn.ConvStateTensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixtures of ../shared/fixtures/faithfulness (see its README): float64 values, arrays
 * (mels, frames) row-major, i.e. the transpose of Auscult's time-major grids.
 */
final class FaithfulnessFixtures {

    static final Path DIR = Path.of("..", "shared", "fixtures", "faithfulness");
    static final Path MODEL_DIR = Path.of("..", "shared", "fixtures", "model");

    private final Map<String, ConvStateTensor> entries;

    private FaithfulnessFixtures(Map<String, ConvStateTensor> entries) {
        this.entries = entries;
    }

    static FaithfulnessFixtures read(String file) {
        try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
            return new FaithfulnessFixtures(ConvStateDictJson.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    double[] data(String name) {
        ConvStateTensor t = entries.get(name);
        assertThat(t).as("fixture entry " + name).isNotNull();
        return t.data();
    }

    int[] shape(String name) {
        return entries.get(name).shape();
    }

    double scalar(String name) {
        return data(name)[0];
    }

    int[] ints(String name) {
        double[] d = data(name);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    /** An (rows = mels, columns = frames) array as time-major frames x mels. */
    static double[] timeMajor(double[] melsByFrames, int mels, int frames) {
        double[] t = new double[melsByFrames.length];
        for (int m = 0; m < mels; m++) {
            for (int f = 0; f < frames; f++) {
                t[f * mels + m] = melsByFrames[m * frames + f];
            }
        }
        return t;
    }

    static int[] timeMajor(int[] melsByFrames, int mels, int frames) {
        int[] t = new int[melsByFrames.length];
        for (int m = 0; m < mels; m++) {
            for (int f = 0; f < frames; f++) {
                t[f * mels + m] = melsByFrames[m * frames + f];
            }
        }
        return t;
    }

    /** {@code max |actual - expected| <= rtol * max |expected|}: the README's per-array tolerance. */
    static void assertClose(String what, double[] actual, double[] expected, double rtol) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        double maxErr = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            maxErr = Math.max(maxErr, Math.abs(actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertThat(maxErr).as(what + ": max abs error (scale " + scale + ")").isLessThanOrEqualTo(rtol * scale);
    }

    static void assertClose(String what, double actual, double expected, double rtol) {
        assertClose(what, new double[] {actual}, new double[] {expected}, rtol);
    }
}
