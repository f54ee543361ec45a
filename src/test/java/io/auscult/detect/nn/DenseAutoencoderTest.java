package io.auscult.detect.nn;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.ScoreGradient;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.auscult.detect.nn.DenseFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ReconstructionNetwork contract on the tiny fixture network. */
class DenseAutoencoderTest {

    private static Spectrogram spectrogram(int frames, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[frames * 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        double[] centres = new double[8];
        Arrays.setAll(centres, m -> 100.0 * (m + 1));
        return new Spectrogram(v, frames, 8, 512, 16000, centres);
    }

    private static double[] doubles(Spectrogram s) {
        double[] d = new double[s.values().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = s.values()[i];
        }
        return d;
    }

    private static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void floatNetworkAgreesWithTheDoubleOneWithin1e4() {
        List<Spectrogram> inputs = List.of(spectrogram(12, 1), spectrogram(40, 2));
        try (DenseAutoencoder single = DenseAutoencoder.of(DenseFixtures.tinyWeights());
             DenseAutoencoder exact = DenseAutoencoder.of(DenseFixtures.tinyWeights(), DataType.DOUBLE, 100)) {
            List<Reconstruction> r = single.reconstruct(inputs);
            List<ScoreGradient> g = single.scoreGradients(inputs);
            List<DenseEvaluation> e = exact.evaluate(inputs.stream().map(DenseAutoencoderTest::doubles).toList(), true);
            for (int i = 0; i < inputs.size(); i++) {
                assertClose("score", new double[] {r.get(i).score()}, new double[] {e.get(i).score()}, 1e-4);
                assertThat(g.get(i).score()).isEqualTo(r.get(i).score());
                assertClose("reconstruction", doubles(r.get(i).reconstruction().values()), e.get(i).reconstruction(), 1e-4);
                assertClose("error map", doubles(r.get(i).errorMap().values()), e.get(i).errorMap(), 1e-4);
                assertClose("gradient", doubles(g.get(i).gradient().values()), e.get(i).gradient(), 1e-4);
                assertThat(r.get(i).errorMap().frames()).isEqualTo(inputs.get(i).frames());
                assertThat(g.get(i).gradient().mels()).isEqualTo(8);
            }
        }
    }

    @Test
    void batchesCutAcrossRecordingsGiveTheSameResultsAsOneRecordingAtATime() {
        List<double[]> inputs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inputs.add(doubles(spectrogram(5 + 7 * i, 10 + i)));
        }
        try (DenseAutoencoder tiny = DenseAutoencoder.of(DenseFixtures.tinyWeights(), DataType.DOUBLE, 3);
             DenseAutoencoder wide = DenseAutoencoder.of(DenseFixtures.tinyWeights(), DataType.DOUBLE, 1000)) {
            List<DenseEvaluation> together = tiny.evaluate(inputs, true);
            for (int i = 0; i < inputs.size(); i++) {
                DenseEvaluation alone = wide.evaluate(List.of(inputs.get(i)), true).get(0);
                assertClose("score", new double[] {together.get(i).score()}, new double[] {alone.score()}, 1e-13);
                assertClose("error map", together.get(i).errorMap(), alone.errorMap(), 1e-13);
                assertClose("reconstruction", together.get(i).reconstruction(), alone.reconstruction(), 1e-13);
                assertClose("gradient", together.get(i).gradient(), alone.gradient(), 1e-12);
            }
        }
    }

    @Test
    void scoreIsTheCoverageWeightedMeanOfTheErrorMap() {
        Spectrogram input = spectrogram(9, 3);
        try (DenseAutoencoder net = DenseAutoencoder.of(DenseFixtures.tinyWeights(), DataType.DOUBLE, 100)) {
            DenseEvaluation e = net.evaluate(List.of(doubles(input)), false).get(0);
            double weighted = 0;
            for (int f = 0; f < 9; f++) {
                for (int m = 0; m < 8; m++) {
                    weighted += DenseWindows.coverage(f, 9, 5) * e.errorMap()[f * 8 + m];
                }
            }
            assertThat(e.score()).isCloseTo(weighted / (5 * 5 * 8), org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void saveAndLoadGiveIdenticalScores() throws IOException {
        List<Spectrogram> inputs = List.of(spectrogram(20, 4));
        try (DenseAutoencoder original = DenseAutoencoder.of(DenseFixtures.tinyWeights())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            original.save(bytes);
            try (DenseAutoencoder loaded = DenseAutoencoder.load(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertThat(loaded.kind()).isEqualTo("dense");
                assertThat(loaded.mels()).isEqualTo(8);
                assertThat(loaded.contextFrames()).isEqualTo(5);
                Reconstruction a = original.reconstruct(inputs).get(0);
                Reconstruction b = loaded.reconstruct(inputs).get(0);
                assertThat(b.score()).isEqualTo(a.score());
                assertThat(b.errorMap().values()).containsExactly(a.errorMap().values());
                assertThat(loaded.scoreGradients(inputs).get(0).gradient().values())
                        .containsExactly(original.scoreGradients(inputs).get(0).gradient().values());
            }
        }
    }

    @Test
    void damagedFilesAreRefusedWithTheReason() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DenseFixtures.tinyWeights().write(bytes);
        byte[] whole = bytes.toByteArray();
        assertThatThrownBy(() -> DenseAutoencoder.load(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 9))))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> DenseAutoencoder.load(new ByteArrayInputStream("RIFF....WAVE".getBytes())))
                .isInstanceOf(IOException.class).hasMessageContaining("not a dense autoencoder");
    }

    @Test
    void recordingsShorterThanOneWindowAreRefused() {
        try (DenseAutoencoder net = DenseAutoencoder.of(DenseFixtures.tinyWeights())) {
            assertThatThrownBy(() -> net.reconstruct(List.of(spectrogram(12, 1), spectrogram(4, 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("input 1 has 4 frames, too short for the dense autoencoder");
        }
    }

    @Test
    void inputsWithOtherMelCountsAreRefused() {
        Spectrogram wide = new Spectrogram(new float[16 * 10], 10, 16, 512, 16000, new double[16]);
        try (DenseAutoencoder net = DenseAutoencoder.of(DenseFixtures.tinyWeights())) {
            assertThatThrownBy(() -> net.scoreGradients(List.of(wide)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("input 0 has 16 mels; this dense autoencoder takes 8");
        }
    }

    @Test
    void aClosedNetworkRefusesWork() {
        DenseAutoencoder net = DenseAutoencoder.of(DenseFixtures.tinyWeights());
        net.reconstruct(List.of(spectrogram(12, 1)));
        net.close();
        net.close();
        assertThatThrownBy(() -> net.reconstruct(List.of(spectrogram(12, 1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
