package io.auscult.detect;

import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;
import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.features.Standardiser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingScorerTest {

    private static final Path NORMAL = Path.of("samples/fan/test/normal_id_00_00000000.wav");

    static TrainedDetector detector(double gain, double threshold) {
        double[] mean = new double[128];
        double[] std = new double[128];
        Arrays.fill(mean, -30);
        Arrays.fill(std, 10);
        Provenance p = new Provenance("test", "test", 1, Map.of(), "test", Map.of(),
                new TrainingCurve(List.of(), List.of(), 0), Map.of());
        return new TrainedDetector(DetectorKind.AE, FeatureSpec.DCASE, new Standardiser(mean, std),
                new GainNetwork(gain, 128), new Threshold(threshold, "test"), p);
    }

    @Test
    void scoreIsTheNetworksScoreOfTheStandardisedLogMel() throws Exception {
        TrainedDetector d = detector(0.5, 1e9);
        Detection det = new RecordingScorer(d).score(NORMAL);
        Spectrogram logMel = new LogMelExtractor(FeatureSpec.DCASE)
                .extract(AudioLoader.load(NORMAL, ChannelChoice.MEAN, 16000));
        double sumSq = 0;
        for (float v : logMel.values()) {
            double z = (v + 30) / 10.0;
            sumSq += z * z;
        }
        double expected = 0.25 * sumSq / logMel.values().length; // (1 - gain)^2 mean(z^2)
        assertThat(det.score()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-3));
        assertThat(det.input().frames()).isEqualTo(313);
        assertThat(det.reconstruction().errorMap().frames()).isEqualTo(313);
        assertThat(det.anomalous()).isFalse();
        assertThat(det.source()).isEqualTo(NORMAL.toString());
    }

    @Test
    void theDecisionIsScoreAboveTheThreshold() throws Exception {
        double score = new RecordingScorer(detector(0.5, 1e9)).score(NORMAL).score();
        assertThat(new RecordingScorer(detector(0.5, score * 0.999)).score(NORMAL).anomalous()).isTrue();
        assertThat(new RecordingScorer(detector(0.5, score)).score(NORMAL).anomalous()).isFalse();
    }

    @Test
    void aBatchGoesOnPastBadFilesAndListsThem() {
        List<Path> files = List.of(NORMAL, Path.of("../shared/fixtures/wav/err_data_truncated.wav"),
                Path.of("samples/pump/test/anomaly_id_00_00000000.wav"), Path.of("no/such.wav"));
        ScoredBatch batch = new RecordingScorer(detector(0.5, 1)).scoreAll(files, Progress.NONE, Cancellation.NEVER);
        assertThat(batch.scored()).extracting(ScoredBatch.Scored::file).containsExactly(files.get(0), files.get(2));
        assertThat(batch.failed()).hasSize(2);
        assertThat(batch.failed().get(0).reason()).contains("truncated");
        assertThat(batch.failed().get(1).reason()).contains("does not exist");
    }

    @Test
    void aCancelledBatchStops() {
        Cancellation c = new Cancellation();
        c.cancel();
        assertThatThrownBy(() -> new RecordingScorer(detector(0.5, 1)).scoreAll(List.of(NORMAL), Progress.NONE, c))
                .isInstanceOf(CancelledException.class);
    }
}
