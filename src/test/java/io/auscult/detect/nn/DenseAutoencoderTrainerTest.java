package io.auscult.detect.nn;

import io.auscult.detect.TrainingCurve;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DenseAutoencoderTrainerTest {

    private static final int MELS = 8;
    private static final DenseAutoencoderOptions TINY = DenseAutoencoderOptions.DCASE
            .withArchitecture(5, List.of(16), 4).withBatchSize(32).withEpochs(6, 6).withLearningRate(1e-2);

    /** Machine-like spectrograms: a band profile, a slow hum modulation per band, noise. */
    private static List<Spectrogram> synthetic(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] centres = new double[MELS];
        for (int m = 0; m < MELS; m++) {
            centres[m] = 200.0 * (m + 1);
        }
        List<Spectrogram> out = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            int frames = 30 + random.nextInt(20);
            double phase = random.nextDouble(2 * Math.PI);
            float[] v = new float[frames * MELS];
            for (int f = 0; f < frames; f++) {
                for (int m = 0; m < MELS; m++) {
                    v[f * MELS + m] = (float) (Math.cos(m * 0.8) + 0.8 * Math.sin(0.3 * f + phase + 0.5 * m)
                            + 0.2 * random.nextGaussian());
                }
            }
            out.add(new Spectrogram(v, frames, MELS, 512, 16000, centres));
        }
        return out;
    }

    private static final List<Spectrogram> TRAINING = synthetic(12, 1);
    private static final List<Spectrogram> VALIDATION = synthetic(4, 2);

    @Test
    void trainingLowersTheValidationLoss() {
        DenseTrainingResult result = new DenseAutoencoderTrainer(TINY)
                .train(TRAINING, VALIDATION, Progress.NONE, Cancellation.NEVER);
        try (DenseAutoencoder network = result.network()) {
            TrainingCurve curve = result.curve();
            assertThat(curve.trainLoss()).hasSize(6);
            assertThat(curve.validationLoss()).hasSize(6);
            double best = curve.validationLoss().get(curve.bestEpoch());
            assertThat(best).isEqualTo(curve.validationLoss().stream().mapToDouble(Double::doubleValue).min().orElseThrow());
            assertThat(best).isLessThan(0.7 * curve.validationLoss().get(0));
            // The returned network is the best epoch's: its own validation loss is that number.
            double squares = 0;
            int windows = 0;
            for (var r : network.reconstruct(VALIDATION)) {
                int count = DenseWindows.count(r.errorMap().frames(), 5);
                squares += r.score() * count;
                windows += count;
            }
            assertThat(squares / windows).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-6 * best));
        }
    }

    @Test
    void theSameSeedGivesBitIdenticalWeights() {
        DenseAutoencoderOptions options = TINY.withEpochs(2, 2);
        DenseAutoencoderWeights a = train(options);
        DenseAutoencoderWeights b = train(options);
        DenseAutoencoderWeights c = train(options.withSeed(options.seed() + 1));
        for (int l = 0; l < a.layers().size(); l++) {
            assertThat(b.layers().get(l).weight()).containsExactly(a.layers().get(l).weight());
            assertThat(b.layers().get(l).bias()).containsExactly(a.layers().get(l).bias());
            if (a.layers().get(l).batchNorm() != null) {
                assertThat(b.layers().get(l).batchNorm().gamma()).containsExactly(a.layers().get(l).batchNorm().gamma());
                assertThat(b.layers().get(l).batchNorm().runningVar())
                        .containsExactly(a.layers().get(l).batchNorm().runningVar());
            }
        }
        assertThat(c.layers().get(0).weight()).isNotEqualTo(a.layers().get(0).weight());
    }

    private static DenseAutoencoderWeights train(DenseAutoencoderOptions options) {
        DenseTrainingResult result = new DenseAutoencoderTrainer(options)
                .train(TRAINING, VALIDATION, Progress.NONE, Cancellation.NEVER);
        result.network().close();
        return result.network().weights();
    }

    @Test
    void earlyStoppingKeepsTheBestEpochAndStopsAfterThePatience() {
        // A learning rate this large makes the validation loss bounce: it stops before 40 epochs.
        DenseTrainingResult result = new DenseAutoencoderTrainer(TINY.withEpochs(40, 2).withLearningRate(0.3))
                .train(TRAINING, VALIDATION, Progress.NONE, Cancellation.NEVER);
        result.network().close();
        TrainingCurve curve = result.curve();
        assertThat(curve.validationLoss().size()).isLessThan(40).isEqualTo(curve.bestEpoch() + 3);
    }

    @Test
    void cancellingStopsBeforeTheNextBatch() {
        Cancellation cancellation = new Cancellation();
        AtomicInteger reports = new AtomicInteger();
        Progress progress = (fraction, message) -> {
            if (reports.incrementAndGet() == 3) {
                cancellation.cancel();
            }
        };
        assertThatThrownBy(() -> new DenseAutoencoderTrainer(TINY).train(TRAINING, VALIDATION, progress, cancellation))
                .isInstanceOf(CancelledException.class);
        assertThat(reports.get()).isEqualTo(3);
    }

    @Test
    void progressRisesToOneAndSaysWhichEpoch() {
        List<Double> fractions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        new DenseAutoencoderTrainer(TINY.withEpochs(2, 2)).train(TRAINING, VALIDATION, (f, m) -> {
            fractions.add(f);
            messages.add(m);
        }, Cancellation.NEVER).network().close();
        assertThat(fractions).isSorted();
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
        assertThat(messages).anyMatch(m -> m.startsWith("epoch 2 of 2: training loss"));
    }

    @Test
    void dataThatCannotTrainIsRefusedWithTheReason() {
        DenseAutoencoderTrainer trainer = new DenseAutoencoderTrainer(TINY);
        Spectrogram shortOne = new Spectrogram(new float[4 * MELS], 4, MELS, 512, 16000, new double[MELS]);
        assertThatThrownBy(() -> trainer.train(List.of(TRAINING.get(0), shortOne), VALIDATION, Progress.NONE,
                Cancellation.NEVER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("training spectrogram 1 has 4 frames, too short");
        assertThatThrownBy(() -> trainer.train(TRAINING, List.of(), Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no validation");
        Spectrogram wide = new Spectrogram(new float[40 * 16], 40, 16, 512, 16000, new double[16]);
        assertThatThrownBy(() -> trainer.train(TRAINING, List.of(wide), Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validation spectrogram 0 has 16 mels, the first training spectrogram 8");
    }

    @Test
    void optionsNameTheBadValue() {
        assertThatThrownBy(() -> DenseAutoencoderOptions.DCASE.withBatchSize(1))
                .hasMessageContaining("batchSize must be at least 2").hasMessageContaining("not 1");
        assertThatThrownBy(() -> DenseAutoencoderOptions.DCASE.withLearningRate(Double.NaN))
                .hasMessageContaining("learningRate must be positive and finite, not NaN");
        assertThatThrownBy(() -> DenseAutoencoderOptions.DCASE.withArchitecture(5, List.of(128, 0), 8))
                .hasMessageContaining("every encoder width must be positive, not 0");
        assertThatThrownBy(() -> DenseAutoencoderOptions.DCASE.withEpochs(10, 0))
                .hasMessageContaining("patience must be positive, not 0");
        assertThat(DenseAutoencoderOptions.DCASE.layerWidths(128))
                .containsExactly(128, 128, 128, 128, 8, 128, 128, 128, 128, 640);
    }
}
