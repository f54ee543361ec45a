package io.auscult.detect.nn;

import io.auscult.detect.Reconstruction;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.auscult.detect.nn.ConvAutoencoderTest.fixtureInput;
import static io.auscult.detect.nn.ConvAutoencoderTest.random;
import static io.auscult.detect.nn.ConvFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** The MAE behind the ReconstructionNetwork contract, and its masks. */
class MaskedAutoencoderTest {

    private static final int MELS = 16;
    private static final MaeMasking TINY = new MaeMasking(4, 4, 0.5, MaeMaskKind.PATCHES);

    private static ConvBackboneWeights weights() {
        return ConvFixtures.weights("tiny_mae.weights.json");
    }

    @Test
    void spectrogramContractGivesTheFixtureScoreAndGradient() {
        Map<String, ConvStateTensor> fx = ConvFixtures.read("tiny_mae.json");
        try (MaskedAutoencoder net = new MaskedAutoencoder(weights(), MELS, TINY, ConvPrecision.DOUBLE)) {
            Spectrogram x = fixtureInput(fx.get("x"), 0);
            Reconstruction r = net.reconstruct(List.of(x)).get(0);
            assertClose("reconstruction", ConvFixtures.toMelsByFrames(r.reconstruction().values(), MELS, 24),
                    fx.get("reconstruction").data(), 1e-5);
            assertThat(r.score()).isCloseTo(fx.get("score").data()[0], offset(1e-5));
            assertClose("grad_score_x", ConvFixtures.toMelsByFrames(
                    net.scoreGradients(List.of(x)).get(0).gradient().values(), MELS, 24),
                    fx.get("grad_score_x").data(), 1e-5);
            assertThat(net.kind()).isEqualTo("mae");
        }
    }

    @Test
    void inferenceGroupsPartitionTheGridForEveryMaskKind() {
        for (MaeMaskKind kind : MaeMaskKind.values()) {
            MaeMasking m = new MaeMasking(4, 8, 1.0 / 3, kind);
            assertThat(m.groups()).isEqualTo(3);
            double[] sum = new double[MELS * 48];
            double[] mask = new double[MELS * 48];
            for (int g = 0; g < 3; g++) {
                m.inferenceMask(g, MELS, 48, mask, 0);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += mask[i];
                }
            }
            assertThat(sum).as(kind.name()).containsOnly(1.0);
        }
        MaeMasking time = new MaeMasking(4, 8, 0.5, MaeMaskKind.TIME_STRIPES);
        assertThat(time.group(0, 9)).isEqualTo(time.group(15, 9)).isNotEqualTo(time.group(0, 0));
        MaeMasking freq = new MaeMasking(4, 8, 0.5, MaeMaskKind.FREQUENCY_STRIPES);
        assertThat(freq.group(5, 0)).isEqualTo(freq.group(5, 47)).isNotEqualTo(freq.group(0, 0));
    }

    @Test
    void trainingMasksHideTheRatioOfUnits() {
        SplittableRandom r = new SplittableRandom(3);
        double[] mask = new double[128 * 64];
        assertThat(MaeMasking.DEFAULT.randomMask(r, 128, 64, mask, 0)).isEqualTo(128 * 64 / 2);
        MaeMasking stripes = new MaeMasking(16, 8, 0.25, MaeMaskKind.TIME_STRIPES);
        assertThat(stripes.randomMask(r, 128, 64, mask, 0)).isEqualTo(2 * 8 * 128);
        for (int f = 0; f < 64; f++) {
            assertThat(mask[f]).as("a time stripe covers every band").isEqualTo(mask[127 * 64 + f]);
        }
    }

    @Test
    void maskingOptionsAreValidated() {
        assertThatThrownBy(() -> new MaeMasking(16, 8, 0.4, MaeMaskKind.PATCHES)).hasMessageContaining("1/K");
        assertThatThrownBy(() -> new MaeMasking(0, 8, 0.5, MaeMaskKind.PATCHES)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new MaeMasking(16, 8, 1.0, MaeMaskKind.PATCHES)).hasMessageContaining("(0, 1)");
    }

    @Test
    void fourGroupsScoreIsTheMeanOfTheCombinedErrorMap() {
        try (MaskedAutoencoder net = new MaskedAutoencoder(weights(), MELS,
                new MaeMasking(4, 4, 0.25, MaeMaskKind.PATCHES), ConvPrecision.DOUBLE)) {
            Reconstruction r = net.reconstruct(List.of(random(19, 4))).get(0);
            double sum = 0;
            for (float e : r.errorMap().values()) {
                sum += e;
            }
            assertThat(r.score()).isCloseTo(sum / (MELS * 19), offset(1e-6));
            assertThat(net.layerGradient(random(19, 5), "enc3").passes()).isEqualTo(4);
        }
    }

    @Test
    void saveThenLoadKeepsMaskingAndScores() throws IOException {
        MaeMasking stripes = new MaeMasking(4, 4, 0.5, MaeMaskKind.TIME_STRIPES);
        try (MaskedAutoencoder net = new MaskedAutoencoder(weights(), MELS, stripes, ConvPrecision.FLOAT)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.save(bytes);
            try (MaskedAutoencoder back = MaskedAutoencoder.load(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertThat(back.masking()).isEqualTo(stripes);
                Spectrogram s = random(30, 6);
                assertThat(back.reconstruct(List.of(s)).get(0).score()).isEqualTo(net.reconstruct(List.of(s)).get(0).score());
            }
            assertThatThrownBy(() -> ConvAutoencoder.load(new ByteArrayInputStream(bytes.toByteArray())))
                    .hasMessageContaining("is a 'mae'");
        }
    }
}
