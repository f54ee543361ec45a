package io.auscult.detect.nn;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.TrainingCurve;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The training loop the conv AE and the MAE share: seeded random crops (every crop position of
 * every training recording equally likely), batches of a fixed size, Adam, one validation per
 * epoch, early stopping with the best epoch's weights kept.
 *
 * <p>An epoch is {@code ceil(training frames / (crop frames x batch size))} steps, about one pass
 * over the data. The validation loss is the mean score of the validation recordings under the
 * epoch's network in inference mode (running batch-norm statistics): for the AE the mean squared
 * error over whole recordings, for the MAE the K-pass score, i.e. exactly what the detector
 * computes on normal data. The training loss is the mean over the epoch's steps of the batch
 * loss (MSE over the crop bins; for the MAE over the hidden bins).
 *
 * <p>Determinism: the initial weights come from the seed, crops and masks from a
 * SplittableRandom derived from it, so the same seed on the same machine gives the same weights.
 */
final class ConvBackboneTrainer {

    /** What training produced: the kept weights, the mel bands, the curve. */
    record Trained(ConvBackboneWeights weights, int mels, TrainingCurve curve) {
    }

    private static final long DATA_SEED_MIX = 0x9E3779B97F4A7C15L;

    private final ConvTrainingOptions options;
    private final MaeMasking masking;
    private final ConvPrecision precision;

    /** @param masking the MAE's masks, or null to train the plain conv AE */
    ConvBackboneTrainer(ConvTrainingOptions options, MaeMasking masking, ConvPrecision precision) {
        this.options = Objects.requireNonNull(options, "options");
        this.masking = masking;
        this.precision = Objects.requireNonNull(precision, "precision");
    }

    Trained train(List<Spectrogram> training, List<Spectrogram> validation, Progress progress,
                  Cancellation cancellation) {
        int mels = checkInputs(training, validation);
        ConvBackboneWeights initial = ConvBackboneWeights.initial(masking == null ? 1 : 2, options.widths(),
                options.seed());
        if (mels % initial.sizeMultiple() != 0) {
            throw new IllegalArgumentException("mel bands must be a multiple of " + initial.sizeMultiple() + " for "
                    + options.widths().size() + " levels, not " + mels);
        }
        int batch = options.batchSize();
        int crop = options.cropFrames();
        CropSampler sampler = new CropSampler(training, crop);
        long totalFrames = 0;
        for (Spectrogram s : training) {
            totalFrames += s.frames();
        }
        int steps = (int) Math.max(1, (totalFrames + (long) crop * batch - 1) / ((long) crop * batch));
        SplittableRandom random = new SplittableRandom(options.seed() ^ DATA_SEED_MIX);

        List<Double> trainLoss = new ArrayList<>();
        List<Double> validationLoss = new ArrayList<>();
        ConvBackboneWeights best = initial;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        DataType type = precision.dataType();
        long[] shape = ConvDataFormat.NHWC.oneChannel(batch, mels, crop);
        int bins = batch * mels * crop;
        float[] x = new float[bins];
        float[] mask = new float[bins];
        float[] weight = new float[bins];
        double[] maskScratch = new double[mels * crop];
        try (ConvTrainingGraph graph = new ConvTrainingGraph(initial, type, batch, mels, crop)) {
            INDArray xArray = Nd4j.create(type, shape, 'c');
            INDArray maskArray = Nd4j.create(type, shape, 'c');
            INDArray weightArray = Nd4j.create(type, shape, 'c');
            Map<String, INDArray> placeholders = new HashMap<>();
            placeholders.put(ConvInferenceGraph.X, xArray);
            placeholders.put(ConvInferenceGraph.LOSS_WEIGHT, weightArray);
            if (masking != null) {
                placeholders.put(ConvInferenceGraph.MASK, maskArray);
            }
            for (int epoch = 0; epoch < options.epochs(); epoch++) {
                double sum = 0;
                for (int step = 0; step < steps; step++) {
                    cancellation.throwIfCancelled();
                    fillBatch(sampler, random, mels, crop, x, mask, weight, maskScratch);
                    ConvArrays.write(xArray, x);
                    ConvArrays.write(weightArray, weight);
                    if (masking != null) {
                        ConvArrays.write(maskArray, mask);
                    }
                    double loss = graph.step(placeholders, options.learningRate());
                    if (!Double.isFinite(loss)) {
                        throw new IllegalStateException("training diverged in epoch " + (epoch + 1) + " (loss " + loss
                                + "); try a lower learning rate than " + options.learningRate());
                    }
                    sum += loss;
                    progress.report((epoch + (step + 1.0) / steps) / options.epochs(), String.format(Locale.ROOT,
                            "epoch %d/%d, loss %.4g", epoch + 1, options.epochs(), sum / (step + 1)));
                }
                cancellation.throwIfCancelled();
                trainLoss.add(sum / steps);
                ConvBackboneWeights current = graph.weights();
                double val = validationLoss(current, mels, validation);
                validationLoss.add(val);
                progress.report((epoch + 1.0) / options.epochs(), String.format(Locale.ROOT,
                        "epoch %d/%d, loss %.4g, validation %.4g", epoch + 1, options.epochs(), sum / steps, val));
                if (val < bestLoss) {
                    bestLoss = val;
                    bestEpoch = epoch;
                    best = current;
                } else if (epoch - bestEpoch >= options.patience()) {
                    break;
                }
            }
            ConvArrays.close(xArray);
            ConvArrays.close(maskArray);
            ConvArrays.close(weightArray);
        }
        return new Trained(best, mels, new TrainingCurve(trainLoss, validationLoss, bestEpoch));
    }

