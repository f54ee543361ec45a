package io.auscult.detect.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to train a dense autoencoder. {@link #DCASE} is the DCASE 2020-2023 Task 2 baseline:
 * 5 frames, 128 x 4 -> 8 -> 128 x 4, batch 512, Adam 1e-3, 100 epochs (here with early stopping
 * on the validation loss, patience 10).
 *
 * @param contextFrames frames per window
 * @param encoderWidths hidden layer widths from the input to the bottleneck (the decoder mirrors them)
 * @param bottleneck    width of the code layer (which has batch norm and ReLU too, as in the baseline)
 * @param epochs        most passes over the training windows
 * @param patience      epochs without a lower validation loss before stopping
 * @param batchSize     windows per Adam step (at least 2: batch norm needs a variance)
 * @param learningRate  Adam's step size
 * @param seed          seed of the initial weights and the shuffling
 */
public record DenseAutoencoderOptions(int contextFrames, List<Integer> encoderWidths, int bottleneck, int epochs,
        int patience, int batchSize, double learningRate, long seed) {

    public static final DenseAutoencoderOptions DCASE =
            new DenseAutoencoderOptions(5, List.of(128, 128, 128, 128), 8, 100, 10, 512, 1e-3, 42);

    public DenseAutoencoderOptions {
        Objects.requireNonNull(encoderWidths, "encoderWidths");
        encoderWidths = List.copyOf(encoderWidths);
        positive("contextFrames", contextFrames);
        positive("bottleneck", bottleneck);
        positive("epochs", epochs);
        positive("patience", patience);
        for (int w : encoderWidths) {
            positive("every encoder width", w);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batchSize must be at least 2 (batch norm needs a variance), not "
                    + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, not " + learningRate);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    /** Widths of every layer's output, input side first: encoder, bottleneck, mirrored decoder, window. */
    public List<Integer> layerWidths(int mels) {
        List<Integer> widths = new ArrayList<>(encoderWidths);
        widths.add(bottleneck);
        for (int i = encoderWidths.size() - 1; i >= 0; i--) {
            widths.add(encoderWidths.get(i));
        }
        widths.add(mels * contextFrames);
        return widths;
    }

    public DenseAutoencoderOptions withArchitecture(int contextFrames, List<Integer> encoderWidths, int bottleneck) {
        return new DenseAutoencoderOptions(contextFrames, encoderWidths, bottleneck, epochs, patience, batchSize,
                learningRate, seed);
    }

    public DenseAutoencoderOptions withEpochs(int epochs, int patience) {
        return new DenseAutoencoderOptions(contextFrames, encoderWidths, bottleneck, epochs, patience, batchSize,
                learningRate, seed);
    }

    public DenseAutoencoderOptions withBatchSize(int batchSize) {
        return new DenseAutoencoderOptions(contextFrames, encoderWidths, bottleneck, epochs, patience, batchSize,
                learningRate, seed);
    }

    public DenseAutoencoderOptions withLearningRate(double learningRate) {
        return new DenseAutoencoderOptions(contextFrames, encoderWidths, bottleneck, epochs, patience, batchSize,
                learningRate, seed);
    }

    public DenseAutoencoderOptions withSeed(long seed) {
        return new DenseAutoencoderOptions(contextFrames, encoderWidths, bottleneck, epochs, patience, batchSize,
                learningRate, seed);
    }
}
