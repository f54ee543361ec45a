package io.auscult.bench;

import io.auscult.detect.nn.DenseAutoencoderOptions;
import io.auscult.detect.nn.DenseAutoencoderTrainer;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code detect.dense_train}: training windows per second of the DCASE dense AE, end to end
 * (one epoch over 20 ten-second clips = 6,180 windows in batches of 512, including the
 * epoch's validation pass and graph set-up), the way a user's training run spends time.
 */
final class DenseTrainBenchmark implements Benchmark {

    private static final int CLIPS = 20;

    @Override
    public String name() {
        return "detect.dense_train";
    }

    @Override
    public Unit unit() {
        return Unit.perSecond("vectors");
    }

    @Override
    public Trial setUp() {
        List<Spectrogram> train = new ArrayList<>();
        for (int i = 0; i < CLIPS; i++) {
            train.add(BenchSpectrograms.tenSeconds(100 + i));
        }
        List<Spectrogram> validation = List.of(BenchSpectrograms.tenSeconds(99));
        long windows = (long) CLIPS * (313 - 4);
        return () -> {
            new DenseAutoencoderTrainer(DenseAutoencoderOptions.DCASE.withEpochs(1, 1))
                    .train(train, validation, Progress.NONE, Cancellation.NEVER).network().close();
            return windows;
        };
    }
}
