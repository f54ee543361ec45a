package io.auscult.detect;

import io.auscult.data.DatasetScanner;
import io.auscult.data.ScanResult;
import io.auscult.detect.nn.MaeMaskKind;
import io.auscult.detect.nn.MaeMasking;
import io.auscult.detect.nn.MaskedAutoencoder;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import io.auscult.metrics.GammaThreshold;
import io.auscult.store.ModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dense AE through the whole training pipeline on the demo set (few epochs: a test, not a model). */
class DetectorTrainingTest {

    private static ScanResult samples;
    private static final DetectorTraining.Request REQUEST =
            new DetectorTraining.Request(DataSelection.machine("valve"), DetectorKind.DENSE, 7, 3);

    @BeforeAll
    static void scan() throws Exception {
        samples = new DatasetScanner().scan(Path.of("samples"));
    }

    @Test
    void theSameSeedGivesTheSameModelBytesAndScores(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.auscult");
        Path b = dir.resolve("b.auscult");
        try (TrainedDetector first = DetectorTraining.train(samples, REQUEST, Progress.NONE, Cancellation.NEVER);
             TrainedDetector second = DetectorTraining.train(samples, REQUEST, Progress.NONE, Cancellation.NEVER)) {
            ModelFile.write(a, first);
            ModelFile.write(b, second);
        }
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        Path clip = Path.of("samples/valve/test/anomaly_id_00_00000000.wav");
        try (TrainedDetector loaded = ModelFile.read(a, Networks.LOADER)) {
            double once = new RecordingScorer(loaded).score(clip).score();
            assertThat(new RecordingScorer(loaded).score(clip).score()).isEqualTo(once);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DetectorKind.class, names = {"AE", "MAE"})
    void theConvDetectorsAreDeterministicThroughTheWholePipelineToo(DetectorKind kind, @TempDir Path dir)
            throws Exception {
        DetectorTraining.Request request = new DetectorTraining.Request(DataSelection.machine("valve"), kind, 7, 2);
        Path a = dir.resolve("a.auscult");
        Path b = dir.resolve("b.auscult");
        try (TrainedDetector first = DetectorTraining.train(samples, request, Progress.NONE, Cancellation.NEVER);
             TrainedDetector second = DetectorTraining.train(samples, request, Progress.NONE, Cancellation.NEVER)) {
            ModelFile.write(a, first);
            ModelFile.write(b, second);
            assertThat(second.threshold().value()).isEqualTo(first.threshold().value());
        }
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        Path clip = Path.of("samples/valve/test/anomaly_id_00_00000000.wav");
        try (TrainedDetector x = ModelFile.read(a, Networks.LOADER); TrainedDetector y = ModelFile.read(b, Networks.LOADER)) {
            assertThat(new RecordingScorer(y).score(clip).score()).isEqualTo(new RecordingScorer(x).score(clip).score());
        }
        // Another seed gives another model: the seed reaches the initial weights and the crops.
        try (TrainedDetector other = DetectorTraining.train(samples,
                new DetectorTraining.Request(DataSelection.machine("valve"), kind, 8, 2), Progress.NONE,
                Cancellation.NEVER); TrainedDetector x = ModelFile.read(a, Networks.LOADER)) {
            assertThat(new RecordingScorer(other).score(clip).score()).isNotEqualTo(new RecordingScorer(x).score(clip).score());
        }
    }

    @Test
    void aConvDetectorCanBeTrainedWithOtherChannelWidthsAndSaysSo(@TempDir Path dir) throws Exception {
        DetectorTraining.Request narrow = new DetectorTraining.Request(DataSelection.machine("valve"), DetectorKind.AE,
                7, 1, List.of(8, 16, 4));
        Path file = dir.resolve("narrow.auscult");
        try (TrainedDetector d = DetectorTraining.train(samples, narrow, Progress.NONE, Cancellation.NEVER)) {
            ModelFile.write(file, d);
        }
        try (TrainedDetector loaded = ModelFile.read(file, Networks.LOADER)) {
            assertThat(loaded.provenance().config()).containsEntry("widths", "8,16,4");
            var weights = ((io.auscult.detect.nn.ConvBackboneNetwork) loaded.network()).weights();
            assertThat(weights.widths()).containsExactly(8, 16, 4);
            assertThat(weights.parameterCount()).isLessThan(io.auscult.detect.nn.ConvBackboneWeights.initial(1,
                    List.of(32, 64, 128), 1).parameterCount() / 10);
            assertThat(new RecordingScorer(loaded).score(Path.of("samples/valve/test/anomaly_id_00_00000000.wav"))
                    .score()).isPositive();
        }
        assertThatThrownBy(() -> new DetectorTraining.Request(DataSelection.machine("valve"), DetectorKind.DENSE, 7, 1,
                List.of(8, 16, 4))).hasMessageContaining("dense");
    }

    @Test
    void theMaeCanHideTimeStripesAndTheModelFileKeepsTheShape(@TempDir Path dir) throws Exception {
        DetectorTraining.Request stripes = new DetectorTraining.Request(DataSelection.machine("valve"),
                DetectorKind.MAE, 7, 1, List.of(8, 16, 4), MaeMaskKind.TIME_STRIPES);
        Path file = dir.resolve("stripes.auscult");
        try (TrainedDetector d = DetectorTraining.train(samples, stripes, Progress.NONE, Cancellation.NEVER)) {
            ModelFile.write(file, d);
        }
        try (TrainedDetector loaded = ModelFile.read(file, Networks.LOADER)) {
            assertThat(loaded.provenance().config()).containsEntry("mask", "time");
            MaeMasking masking = ((MaskedAutoencoder) loaded.network()).masking();
            assertThat(masking.kind()).isEqualTo(MaeMaskKind.TIME_STRIPES);
            // the stripe keeps the reference patch's width and ratio: 8 frames, half hidden
            assertThat(masking.patchFrames()).isEqualTo(MaeMasking.DEFAULT.patchFrames());
            assertThat(masking.group(0, 0)).isEqualTo(masking.group(127, 0)).isNotEqualTo(masking.group(0, 8));
        }
        assertThatThrownBy(() -> new DetectorTraining.Request(DataSelection.machine("valve"), DetectorKind.AE, 7, 1,
                List.of(), MaeMaskKind.TIME_STRIPES)).hasMessageContaining("MAE only");
        assertThat(MaeMaskKind.parse("Frequency")).isEqualTo(MaeMaskKind.FREQUENCY_STRIPES);
        assertThatThrownBy(() -> MaeMaskKind.parse("blocks")).hasMessageContaining("'blocks'")
                .hasMessageContaining("patches, time, frequency");
    }

    /**
     * {@code --score band}: the statistics come from the error maps of all normal training clips, the
     * saved model scores every clip by its worst standardised band (the same value the evaluation's
     * band-score analysis gives), and the threshold is fitted on those scores.
     */
    @Test
    void aConvDetectorScoredByItsWorstBandKeepsTheStatisticsAndFitsItsThresholdOnThem(@TempDir Path dir)
            throws Exception {
        DetectorTraining.Request request = new DetectorTraining.Request(DataSelection.machine("valve"),
                DetectorKind.AE, 7, 1, List.of(8, 16, 4), MaeMaskKind.PATCHES, ScoreKind.BAND);
        Path file = dir.resolve("band.auscult");
        try (TrainedDetector d = DetectorTraining.train(samples, request, Progress.NONE, Cancellation.NEVER)) {
            ModelFile.write(file, d);
        }
        try (TrainedDetector loaded = ModelFile.read(file, Networks.LOADER)) {
            assertThat(loaded.provenance().config()).containsEntry("score", "band");
            TrainingSet set = TrainingSet.load(samples, DataSelection.machine("valve"), loaded.features(), 7,
                    Progress.NONE, Cancellation.NEVER);
            List<Spectrogram> normals = new ArrayList<>(set.train());
            normals.addAll(set.validation());
            List<Reconstruction> recs = loaded.reconstructionNetwork("test").reconstruct(normals);
            BandErrorStatistics expected = BandErrorStatistics.fit(recs.stream().map(Reconstruction::errorMap).toList());
            double[] scores = recs.stream().mapToDouble(Reconstruction::score).toArray();
            for (int i = 0; i < recs.size(); i++) {
                assertThat(scores[i]).isCloseTo(expected.score(recs.get(i).errorMap()),
                        org.assertj.core.api.Assertions.within(1e-6));
            }
            assertThat(loaded.threshold()).isEqualTo(DetectorTraining.fitThresholdOnAnyScores(scores, "band scores"));
            assertThat(loaded.threshold().method()).contains("of 12 normal training");
            Path clip = Path.of("samples/valve/test/anomaly_id_00_00000000.wav");
            Detection detection = new RecordingScorer(loaded).score(clip);
            assertThat(detection.score()).isCloseTo(expected.score(detection.reconstruction().errorMap()),
                    org.assertj.core.api.Assertions.within(1e-6));
        }
        assertThatThrownBy(() -> new DetectorTraining.Request(DataSelection.machine("valve"), DetectorKind.DENSE, 7,
                1, List.of(), MaeMaskKind.PATCHES, ScoreKind.BAND)).hasMessageContaining("conv AE and the MAE");
        assertThat(ScoreKind.parse(" Band")).isEqualTo(ScoreKind.BAND);
        assertThatThrownBy(() -> ScoreKind.parse("max")).hasMessageContaining("'max'").hasMessageContaining("band");
    }

    /** A band score below every band's normal mean leaves the gamma fit undefined: the plain percentile, said so. */
    @Test
    void scoresThatAreNotAllPositiveGetTheirOwnPercentile() {
        double[] scores = {-0.5, 0.2, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0};
        Threshold t = DetectorTraining.fitThresholdOnAnyScores(scores, "band scores");
        // R-7 (numpy's default): position 0.9 * 10 = 9 -> the 10th smallest, 4.5.
        assertThat(t.value()).isEqualTo(4.5);
        assertThat(t.method()).isEqualTo("90th percentile of 11 normal training band scores (not all positive, so no "
                + "gamma fit)");
        double[] positive = {0.5, 0.7, 0.9, 1.2, 1.3};
        Threshold gamma = DetectorTraining.fitThresholdOnAnyScores(positive, "band scores");
        assertThat(gamma.value()).isEqualTo(DetectorTraining.fitThreshold(positive).value());
        assertThat(gamma.method()).startsWith("gamma fit").endsWith("of 5 normal training band scores");
    }

    @Test
    void theThresholdIsTheGammaNinetiethPercentileOfTheNormalTrainingScores() {
        try (TrainedDetector d = DetectorTraining.train(samples, REQUEST, Progress.NONE, Cancellation.NEVER)) {
            TrainingSet set = TrainingSet.load(samples, DataSelection.machine("valve"), d.features(), 7,
                    Progress.NONE, Cancellation.NEVER);
            List<Spectrogram> normals = new ArrayList<>(set.train());
            normals.addAll(set.validation());
            double[] scores = d.network().scores(normals);
            assertThat(d.threshold().value()).isEqualTo(GammaThreshold.fit(scores).value());
            assertThat(d.threshold().method()).contains("gamma", "90th percentile of 12 normal training scores");
            assertThat(d.provenance().trainingFiles()).hasSize(12);
            assertThat(d.provenance().seed()).isEqualTo(7);
            assertThat(d.provenance().config()).containsEntry("model", "dense").containsEntry("machine", "valve");
            assertThat(d.provenance().curve().trainLoss()).hasSizeLessThanOrEqualTo(3).isNotEmpty();
        }
    }

    @Test
    void cancellingDuringTrainingStopsItWithoutAModel() {
        Cancellation cancel = new Cancellation();
        Progress cancelAfterLoading = (f, m) -> {
            if (f > 0.15) {
                cancel.cancel();
            }
        };
        assertThatThrownBy(() -> DetectorTraining.train(samples, REQUEST, cancelAfterLoading, cancel))
                .isInstanceOf(CancelledException.class);
    }

    @Test
    void aTrainAndSaveJobCancelledOnTheComputeExecutorLeavesNoFile(@TempDir Path dir) throws Exception {
        // What `auscult train` (and the GUI) run: train, then write atomically. Cancelled mid-training.
        Path out = dir.resolve("valve.auscult");
        java.util.concurrent.CountDownLatch training = new java.util.concurrent.CountDownLatch(1);
        try (io.auscult.engine.ComputeExecutor executor = new io.auscult.engine.ComputeExecutor()) {
            io.auscult.engine.TaskHandle<Path> handle = executor.submit(io.auscult.engine.BackgroundTask.of("train",
                    (progress, cancel) -> {
                        Progress signalling = (f, m) -> {
                            progress.report(f, m);
                            if (f > 0.2) {
                                training.countDown();
                            }
                        };
                        try (TrainedDetector d = DetectorTraining.train(samples, new DetectorTraining.Request(
                                DataSelection.machine("valve"), DetectorKind.DENSE, 7, 50), signalling, cancel)) {
                            ModelFile.write(out, d);
                        }
                        return out;
                    }));
            assertThat(training.await(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            handle.cancel();
            assertThat(handle.await()).isInstanceOf(io.auscult.engine.TaskResult.Cancelled.class);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).as("no model and no temporary file").isEmpty();
        }
    }
}
