package io.auscult.detect.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tiny DCASE dense AE fixtures of ../shared/fixtures/model (see its README): tensors as
 * {@code {"name": {"shape": [...], "data": [...]}}}, row-major; spectrogram-shaped arrays are
 * (mels, frames), the transpose of Auscult's time-major layout.
 */
final class DenseFixtures {

    static final Path DIR = Path.of("..", "shared", "fixtures", "model");

    record Tensor(int[] shape, double[] data) {
    }

    private DenseFixtures() {
    }

    static Map<String, Tensor> read(String file) {
        try {
            JsonNode root = new ObjectMapper().readTree(DIR.resolve(file).toFile());
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode shapeNode = e.getValue().get("shape");
                JsonNode dataNode = e.getValue().get("data");
                int[] shape = new int[shapeNode.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeNode.get(i).asInt();
                }
                double[] data = new double[dataNode.size()];
                for (int i = 0; i < data.length; i++) {
                    // Jackson parses with Double.parseDouble: the README's shortest round-trip decimals.
                    data[i] = dataNode.get(i).asDouble();
                }
                tensors.put(e.getKey(), new Tensor(shape, data));
            }
            return tensors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tiny AE's weights as {@link DenseAutoencoderWeights}, batch norm not folded. */
    static DenseAutoencoderWeights tinyWeights() {
        Map<String, Tensor> t = read("tiny_dense_ae.weights.json");
        Map<String, double[]> data = new LinkedHashMap<>();
        t.forEach((k, v) -> data.put(k, v.data()));
        return DenseAutoencoderWeights.fromStateDict(data, t.get("bn_eps").data()[0], 5);
    }

    /** A (mels, frames) fixture array in Auscult's time-major order, index {@code f * mels + m}. */
    static double[] timeMajor(Tensor melsByFrames) {
        int mels = melsByFrames.shape()[0];
        int frames = melsByFrames.shape()[1];
        double[] out = new double[mels * frames];
        for (int m = 0; m < mels; m++) {
            for (int f = 0; f < frames; f++) {
                out[f * mels + m] = melsByFrames.data()[m * frames + f];
            }
        }
        return out;
    }

    static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    static double maxAbsDifference(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        return max;
    }

    /** The README's per-array test: {@code max |actual - expected| <= rtol * max |expected|}. */
    static void assertClose(String name, double[] actual, double[] expected, double rtol) {
        double error = maxAbsDifference(actual, expected);
        assertThat(error).as("%s: max |error| %.3e vs %.3e x max |expected| %.3e", name, error, rtol,
                maxAbs(expected)).isLessThanOrEqualTo(rtol * maxAbs(expected));
    }
}
