package io.auscult.detect.nn;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.ScoreGradient;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.auscult.detect.nn.ConvFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The conv AE behind the ReconstructionNetwork contract: layout, padding, batching, saving. */
class ConvAutoencoderTest {

    private static final int MELS = 16;
    private static Map<String, ConvStateTensor> fx;
    private static ConvBackboneWeights weights;
    private static ConvAutoencoder exact;

    @BeforeAll
    static void load() {
        fx = ConvFixtures.read("tiny_conv_ae.forward.json");
        weights = ConvFixtures.weights("tiny_conv_ae.weights.json");
        exact = new ConvAutoencoder(weights, MELS, ConvPrecision.DOUBLE);
    }

    @AfterAll
    static void close() {
        exact.close();
    }

    static Spectrogram spectrogram(float[] timeMajor, int frames) {
        double[] centres = new double[MELS];
        for (int m = 0; m < MELS; m++) {
            centres[m] = 100.0 * (m + 1);
        }
        return new Spectrogram(timeMajor, frames, MELS, 512, 16000, centres);
    }

    static Spectrogram fixtureInput(ConvStateTensor x, int example) {
        double[] one = Arrays.copyOfRange(x.data(), example * MELS * 24, (example + 1) * MELS * 24);
        return spectrogram(ConvFixtures.toTimeMajor(one, MELS, 24), 24);
    }

