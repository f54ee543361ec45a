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
 * conv AE or MAE with the default options (64-frame crops, batch 32, Adam), end to end: one epoch
 * over 64 ten-second clips (10 steps = 320 crops) including graph set-up and the validation pass,
 * the way a user's training run spends time.
 */
final class ConvTrainBenchmark implements Benchmark {

    private static final int CLIPS = 64;

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
        ConvTrainingOptions options = ConvTrainingOptions.DEFAULT.withEpochs(1);
        long perStep = (long) options.cropFrames() * options.batchSize();
        long crops = ((frames + perStep - 1) / perStep) * options.batchSize();
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
