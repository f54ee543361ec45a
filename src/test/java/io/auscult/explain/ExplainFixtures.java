package io.auscult.explain;

import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.detect.nn.ConvStateDictJson;
import io.auscult.detect.nn.ConvStateTensor;
import io.auscult.detect.nn.DenseAutoencoder;
import io.auscult.detect.nn.DenseAutoencoderWeights;
import io.auscult.detect.nn.MaeMaskKind;
import io.auscult.detect.nn.MaeMasking;
import io.auscult.detect.nn.MaskedAutoencoder;
import io.auscult.features.Spectrogram;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model fixtures of ../shared/fixtures/model (see its README) for the attribution methods:
 * the tiny networks in float64, inputs and maps converted between the fixtures' (mels, frames)
 * row-major order and Auscult's time-major spectrograms.
 *
 * <p>Tolerance: the methods take and give {@link Spectrogram}s, whose values are float, so an
 * input is rounded to float (relative 6e-8) and a map too, even though the network computes in
 * double. That is the README's float32 column (~1e-4); the double network leaves a margin of
 * about 100x under {@link #RTOL} = 1e-5 (measured errors are near 1e-7).
 */
final class ExplainFixtures {

    static final Path DIR = Path.of("..", "shared", "fixtures", "model");
    static final double RTOL = 1e-5;

    private ExplainFixtures() {
    }

    static Map<String, ConvStateTensor> read(String file) {
        try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
            return ConvStateDictJson.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConvAutoencoder tinyConvAe() {
        try {
            return new ConvAutoencoder(ConvStateDictJson.readWeights(DIR.resolve("tiny_conv_ae.weights.json")), 16,
                    ConvPrecision.DOUBLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MaskedAutoencoder tinyMae() {
        try {
            return new MaskedAutoencoder(ConvStateDictJson.readWeights(DIR.resolve("tiny_mae.weights.json")), 16,
                    new MaeMasking(4, 4, 0.5, MaeMaskKind.PATCHES), ConvPrecision.DOUBLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DenseAutoencoder tinyDenseAe() {
        Map<String, ConvStateTensor> t = read("tiny_dense_ae.weights.json");
        Map<String, double[]> data = new LinkedHashMap<>();
        t.forEach((k, v) -> data.put(k, v.data()));
        return DenseAutoencoder.of(DenseAutoencoderWeights.fromStateDict(data, t.get("bn_eps").data()[0], 5),
                DataType.DOUBLE, 1000);
    }

    /** A (.., mels, frames) fixture array (the last two axes) as a time-major spectrogram. */
    static Spectrogram spectrogram(ConvStateTensor t) {
        int[] shape = t.shape();
        return spectrogram(t.data(), 0, shape[shape.length - 2], shape[shape.length - 1]);
    }

    /** The {@code index}-th (mels, frames) slice of a fixture array as a time-major spectrogram. */
    static Spectrogram spectrogram(double[] data, int index, int mels, int frames) {
        float[] v = new float[mels * frames];
        int base = index * mels * frames;
        for (int m = 0; m < mels; m++) {
            for (int f = 0; f < frames; f++) {
                v[f * mels + m] = (float) data[base + m * frames + f];
            }
        }
        double[] centres = new double[mels];
        for (int m = 0; m < mels; m++) {
            centres[m] = 100.0 * (m + 1);
        }
        return new Spectrogram(v, frames, mels, 160, 16000, centres);
    }

    /** A map back in the fixtures' (mels, frames) row-major order. */
    static double[] melsByFrames(Spectrogram s) {
        double[] out = new double[s.values().length];
        for (int m = 0; m < s.mels(); m++) {
            for (int f = 0; f < s.frames(); f++) {
                out[m * s.frames() + f] = s.values()[f * s.mels() + m];
            }
        }
        return out;
    }

    /** The README's per-array test: {@code max |actual - expected| <= rtol * max |expected|}. */
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

    static void assertMapClose(String what, Spectrogram map, ConvStateTensor expected) {
        assertClose(what, melsByFrames(map), expected.data(), RTOL);
    }
}