    static Spectrogram random(int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[frames * MELS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian());
        }
        return spectrogram(v, frames);
    }

    @Test
    void spectrogramsGoInTimeMajorAndComeBackTimeMajor() {
        // The fixture is (mels, frames); the input is rounded to float, so compare at float's precision.
        Reconstruction r = exact.reconstruct(List.of(fixtureInput(fx.get("x"), 0))).get(0);
        assertClose("reconstruction", ConvFixtures.toMelsByFrames(r.reconstruction().values(), MELS, 24),
                fx.get("reconstruction").data(), 1e-5);
        assertClose("error_map", ConvFixtures.toMelsByFrames(r.errorMap().values(), MELS, 24),
                fx.get("error_map").data(), 1e-5);
        assertThat(r.score()).isCloseTo(fx.get("score").data()[0], org.assertj.core.data.Offset.offset(1e-5));
        assertThat(r.reconstruction().bandCentresHz()).isEqualTo(fixtureInput(fx.get("x"), 0).bandCentresHz());
    }

    @Test
    void floatPrecisionMeetsTheFloat32Tolerance() {
        try (ConvAutoencoder net = new ConvAutoencoder(weights, MELS, ConvPrecision.FLOAT)) {
            ScoreGradient g = net.scoreGradients(List.of(fixtureInput(fx.get("x"), 0))).get(0);
            assertThat(g.score()).isCloseTo(fx.get("score").data()[0], org.assertj.core.data.Offset.offset(1e-4));
            assertClose("grad_score_x", ConvFixtures.toMelsByFrames(g.gradient().values(), MELS, 24),
                    fx.get("grad_score_x").data(), 1e-4);
        }
    }

    @Test
    void paddingFramesAreExcludedFromScoreMapsAndGradient() {
        Spectrogram shortInput = random(21, 1);
        float[] padded = Arrays.copyOf(shortInput.values(), 24 * MELS);
        Reconstruction full = exact.reconstruct(List.of(spectrogram(padded, 24))).get(0);
        Reconstruction r = exact.reconstruct(List.of(shortInput)).get(0);
        assertThat(r.errorMap().frames()).isEqualTo(21);
        assertThat(r.reconstruction().values())
                .containsExactly(Arrays.copyOf(full.reconstruction().values(), 21 * MELS));
        double sum = 0;
        for (int i = 0; i < 21 * MELS; i++) {
            sum += full.errorMap().values()[i];
        }
        assertThat(r.score()).isCloseTo(sum / (21 * MELS), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(exact.scoreGradients(List.of(shortInput)).get(0).gradient().frames()).isEqualTo(21);
    }

    @Test
    void mixedLengthsAndATinyBatchCapGiveTheSameResultsAsOneByOne() {
        List<Spectrogram> inputs = List.of(random(24, 2), random(13, 3), random(24, 4), random(40, 5));
        List<ScoreGradient> together = exact.scoreGradients(inputs);
        try (ConvAutoencoder capped = new ConvAutoencoder(weights, MELS, ConvPrecision.DOUBLE)) {
            capped.setBatchBinLimit(1);
            List<ScoreGradient> oneByOne = capped.scoreGradients(inputs);
            for (int i = 0; i < inputs.size(); i++) {
                assertThat(together.get(i).gradient().frames()).isEqualTo(inputs.get(i).frames());
                assertThat(together.get(i).score()).isCloseTo(oneByOne.get(i).score(),
                        org.assertj.core.data.Offset.offset(1e-12));
                float[] a = together.get(i).gradient().values();
                float[] b = oneByOne.get(i).gradient().values();
                for (int j = 0; j < a.length; j++) {
                    assertThat(a[j]).isCloseTo(b[j], org.assertj.core.data.Offset.offset(1e-7f));
                }
            }
        }
    }

    @Test
    void scoreGradientScoreEqualsReconstructScore() {
        Spectrogram s = random(24, 6);
        assertThat(exact.scoreGradients(List.of(s)).get(0).score())
                .isEqualTo(exact.reconstruct(List.of(s)).get(0).score());
    }

    @Test
    void scoringGradientsAndLayerGradientsGiveTheSameScoreInFloat() {
        // All three run the same forward plan (the plan against the SameDiff graph: ConvPlanFloatTest).
        try (ConvAutoencoder net = new ConvAutoencoder(weights, MELS, ConvPrecision.FLOAT)) {
            Spectrogram s = random(37, 12);
            Reconstruction direct = net.reconstruct(List.of(s)).get(0);
            assertThat(net.scoreGradients(List.of(s)).get(0).score()).isEqualTo(direct.score());
            assertThat(net.layerGradient(s, "enc3").score()).isEqualTo(direct.score());
        }
    }

    @Test
    void saveThenLoadGivesIdenticalScores() throws IOException {
        try (ConvAutoencoder net = new ConvAutoencoder(weights, MELS, ConvPrecision.FLOAT)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.save(bytes);
            try (ConvAutoencoder back = ConvAutoencoder.load(new ByteArrayInputStream(bytes.toByteArray()))) {
                List<Spectrogram> in = List.of(random(24, 7), random(35, 8));
                assertThat(back.weights()).isEqualTo(net.weights());
                assertThat(back.mels()).isEqualTo(MELS);
                for (int i = 0; i < in.size(); i++) {
                    assertThat(back.reconstruct(in).get(i).score()).isEqualTo(net.reconstruct(in).get(i).score());
                }
            }
        }
    }

    @Test
    void loadRefusesOtherKindsGarbageAndTruncatedFiles() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConvAutoencoder net = new ConvAutoencoder(weights, MELS, ConvPrecision.FLOAT)) {
            net.save(bytes);
        }
        byte[] good = bytes.toByteArray();
        assertThatThrownBy(() -> MaskedAutoencoder.load(new ByteArrayInputStream(good)))
                .isInstanceOf(IOException.class).hasMessageContaining("is a 'ae', not a 'mae'");
        assertThatThrownBy(() -> ConvAutoencoder.load(new ByteArrayInputStream(Arrays.copyOf(good, good.length / 2))))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> ConvAutoencoder.load(new ByteArrayInputStream("RIFF....WAVEfmt ".getBytes())))
                .isInstanceOf(IOException.class).hasMessageContaining("not an Auscult conv network");
    }

    @Test
    void wrongMelCountAndEmptyInputsAreRefusedWithTheReason() {
        Spectrogram eight = new Spectrogram(new float[8 * 24], 24, 8, 512, 16000, new double[8]);
        assertThatThrownBy(() -> exact.reconstruct(List.of(eight)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 mel bands").hasMessageContaining("16");
        assertThatThrownBy(() -> exact.reconstruct(List.of(spectrogram(new float[0], 0))))
                .hasMessageContaining("no frames");
        assertThatThrownBy(() -> new ConvAutoencoder(ConvFixtures.weights("tiny_mae.weights.json"), MELS,
                ConvPrecision.FLOAT)).hasMessageContaining("2");
    }

    @Test
    void releasingWorkingMemoryChangesNoResult() {
        Spectrogram s = random(30, 13);
        ScoreGradient before = exact.scoreGradients(List.of(s)).get(0);
        double score = exact.reconstruct(List.of(s)).get(0).score();
        exact.releaseWorkingMemory();
        assertThat(exact.reconstruct(List.of(s)).get(0).score()).isEqualTo(score);
        assertThat(exact.scoreGradients(List.of(s)).get(0).gradient().values()).containsExactly(before.gradient().values());
    }

    @Test
    void closedNetworkRefusesWork() {
        ConvAutoencoder net = new ConvAutoencoder(weights, MELS, ConvPrecision.FLOAT);
        net.close();
        net.close();
        assertThatThrownBy(() -> net.reconstruct(List.of(random(8, 9)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void layerGradientGivesTheLastEncoderBlockByDefault() {
        assertThat(exact.defaultGradCamLayer()).isEqualTo("enc3");
        assertThat(exact.layerNames()).containsExactly("enc1", "enc2", "enc3", "dec1", "dec2");
        ConvLayerGradient g = exact.layerGradient(random(20, 10), "enc3");
        assertThat(List.of(g.passes(), g.channels(), g.rows(), g.columns(), g.inputFrames(), g.paddedFrames()))
                .containsExactly(1, 16, 2, 3, 20, 24);
        assertThatThrownBy(() -> exact.layerGradient(random(8, 11), "fc1")).hasMessageContaining("no layer 'fc1'");
    }
}
