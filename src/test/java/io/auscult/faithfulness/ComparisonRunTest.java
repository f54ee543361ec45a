package io.auscult.faithfulness;

import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.detect.DetectorKind;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;
import io.auscult.explain.Attribution;
import io.auscult.explain.Attributions;
import io.auscult.store.ModelFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The comparison run on a tiny synthetic set with tiny untrained AE and dense detectors. */
class ComparisonRunTest {

    @TempDir
    static Path dir;
    private static Path data;
    private static TrainedDetector ae;
    private static TrainedDetector dense;

    @BeforeAll
    static void setUp() throws Exception {
        data = TinyComparisonData.dataset(dir.resolve("data"));
        ae = ModelFile.read(TinyComparisonData.model(data, DetectorKind.AE, dir.resolve("ae.auscult")),
                Networks.LOADER);
        dense = ModelFile.read(TinyComparisonData.model(data, DetectorKind.DENSE, dir.resolve("dense.auscult")),
                Networks.LOADER);
    }

    @AfterAll
    static void tearDown() {
        ae.close();
        dense.close();
    }

    private static List<ComparisonClip> testClips() throws Exception {
        List<ComparisonClip> clips = new ArrayList<>();
        try (Stream<Path> s = Files.list(data.resolve("valve").resolve("test"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".wav")).sorted().toList()) {
                Path mask = AnomalyMaskCsv.besideWav(p);
                clips.add(new ComparisonClip(p, p.getFileName().toString().startsWith("anomaly"),
                        Files.exists(mask) ? Optional.of(mask) : Optional.empty()));
            }
        }
        return clips;
    }

    @Test
    void tableHasOneRowPerDetectorAndMethodWithCurvesLocalisationAndSanity() throws Exception {
        List<ComparisonClip> clips = new ArrayList<>(testClips());
        Path bad = dir.resolve("broken.wav");
        Files.write(bad, new byte[] {'R', 'I', 'F', 'F', 0, 0});
        clips.add(new ComparisonClip(bad, true, Optional.empty()));
        List<Attribution> methods = List.of(Attributions.create("error", Map.of()),
                Attributions.create("saliency", Map.of()), Attributions.create("gradcam", Map.of()));
        AtomicInteger reports = new AtomicInteger();
        ComparisonSettings settings = new ComparisonSettings(1, 1,
                new FaithfulnessMeasure(ReplacementPerturbation.standard(), 2, 3), SanityCheck.standard(3), 1, 3);
        ComparisonReport report = new ComparisonRun(settings).run(
                List.of(new ComparisonDetector("tiny-ae", ae), new ComparisonDetector("tiny-dense", dense)),
                methods, clips, List.of(), (f, m) -> reports.incrementAndGet(), Cancellation.NEVER);

        assertThat(report.rows()).extracting(r -> r.detector() + "/" + r.method()).containsExactly(
                "tiny-ae/error", "tiny-ae/saliency", "tiny-ae/gradcam",
                "tiny-dense/error", "tiny-dense/saliency", "tiny-dense/gradcam");
        assertThat(report.failed()).extracting(f -> f.path().getFileName().toString()).containsExactly("broken.wav");
        assertThat(reports.get()).isGreaterThan(4);

        ComparisonRow aeError = report.rows().get(0);
        assertThat(aeError.clips()).isEqualTo(3);
        assertThat(aeError.fractions()).hasSize(21);
        assertThat(aeError.meanDrops()[0]).isEqualTo(0.0);
        assertThat(aeError.meanDrops()[20]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(aeError.gain().mean()).isCloseTo(aeError.area().mean() - aeError.randomArea(),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(aeError.gain().low()).isLessThanOrEqualTo(aeError.gain().mean());
        assertThat(aeError.gain().high()).isGreaterThanOrEqualTo(aeError.gain().mean());
        // Localisation only on the two anomalous clips with masks.
        assertThat(aeError.pixelAuroc().n()).isEqualTo(2);
        assertThat(aeError.pixelAuroc().mean()).isBetween(0.0, 1.0);
        assertThat(aeError.sanity()).isPresent();
        assertThat(aeError.sanity().get().steps()).extracting(SanityStep::layer)
                .containsExactly("dec2", "dec1", "enc2", "enc1");
        assertThat(aeError.explainMillis()).isPositive();

        // The error map ranks bins by the very error the score sums, so it beats random orders
        // by far
        // (measured: gain 0.30 on this untrained net; 0.1 leaves a wide margin for other CPUs)
        assertThat(aeError.gain().mean()).isGreaterThan(0.1);

        ComparisonRow denseGradCam = report.rows().get(5);
        assertThat(denseGradCam.clips()).isZero();
        assertThat(denseGradCam.note()).startsWith("not applicable").containsIgnoringCase("dense");
        assertThat(denseGradCam.area().mean()).isNaN();
        assertThat(report.rows().get(3).sanity().get().steps()).extracting(SanityStep::layer)
                .containsExactly("layer4", "layer3", "layer2", "layer1");

        // Every per-clip curve shares its clip's random reference across methods.
        List<ClipEvaluation> first = report.clips().stream()
                .filter(e -> e.detector().equals("tiny-ae") && e.file().equals(clips.get(0).file())).toList();
        assertThat(first).hasSize(3);
        assertThat(first.get(0).faithfulness().reference()).isSameAs(first.get(1).faithfulness().reference());
    }

    @Test
    void cancellationStopsTheRun() throws Exception {
        Cancellation cancel = new Cancellation();
        Progress cancelling = (f, m) -> cancel.cancel();
        assertThatThrownBy(() -> new ComparisonRun(ComparisonSettings.standard(1)).run(
                List.of(new ComparisonDetector("tiny-ae", ae)), List.of(Attributions.create("error", Map.of())),
                testClips(), List.of(), cancelling, cancel)).isInstanceOf(CancelledException.class);
    }
}
