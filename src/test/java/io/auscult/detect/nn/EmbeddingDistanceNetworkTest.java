package io.auscult.detect.nn;

import io.auscult.detect.ScoreGradient;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The embedding detector's score is the Mahalanobis distance of its embedding, its gradient the score's. */
class EmbeddingDistanceNetworkTest {

    private static final int MELS = 16;

    private static List<ConvLayerWeights> encoder() {
        SplittableRandom r = new SplittableRandom(4);
        List<ConvLayerWeights> out = new ArrayList<>();
        for (ConvLayerWeights l : ConvBackboneWeights.initial(1, List.of(4, 6), 8).encoder()) {
            out.add(BatchNorms.randomised(l, r, 0.2)); // beta mostly positive: most units stay on through the ReLU
        }
        return out;
    }

    private static Spectrogram clip(int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[frames * MELS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Spectrogram(v, frames, MELS, 512, 16000, new double[MELS]);
    }

    /** A symmetric positive definite matrix and a mean. */
    private static double[][] precision(int d) {
        SplittableRandom r = new SplittableRandom(6);
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = r.nextGaussian() * 0.3;
            }
        }
        double[][] p = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    p[i][j] += a[i][k] * a[j][k];
                }
            }
            p[i][i] += 1;
        }
        return p;
    }

    private static final double[] MEAN = {0.3, 0.1, 0.5, 0.2, 0.4, 0.0};

    @Test
    void theScoreIsTheMahalanobisDistanceOfTheEmbedding() {
        double[][] p = precision(6);
        try (EmbeddingDistanceNetwork net = new EmbeddingDistanceNetwork(encoder(), MEAN, p, MELS)) {
            List<Spectrogram> clips = List.of(clip(36, 1), clip(40, 2));
            double[][] e = net.embeddings(clips);
            double[] s = net.scores(clips);
            for (int c = 0; c < 2; c++) {
                double expected = 0;
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 6; j++) {
                        expected += (e[c][i] - MEAN[i]) * p[i][j] * (e[c][j] - MEAN[j]);
                    }
                }
                assertThat(s[c]).isCloseTo(expected, within(1e-4 * (1 + expected)));
            }
            // 36 frames: the encoder sees 36 (a multiple of 4); 38 would be cut to 36
            assertThat(net.usableFrames(38)).isEqualTo(36);
            assertThat(net.scores(List.of(clip(36, 1)))[0]).isCloseTo(s[0], within(1e-6 * (1 + s[0])));
        }
    }

    @Test
    void theGradientMatchesFiniteDifferencesAndIsZeroOnFramesTheEncoderDoesNotSee() {
        try (EmbeddingDistanceNetwork net = new EmbeddingDistanceNetwork(encoder(), MEAN, precision(6), MELS)) {
            Spectrogram x = clip(34, 3); // 2 frames past the last multiple of 4
            ScoreGradient g = net.scoreGradients(List.of(x)).get(0);
            assertThat(g.score()).isCloseTo(net.scores(List.of(x))[0], within(1e-5 * (1 + g.score())));
            float[] grad = g.gradient().values();
            for (int f = 32; f < 34; f++) {
                for (int m = 0; m < MELS; m++) {
                    assertThat(grad[f * MELS + m]).isZero();
                }
            }
            double largest = 0;
            for (float v : grad) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertThat(largest).isPositive();
            for (int bin : new int[] {5, 100, 250, 31 * MELS + 15}) {
                float[] plus = x.values().clone();
                float[] minus = x.values().clone();
                double h = 1e-2;
                plus[bin] += (float) h;
                minus[bin] -= (float) h;
                double numeric = (net.scores(List.of(x.withValues(plus)))[0]
                        - net.scores(List.of(x.withValues(minus)))[0]) / (2 * h);
                // float32 encoder; ReLU kinks inside the step are rare with these biases
                assertThat((double) grad[bin]).as("bin " + bin)
                        .isCloseTo(numeric, within(0.05 * Math.abs(numeric) + 0.02 * largest));
            }
        }
    }

    @Test
    void savedNetworksLoadBackAndDamagedOnesAreRefused() throws IOException {
        try (EmbeddingDistanceNetwork net = new EmbeddingDistanceNetwork(encoder(), MEAN, precision(6), MELS)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.save(bytes);
            try (EmbeddingDistanceNetwork back = EmbeddingDistanceNetwork.load(
                    new ByteArrayInputStream(bytes.toByteArray()))) {
                Spectrogram x = clip(32, 9);
                assertThat(back.scores(List.of(x))[0]).isEqualTo(net.scores(List.of(x))[0]);
                assertThat(back.kind()).isEqualTo("md");
            }
            byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
            assertThatThrownBy(() -> EmbeddingDistanceNetwork.load(new ByteArrayInputStream(cut)))
                    .isInstanceOf(IOException.class);
            byte[] foreign = bytes.toByteArray().clone();
            foreign[0] = 0;
            assertThatThrownBy(() -> EmbeddingDistanceNetwork.load(new ByteArrayInputStream(foreign)))
                    .isInstanceOf(IOException.class).hasMessageContaining("magic");
        }
    }
}
