package io.auscult.detect.nn;

import io.auscult.detect.TrainingCurve;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains the DCASE dense autoencoder on standardised log-mel spectrograms of normal sounds:
 * every window of {@code contextFrames} consecutive frames of every training recording, shuffled
 * each epoch, MSE, Adam, batch norm on batch statistics (see {@link DenseTrainingStep}). After each
 * epoch the validation loss (mean squared error over all validation windows, batch norm on its
 * running statistics, as the returned network computes it) decides early stopping; the network
 * returned has the weights of the epoch with the lowest validation loss.
 *
 * <p>Each epoch uses {@code floor(windows / batch)} full batches: the few windows left over (a
 * different few after each shuffle) are not used in that epoch, so every step's batch statistics
 * come from a full batch. With fewer windows than {@code batchSize}, one batch holds them all.
 *
 * <p>Same options and data, same machine: bit-identical weights (seeded initialisation and
 * shuffling; the engine's matrix products are deterministic for fixed shapes).
 */
public final class DenseAutoencoderTrainer {

    /** Validation windows scored per graph call. */
    private static final int VALIDATION_WINDOWS_PER_CALL = DenseAutoencoder.DEFAULT_MAX_WINDOWS_PER_BATCH;

    private final DenseAutoencoderOptions options;
    private final DataType dataType;

    public DenseAutoencoderTrainer(DenseAutoencoderOptions options) {
        this(options, DataType.FLOAT);
    }

    DenseAutoencoderTrainer(DenseAutoencoderOptions options, DataType dataType) {
        this.options = Objects.requireNonNull(options, "options");
        DenseArrays.requireSupported(dataType);
        this.dataType = dataType;
    }

    public DenseAutoencoderOptions options() {
        return options;
    }

    /**
     * @param training   standardised spectrograms of normal recordings, each at least one window long
     * @param validation standardised spectrograms held out for early stopping (not empty)
     * @throws IllegalArgumentException if the data cannot train this network, saying why
     * @throws io.auscult.engine.CancelledException if cancelled (checked before every batch)
     * @throws IllegalStateException if the validation loss is never a number (training diverged)
     */
    public DenseTrainingResult train(List<Spectrogram> training, List<Spectrogram> validation, Progress progress,
            Cancellation cancellation) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancellation, "cancellation");
        int mels = checkData(training, validation);
        int context = options.contextFrames();
        int[] windowRecording;
        int[] windowStart;
        {
            int total = 0;
            for (Spectrogram s : training) {
                total += DenseWindows.count(s.frames(), context);
            }
            if (total < 2) {
                throw new IllegalArgumentException("the training data has " + total + " window; batch norm needs at "
                        + "least 2");
            }
            windowRecording = new int[total];
            windowStart = new int[total];
            int w = 0;
            for (int r = 0; r < training.size(); r++) {
                for (int s = 0; s < DenseWindows.count(training.get(r).frames(), context); s++) {
                    windowRecording[w] = r;
                    windowStart[w] = s;
                    w++;
                }
            }
        }
        int total = windowRecording.length;
        int batch = Math.min(options.batchSize(), total);
        int batches = total / batch;
        SplittableRandom root = new SplittableRandom(options.seed());
        SplittableRandom initRandom = root.split();
        SplittableRandom shuffleRandom = root.split();
        List<double[]> validationValues = validation.stream().map(DenseAutoencoder::doubles).toList();

        List<Double> trainLoss = new ArrayList<>();
        List<Double> validationLoss = new ArrayList<>();
        DenseAutoencoderWeights best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        int[] order = new int[total];
        Arrays.setAll(order, i -> i);
        try (DenseTrainingStep step = new DenseTrainingStep(initialWeights(mels, initRandom), batch,
                options.learningRate(), dataType)) {
            for (int epoch = 0; epoch < options.epochs(); epoch++) {
                shuffle(order, shuffleRandom);
                double lossSum = 0;
                for (int b = 0; b < batches; b++) {
                    cancellation.throwIfCancelled();
                    for (int i = 0; i < batch; i++) {
                        int w = order[b * batch + i];
                        step.setWindow(i, training.get(windowRecording[w]).values(), windowStart[w]);
                    }
                    lossSum += step.computeGradients(true);
                    step.applyAdam();
                    progress.report((epoch + (b + 1.0) / batches) / options.epochs(),
                            "epoch " + (epoch + 1) + " of " + options.epochs() + ": training");
                }
                trainLoss.add(lossSum / batches);
                DenseAutoencoderWeights weights = step.weights();
                double loss = validationLoss(weights, validationValues, cancellation);
                validationLoss.add(loss);
                if (loss < bestLoss) {
                    bestLoss = loss;
                    best = weights;
                    bestEpoch = epoch;
                }
                progress.report((epoch + 1.0) / options.epochs(), String.format(Locale.ROOT,
                        "epoch %d of %d: training loss %.5f, validation loss %.5f", epoch + 1, options.epochs(),
                        trainLoss.get(epoch), loss));
                if (epoch - bestEpoch >= options.patience()) {
                    break;
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("training diverged: the validation loss was never a number "
                    + validationLoss + "; try a smaller learning rate");
        }
        progress.report(1.0, "trained " + trainLoss.size() + " epochs; kept epoch " + (bestEpoch + 1));
        return new DenseTrainingResult(DenseAutoencoder.of(best),
                new TrainingCurve(trainLoss, validationLoss, bestEpoch));
    }

    /**
     * PyTorch's default initialisation of {@code Linear} (weights and bias uniform in
     * +-1/sqrt(inputs)), fresh batch norms (gamma 1, beta 0, running mean 0, variance 1), and no
     * bias before a batch norm.
     */
    DenseAutoencoderWeights initialWeights(int mels, SplittableRandom random) {
        List<Integer> widths = options.layerWidths(mels);
        List<DenseLayer> layers = new ArrayList<>(widths.size());
        int in = mels * options.contextFrames();
        for (int l = 0; l < widths.size(); l++) {
            int out = widths.get(l);
            double bound = 1 / Math.sqrt(in);
            double[] w = new double[in * out];
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextDouble(-bound, bound);
            }
            boolean hidden = l < widths.size() - 1;
            double[] bias = new double[out];
            DenseBatchNorm bn = null;
            if (hidden) {
                double[] ones = new double[out];
                Arrays.fill(ones, 1);
                bn = new DenseBatchNorm(ones, new double[out], new double[out], ones.clone(), DenseTrainingStep.BN_EPS);
            } else {
                for (int o = 0; o < out; o++) {
                    bias[o] = random.nextDouble(-bound, bound);
                }
            }
            layers.add(new DenseLayer(in, out, w, bias, bn, hidden));
            in = out;
        }
        return new DenseAutoencoderWeights(mels, options.contextFrames(), layers);
    }

    /** Mean squared error over all validation windows, in groups of recordings to bound memory. */
    private double validationLoss(DenseAutoencoderWeights weights, List<double[]> validation,
            Cancellation cancellation) {
        int mels = weights.mels();
        double squares = 0;
        long windows = 0;
        try (DenseAutoencoder network = DenseAutoencoder.of(weights, dataType, VALIDATION_WINDOWS_PER_CALL)) {
            int from = 0;
            while (from < validation.size()) {
                cancellation.throwIfCancelled();
                int to = from;
                int groupWindows = 0;
                do {
                    groupWindows += DenseWindows.count(validation.get(to).length / mels, options.contextFrames());
                    to++;
                } while (to < validation.size() && groupWindows < VALIDATION_WINDOWS_PER_CALL);
                List<DenseEvaluation> results = network.evaluate(validation.subList(from, to), false);
                for (int r = from; r < to; r++) {
                    int count = DenseWindows.count(validation.get(r).length / mels, options.contextFrames());
                    squares += results.get(r - from).score() * count;
                    windows += count;
                }
                from = to;
            }
        }
        return squares / windows;
    }

    private int checkData(List<Spectrogram> training, List<Spectrogram> validation) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(validation, "validation");
        if (training.isEmpty()) {
            throw new IllegalArgumentException("no training spectrograms");
        }
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("no validation spectrograms: early stopping needs some");
        }
        int mels = training.get(0).mels();
        check(training, "training", mels);
        check(validation, "validation", mels);
        return mels;
    }

    private void check(List<Spectrogram> spectrograms, String what, int mels) {
        for (int i = 0; i < spectrograms.size(); i++) {
            Spectrogram s = spectrograms.get(i);
            if (s.mels() != mels) {
                throw new IllegalArgumentException(what + " spectrogram " + i + " has " + s.mels()
                        + " mels, the first training spectrogram " + mels);
            }
            DenseWindows.requireOneWindow(what + " spectrogram " + i, s.frames(), options.contextFrames());
        }
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
