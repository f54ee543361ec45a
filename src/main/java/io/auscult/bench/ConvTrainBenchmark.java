package io.auscult.bench;

import io.auscult.detect.nn.ConvAutoencoderTrainer;
import io.auscult.detect.nn.ConvTrainingOptions;
import io.auscult.detect.nn.MaskedAutoencoderTrainer;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code detect.conv_train} / {@code detect.mae_train}: training crops per second of the full-size
 * conv AE or MAE with the default options (64-frame crops, batch 32, Adam), end to end: four epochs
 * over 64 ten-second clips (40 steps = 1,280 crops) including graph set-up and the validation
 * passes. A user's run on 200 clips takes ~825 steps, over which the one-time graph set-up is
 * nothing; one epoch of 10 steps (this benchmark until session 7) charged it to 320 crops and
 * read 15-25 % under the trainer's steady rate (docs/performance.md).
 */
final class ConvTrainBenchmark implements Benchmark {

    private static final int CLIPS = 64;
    /** Fewer than the default patience (5), so early stopping never cuts a trial short. */
    private static final int EPOCHS = 4;

    private final boolean masked;

    private ConvTrainBenchmark(boolean masked) {
        this.masked = masked;
    }

    static ConvTrainBenchmark autoencoder() {
        return new ConvTrainBenchmark(false);
    }

    static ConvTrainBenchmark masked() {
        return new ConvTrainBenchmark(true);
    }

    @Override
    public String name() {
        return masked ? "detect.mae_train" : "detect.conv_train";
    }

    @Override
    public Unit unit() {
        return Unit.perSecond("crops");
    }

    @Override
    public Trial setUp() {
        List<Spectrogram> train = new ArrayList<>();
        long frames = 0;
        for (int i = 0; i < CLIPS; i++) {
            Spectrogram s = BenchSpectrograms.tenSeconds(200 + i);
            train.add(s);
            frames += s.frames();
        }
        List<Spectrogram> validation = List.of(BenchSpectrograms.tenSeconds(199));
        ConvTrainingOptions options = ConvTrainingOptions.DEFAULT.withEpochs(EPOCHS);
        long perStep = (long) options.cropFrames() * options.batchSize();
        long crops = EPOCHS * ((frames + perStep - 1) / perStep) * options.batchSize();
        return () -> {
            if (masked) {
                new MaskedAutoencoderTrainer(options).train(train, validation, Progress.NONE, Cancellation.NEVER)
                        .network().close();
            } else {
                new ConvAutoencoderTrainer(options).train(train, validation, Progress.NONE, Cancellation.NEVER)
                        .network().close();
            }
            return crops;
        };
    }
}
