package io.auscult.detect.nn;

import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;

import java.util.List;
import java.util.Objects;

/**
 * Trains a {@link MaskedAutoencoder}: like {@link ConvAutoencoderTrainer}, with a random mask per
 * crop ({@link ConvTrainingOptions#masking()}: patch size, ratio, kind) and the loss on the hidden
 * bins only. Early stopping uses the validation recordings' mean K-pass score.
 */
public final class MaskedAutoencoderTrainer {

    private final ConvTrainingOptions options;

    public MaskedAutoencoderTrainer(ConvTrainingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The network with the best epoch's weights (FLOAT, batch norm folded) and the training curve. */
    public ConvTrainingResult<MaskedAutoencoder> train(List<Spectrogram> training, List<Spectrogram> validation,
                                                       Progress progress, Cancellation cancellation) {
        ConvBackboneTrainer.Trained t = new ConvBackboneTrainer(options, options.masking(), ConvPrecision.FLOAT)
                .train(training, validation, progress, cancellation);
        return new ConvTrainingResult<>(new MaskedAutoencoder(t.weights(), t.mels(), options.masking(),
                ConvPrecision.FLOAT), t.curve());
    }
}