    private int checkInputs(List<Spectrogram> training, List<Spectrogram> validation) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("no training spectrograms");
        }
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("no validation spectrograms (early stopping needs them)");
        }
        int mels = training.get(0).mels();
        for (List<Spectrogram> list : List.of(training, validation)) {
            for (int i = 0; i < list.size(); i++) {
                Spectrogram s = list.get(i);
                String which = (list == training ? "training" : "validation") + " spectrogram " + i;
                if (s.mels() != mels) {
                    throw new IllegalArgumentException(which + " has " + s.mels() + " mel bands, the first has " + mels);
                }
                if (s.frames() == 0) {
                    throw new IllegalArgumentException(which + " has no frames");
                }
            }
        }
        return mels;
    }

    /**
     * Fills one batch, NHWC {@code (batch, mels, crop, 1)}: the crops, the MAE's masks and the loss
     * weights (1 / counted bins on the bins that count: all real bins for the AE, the hidden real
     * bins for the MAE; 0 on the zero padding of recordings shorter than a crop).
     */
    private void fillBatch(CropSampler sampler, SplittableRandom random, int mels, int crop, float[] x, float[] mask,
                           float[] weight, double[] maskScratch) {
        int batch = options.batchSize();
        int per = mels * crop;
        java.util.Arrays.fill(x, 0f);
        java.util.Arrays.fill(mask, 0f);
        java.util.Arrays.fill(weight, 0f);
        long counted = 0;
        for (int b = 0; b < batch; b++) {
            long pick = random.nextLong(sampler.positions());
            Spectrogram s = sampler.spectrogram(pick);
            int start = sampler.start(pick);
            int frames = Math.min(crop, s.frames() - start);
            if (masking != null) {
                masking.randomMask(random, mels, crop, maskScratch, 0);
            }
            float[] v = s.values();
            int base = b * per;
            for (int m = 0; m < mels; m++) {
                for (int t = 0; t < frames; t++) {
                    int i = base + m * crop + t;
                    x[i] = v[(start + t) * mels + m];
                    boolean counts = masking == null || maskScratch[m * crop + t] != 0;
                    weight[i] = counts ? 1f : 0f;
                    counted += counts ? 1 : 0;
                }
                if (masking != null) {
                    for (int t = 0; t < crop; t++) {
                        mask[base + m * crop + t] = (float) maskScratch[m * crop + t];
                    }
                }
            }
        }
        float w = (float) (1.0 / Math.max(1, counted));
        for (int i = 0; i < weight.length; i++) {
            weight[i] *= w;
        }
    }

    private double validationLoss(ConvBackboneWeights weights, int mels, List<Spectrogram> validation) {
        try (ConvBackboneNetwork net = masking == null ? new ConvAutoencoder(weights, mels, precision)
                : new MaskedAutoencoder(weights, mels, masking, precision)) {
            double sum = 0;
            for (Reconstruction r : net.reconstruct(validation)) {
                sum += r.score();
            }
            return sum / validation.size();
        }
    }

    /** Every crop start of every recording, numbered; a recording shorter than a crop has one (start 0). */
    private static final class CropSampler {
        private final List<Spectrogram> spectrograms;
        private final long[] cumulative;

        CropSampler(List<Spectrogram> spectrograms, int crop) {
            this.spectrograms = spectrograms;
            this.cumulative = new long[spectrograms.size() + 1];
            for (int i = 0; i < spectrograms.size(); i++) {
                cumulative[i + 1] = cumulative[i] + Math.max(1, spectrograms.get(i).frames() - crop + 1);
            }
        }

        long positions() {
            return cumulative[cumulative.length - 1];
        }

        private int index(long pick) {
            int i = java.util.Arrays.binarySearch(cumulative, pick);
            return i >= 0 ? i : -i - 2;
        }

        Spectrogram spectrogram(long pick) {
            return spectrograms.get(index(pick));
        }

        int start(long pick) {
            return (int) (pick - cumulative[index(pick)]);
        }
    }
}
