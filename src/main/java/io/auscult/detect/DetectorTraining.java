package io.auscult.detect;

import io.auscult.data.ScanResult;
import io.auscult.detect.nn.ConvAutoencoderTrainer;
import io.auscult.detect.nn.ConvBackboneNetwork;
import io.auscult.detect.nn.ConvTrainingOptions;
import io.auscult.detect.nn.ConvTrainingResult;
import io.auscult.detect.nn.DenseAutoencoderOptions;
import io.auscult.detect.nn.MaeMaskKind;
import io.auscult.detect.nn.MaeMasking;
import io.auscult.detect.nn.MaskedAutoencoderTrainer;
import io.auscult.detect.nn.DenseAutoencoderTrainer;
import io.auscult.detect.nn.DenseTrainingResult;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.FeatureSpec;
import io.auscult.features.Spectrogram;
import io.auscult.metrics.GammaThreshold;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Trains a detector from a dataset: the normal training clips of a selection (statistics
 * from the training part only), the network, then the threshold as DCASE fits it — the 90th
 * percentile of a gamma distribution (loc 0, maximum likelihood) fitted to the scores of the
 * normal training clips — and the provenance that goes into the model file.
 */
public final class DetectorTraining {

    /**
     * What to train. {@code epochs} 0 keeps the detector's default; {@code widths} (conv AE and MAE
     * only) are the encoder's channel widths, input side first, empty for the reference 32/64/128;
     * {@code mask} (MAE only) is the shape of what the MAE hides, patches by default (the
     * reference), or time or frequency stripes of the same size; {@code score} (conv AE and MAE only
     * for {@link ScoreKind#BAND}) is what the model scores by.
     */
    public record Request(DataSelection selection, DetectorKind kind, long seed, int epochs, List<Integer> widths,
                          MaeMaskKind mask, ScoreKind score) {
        public Request {
            Objects.requireNonNull(selection, "selection");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(mask, "mask");
            Objects.requireNonNull(score, "score");
            widths = List.copyOf(widths);
            if (!widths.isEmpty() && kind == DetectorKind.DENSE) {
                throw new IllegalArgumentException("channel widths are for the conv AE and the MAE; the dense AE's "
                        + "layers are fixed by the DCASE baseline");
            }
            if (mask != MaeMaskKind.PATCHES && kind != DetectorKind.MAE) {
                throw new IllegalArgumentException("a mask shape is for the MAE only; the " + kind.word()
                        + " detector hides nothing");
            }
            if (score == ScoreKind.BAND && kind == DetectorKind.DENSE) {
                throw new IllegalArgumentException("the band score is for the conv AE and the MAE; the dense AE keeps "
                        + "the DCASE baseline's score, the mean over its frame windows");
            }
            if (!kind.trainable()) {
                throw new IllegalArgumentException("the " + kind.word() + " detector is made by the proxy lab from a "
                        + "trained encoder, not trained here; choose ae, mae or dense");
            }
            if (epochs < 0) {
                throw new IllegalArgumentException("epochs must be >= 0, was " + epochs);
            }
        }

        /** A request scored by the mean squared error. */
        public Request(DataSelection selection, DetectorKind kind, long seed, int epochs, List<Integer> widths,
                       MaeMaskKind mask) {
            this(selection, kind, seed, epochs, widths, mask, ScoreKind.MSE);
        }

        /** A request with the MAE's reference patch mask. */
        public Request(DataSelection selection, DetectorKind kind, long seed, int epochs, List<Integer> widths) {
            this(selection, kind, seed, epochs, widths, MaeMaskKind.PATCHES);
        }

        /** A request with the detector's own channel widths and mask. */
        public Request(DataSelection selection, DetectorKind kind, long seed, int epochs) {
            this(selection, kind, seed, epochs, List.of());
        }
    }

    /**
     * The decision threshold of a new model: the {@link #THRESHOLD_LEVEL} quantile of a gamma
     * distribution (loc 0, maximum likelihood) fitted to its normal training scores, described
     * as the model file records it.
     */
    public static Threshold fitThreshold(double[] normalScores) {
        return gammaThreshold(normalScores, "scores");
    }

    private static Threshold gammaThreshold(double[] normalScores, String what) {
        GammaThreshold gamma = GammaThreshold.fit(normalScores);
        return new Threshold(gamma.value(), String.format(Locale.ROOT,
                "gamma fit (loc 0, MLE; shape %.4g, scale %.4g), %.0fth percentile of %d normal training %s",
                gamma.fit().shape(), gamma.fit().scale(), THRESHOLD_LEVEL * 100, normalScores.length, what));
    }

    /**
     * {@link #fitThreshold} ({@code what} names the scores in its description), or, when a score is not positive (a band score below every band's normal
     * mean; the gamma distribution with loc 0 has no density there), the same percentile of the
     * scores themselves, said so in the description.
     */
    static Threshold fitThresholdOnAnyScores(double[] normalScores, String what) {
        if (java.util.Arrays.stream(normalScores).allMatch(v -> v > 0)) {
            return gammaThreshold(normalScores, what);
        }
        double value = new org.apache.commons.math3.stat.descriptive.rank.Percentile()
                .withEstimationType(org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType.R_7)
                .evaluate(normalScores, THRESHOLD_LEVEL * 100);
        return new Threshold(value, String.format(Locale.ROOT,
                "%.0fth percentile of %d normal training %s (not all positive, so no gamma fit)",
                THRESHOLD_LEVEL * 100, normalScores.length, what));
    }

