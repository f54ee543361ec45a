package io.auscult.detect.nn;

import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;

import java.util.List;
import java.util.Objects;

/**
 * Trains a {@link ConvAutoencoder} on standardised normal spectrograms: random crops, Adam, batch
 * norm with batch statistics (running statistics for inference), early stopping on the
 * validation recordings' mean score. Progress is reported per step; cancellation is checked
 * before every step ({@link io.auscult.engine.CancelledException}).
 */
public final class ConvAutoencoderTrainer {

    private final ConvTrainingOptions options;

    public ConvAutoencoderTrainer(ConvTrainingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The network with the best epoch's weights (FLOAT, batch norm folded) and the training curve. */
    public ConvTrainingResult<ConvAutoencoder> train(List<Spectrogram> training, List<Spectrogram> validation,
                                                     Progress progress, Cancellation cancellation) {
        ConvBackboneTrainer.Trained t = new ConvBackboneTrainer(options, null, ConvPrecision.FLOAT)
                .train(training, validation, progress, cancellation);
        return new ConvTrainingResult<>(new ConvAutoencoder(t.weights(), t.mels(), ConvPrecision.FLOAT), t.curve());
    }
}
