package io.auscult.detect.nn;

import io.auscult.detect.Reconstruction;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The scoring path on time-major floats ({@code reconstruct}, {@code scores}) against the
 * runner's general double path ({@code run} without gradients, the one scoring used before), on
 * random inputs of a length the network pads (35 frames to 36 or 40), conv AE and MAE, float and
 * double, a batch of 3.
 */
class ConvScorePathTest {

    private static final int MELS = 16;
    private static final int FRAMES = 35;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ae, FLOAT", "ae, DOUBLE", "mae, FLOAT", "mae, DOUBLE"})
    void floatPathEqualsDoublePath(String kind, String precision) {
        ConvPrecision p = ConvPrecision.valueOf(precision);
        boolean mae = kind.equals("mae");
        ConvBackboneWeights weights = ConvBackboneWeights.initial(mae ? 2 : 1, List.of(4, 8), 5);
        MaeMasking masking = mae ? new MaeMasking(4, 4, 0.5, MaeMaskKind.PATCHES) : null;
        SplittableRandom random = new SplittableRandom(17);
        List<Spectrogram> inputs = new ArrayList<>();
        List<double[]> melsByFrames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            float[] v = new float[MELS * FRAMES];
            double[] t = new double[MELS * FRAMES];
            for (int f = 0; f < FRAMES; f++) {
                for (int m = 0; m < MELS; m++) {
                    v[f * MELS + m] = (float) random.nextGaussian();
                    t[m * FRAMES + f] = v[f * MELS + m];
                }
            }
            inputs.add(new Spectrogram(v, FRAMES, MELS, 160, 16000, new double[MELS]));
            melsByFrames.add(t);
        }
        List<ConvBackboneRunner.Result> reference;
        try (ConvBackboneRunner runner = new ConvBackboneRunner(weights, p.dataType(), masking, MELS)) {
            reference = runner.run(melsByFrames, FRAMES, false, null);
        }
        try (ConvBackboneNetwork net = mae ? new MaskedAutoencoder(weights, MELS, masking, p)
                : new ConvAutoencoder(weights, MELS, p)) {
            List<Reconstruction> now = net.reconstruct(inputs);
            double[] scores = net.scores(inputs);
            for (int i = 0; i < inputs.size(); i++) {
                ConvBackboneRunner.Result ref = reference.get(i);
                // Same plan, same ops, same summation order: equal up to the last bits (the margin
                // covers a kernel that rounds differently on another CPU; a wrong bin or a missed
                // mask would be off by whole squared errors, ~1).
                assertThat(now.get(i).score()).isCloseTo(ref.score(), within(1e-6 * ref.score()));
                assertThat(scores[i]).isEqualTo(now.get(i).score());
                float[] r = now.get(i).reconstruction().values();
                float[] e = now.get(i).errorMap().values();
                for (int f = 0; f < FRAMES; f++) {
                    for (int m = 0; m < MELS; m++) {
                        assertThat((double) r[f * MELS + m]).isCloseTo(ref.reconstruction()[m * FRAMES + f],
                                within(1e-5));
                        assertThat((double) e[f * MELS + m]).isCloseTo(ref.errorMap()[m * FRAMES + f], within(1e-5));
                    }
                }
            }
        }
    }
}