    /** The percentile of the gamma fit used as threshold (DCASE baseline). */
    public static final double THRESHOLD_LEVEL = 0.9;

    private DetectorTraining() {
    }

    public static TrainedDetector train(ScanResult scan, Request request, Progress progress,
                                        Cancellation cancellation) {
        FeatureSpec features = FeatureSpec.DCASE;
        TrainingSet set = TrainingSet.load(scan, request.selection(), features, request.seed(),
                progress.slice(0, 0.1), cancellation);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("model", request.kind().word());
        config.put("machine", request.selection().machineType());
        config.put("trainingClips", Integer.toString(set.train().size()));
        config.put("validationClips", Integer.toString(set.validation().size()));
        ReconstructionNetwork network = null;
        TrainingCurve curve = null;
        switch (request.kind()) {
            case DENSE -> {
                DenseAutoencoderOptions options = DenseAutoencoderOptions.DCASE.withSeed(request.seed());
                if (request.epochs() > 0) {
                    options = options.withEpochs(request.epochs(), options.patience());
                }
                DenseTrainingResult result = new DenseAutoencoderTrainer(options)
                        .train(set.train(), set.validation(), progress.slice(0.1, 0.9), cancellation);
                network = result.network();
                curve = result.curve();
                config.putAll(Map.of("epochs", Integer.toString(options.epochs()),
                        "patience", Integer.toString(options.patience()),
                        "batchSize", Integer.toString(options.batchSize()),
                        "learningRate", Double.toString(options.learningRate()),
                        "contextFrames", Integer.toString(options.contextFrames())));
            }
            case AE, MAE -> {
                ConvTrainingOptions options = ConvTrainingOptions.DEFAULT.withSeed(request.seed());
                if (request.epochs() > 0) {
                    options = options.withEpochs(request.epochs());
                }
                if (!request.widths().isEmpty()) {
                    options = options.withWidths(request.widths());
                }
                if (request.mask() != MaeMaskKind.PATCHES) {
                    MaeMasking reference = options.masking();
                    options = options.withMasking(new MaeMasking(reference.patchMels(), reference.patchFrames(),
                            reference.ratio(), request.mask()));
                }
                ConvTrainingResult<?> result = request.kind() == DetectorKind.AE
                        ? new ConvAutoencoderTrainer(options).train(set.train(), set.validation(),
                            progress.slice(0.1, 0.9), cancellation)
                        : new MaskedAutoencoderTrainer(options).train(set.train(), set.validation(),
                            progress.slice(0.1, 0.9), cancellation);
                network = result.network();
                curve = result.curve();
                config.putAll(Map.of("epochs", Integer.toString(options.epochs()),
                        "patience", Integer.toString(options.patience()),
                        "batchSize", Integer.toString(options.batchSize()),
                        "cropFrames", Integer.toString(options.cropFrames()),
                        "learningRate", Double.toString(options.learningRate()),
                        "widths", options.widths().stream().map(String::valueOf).collect(Collectors.joining(","))));
                if (request.kind() == DetectorKind.MAE) {
                    config.put("mask", request.mask().word());
                }
            }
        }
        try {
            cancellation.throwIfCancelled();
            progress.report(0.9, "fitting the threshold");
            List<Spectrogram> normals = new ArrayList<>(set.train());
            normals.addAll(set.validation());
            List<Reconstruction> reconstructions = network.reconstruct(normals);
            double[] scores = reconstructions.stream().mapToDouble(Reconstruction::score).toArray();
            Threshold threshold;
            if (request.score() == ScoreKind.BAND) {
                // The statistics and the threshold both from all normal training clips, as the
                // evaluation's band-score analysis takes them.
                BandErrorStatistics statistics = BandErrorStatistics.fit(
                        reconstructions.stream().map(Reconstruction::errorMap).toList());
                ((ConvBackboneNetwork) network).useBandScore(statistics);
                // Scored again rather than from the (float) maps: the threshold must see exactly
                // the scores the saved model will give.
                scores = network.scores(normals);
                threshold = fitThresholdOnAnyScores(scores, "band scores");
                config.put("score", ScoreKind.BAND.word());
            } else {
                threshold = fitThreshold(scores);
            }
            Map<String, String> files = new LinkedHashMap<>();
            set.sha256().forEach((Path p, String h) -> files.put(p.toString(), h));
            Provenance provenance = new Provenance(Versions.auscult(), Versions.nd4j(), request.seed(), config,
                    scan.root() + " (machine " + request.selection().machineType() + ")", files, curve, Map.of());
            progress.report(1, "trained");
            return new TrainedDetector(request.kind(), features, set.standardiser(), network, threshold, provenance);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }
}
