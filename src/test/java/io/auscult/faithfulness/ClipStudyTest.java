package io.auscult.faithfulness;

import io.auscult.data.synth.AnomalyMask;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.detect.DetectorKind;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;
import io.auscult.explain.Attribution;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.Attributions;
import io.auscult.explain.ExplanationTarget;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** The clip study on a tiny synthetic anomalous clip with tiny untrained AE and dense detectors. */
class ClipStudyTest {

    /**
     * The study and the direct computation run the same code on the same inputs in one process,
     * so their numbers agree to the last bit on the machines tried. 1e-6 on drops and areas of
     * order 1 only allows for a native kernel that sums in another order between two calls (float
     * scores differ then in the 7th digit), and is far below any difference a wrong order,
     * reference, seed or mask would make (those change areas and AUROCs in the second decimal).
     */
    private static final double SAME = 1e-6;

    @TempDir
    static Path dir;
    private static TrainedDetector ae;
    private static TrainedDetector dense;
    private static Path clip;
    private static AnomalyMask mask;

    @BeforeAll
    static void setUp() throws Exception {
        Path data = TinyComparisonData.dataset(dir.resolve("data"));
        ae = ModelFile.read(TinyComparisonData.model(data, DetectorKind.AE, dir.resolve("ae.auscult")),
                Networks.LOADER);
        dense = ModelFile.read(TinyComparisonData.model(data, DetectorKind.DENSE, dir.resolve("dense.auscult")),
                Networks.LOADER);
        try (Stream<Path> s = Files.list(data.resolve("valve").resolve("test"))) {
            clip = s.filter(p -> p.getFileName().toString().startsWith("anomaly") && p.toString().endsWith(".wav"))
                    .sorted().findFirst().orElseThrow();
        }
        mask = AnomalyMaskCsv.read(AnomalyMaskCsv.besideWav(clip));
    }

    @AfterAll
    static void tearDown() {
        ae.close();
        dense.close();
    }

    private static StudyDetector row(String label, TrainedDetector d) throws Exception {
        Spectrogram x = ComparisonRun.input(d, new LogMelExtractor(d.features()), clip);
        return new StudyDetector(label, d.reconstruction().orElseThrow(), x, List.of(), d.threshold());
    }

    private static StudySettings settings() {
        return new StudySettings(1, 1, new FaithfulnessMeasure(ReplacementPerturbation.standard(), 2, 7), 7);
    }

    @Test
    void cellsComeCheapFirstAndEqualTheDirectComputation() throws Exception {
        List<StudyDetector> rows = List.of(row("tiny AE", ae), row("tiny dense", dense));
        List<Attribution> methods = List.of(Attributions.create("ig", Map.of("steps", "4")),
                Attributions.create("gradcam", Map.of()), Attributions.create("error", Map.of()),
                Attributions.create("saliency", Map.of()));
        List<StudyCell> delivered = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<ClipStudy.MapReady> maps = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        StudyResult result = new ClipStudy(settings()).run(rows, methods, Optional.of(mask), m -> {
            maps.add(m);
            events.add("map " + m.map().method() + "@" + m.row());
        }, c -> {
            delivered.add(c);
            events.add("cell " + c.method() + "@" + c.row());
        }, (f, m) -> fractions.add(f), Cancellation.NEVER);

        // Each map is handed out before its cell; the dense Grad-CAM cell has none.
        assertThat(events).startsWith("map error@0", "cell error@0", "map error@1", "cell error@1",
                "map saliency@0", "cell saliency@0", "map saliency@1", "cell saliency@1", "map gradcam@0",
                "cell gradcam@0", "cell gradcam@1", "map ig@0").hasSize(15);
        for (ClipStudy.MapReady m : maps) {
            assertThat(result.cell(m.row(), m.column()).map().orElseThrow()).isSameAs(m.map());
        }

        // Delivered cheap methods first (error, saliency, gradcam, ig), each over both rows.
        assertThat(delivered).extracting(c -> c.method() + "@" + c.row()).containsExactly(
                "error@0", "error@1", "saliency@0", "saliency@1", "gradcam@0", "gradcam@1", "ig@0", "ig@1");
        // Returned in (row, column) order, the very cells that were delivered.
        assertThat(result.cells()).extracting(c -> c.row() + "," + c.column()).containsExactly(
                "0,0", "0,1", "0,2", "0,3", "1,0", "1,1", "1,2", "1,3");
        assertThat(result.cells()).containsExactlyInAnyOrderElementsOf(delivered);
        assertThat(result.cell(1, 3).method()).isEqualTo("saliency");
        assertThat(fractions).isSorted();
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);

        // Grad-CAM on the dense AE: a cell with the reason, not a failed study.
        StudyCell denseCam = result.cell(1, 1);
        assertThat(denseCam.succeeded()).isFalse();
        assertThat(denseCam.map()).isEmpty();
        assertThat(denseCam.failure().orElseThrow()).containsIgnoringCase("dense");
        assertThat(result.cells().stream().filter(StudyCell::succeeded)).hasSize(7);

        // One random reference per detector, shared by its cells.
        StudyCell aeIg = result.cell(0, 0);
        StudyCell aeError = result.cell(0, 2);
        assertThat(aeIg.faithfulness().orElseThrow().reference())
                .isSameAs(aeError.faithfulness().orElseThrow().reference())
                .isSameAs(result.rows().get(0).reference().orElseThrow());
        assertThat(result.rows().get(1).reference().orElseThrow())
                .isNotSameAs(result.rows().get(0).reference().orElseThrow());

        // The same numbers as Attributions + FaithfulnessMeasure give directly.
        for (int r = 0; r < rows.size(); r++) {
            StudyDetector d = rows.get(r);
            Spectrogram x = d.input();
            var rec = d.network().reconstruct(List.of(x)).get(0);
            ReplacementClip rc = ReplacementClip.of(x, rec);
            ReplacementUnits units = ReplacementUnits.bins(x.frames(), x.mels());
            NetworkScorer scorer = new NetworkScorer(d.network(), x);
            FaithfulnessMeasure measure = settings().measure();
            RandomReference reference = measure.reference(rc, units, scorer, Cancellation.NEVER);
            assertThat(result.rows().get(r).score()).isCloseTo(rec.score(), offset(SAME * rec.score()));
            assertThat(result.rows().get(r).reference().orElseThrow().meanArea())
                    .isCloseTo(reference.meanArea(), offset(SAME));
            for (int c : new int[] {0, 2, 3}) {
                AttributionMap direct = methods.get(c).explain(new ExplanationTarget(d.network(), x, List.of(), 7),
                        Progress.NONE, Cancellation.NEVER);
                double[] values = ReplacementClip.toDoubles(direct.values().values());
                Faithfulness f = measure.measure(rc, units, values, reference, scorer);
                StudyCell cell = result.cell(r, c);
                Faithfulness got = cell.faithfulness().orElseThrow();
                assertThat(cell.map().orElseThrow().values().values()).containsExactly(direct.values().values(),
                        org.assertj.core.data.Offset.offset(1e-6f));
                assertThat(got.curve().area()).isCloseTo(f.curve().area(), offset(SAME));
                assertThat(got.gain()).isCloseTo(f.gain(), offset(SAME));
                for (double b : BudgetGrid.REPORTED_BUDGETS) {
                    assertThat(got.curve().dropAt(b)).isCloseTo(f.curve().dropAt(b), offset(SAME));
                }
                Localisation loc = Localisation.of(values, mask);
                assertThat(cell.localisation().orElseThrow().pixelAuroc()).isCloseTo(loc.pixelAuroc(), offset(SAME));
                assertThat(cell.localisation().orElseThrow().temporalAuroc())
                        .isCloseTo(loc.temporalAuroc(), offset(SAME));
                assertThat(cell.millis()).isPositive();
            }
        }
    }

    @Test
    void aMissingReferenceIsACellMessageAndPatchesAreUnits() throws Exception {
        StudySettings patches = new StudySettings(16, 8, settings().measure(), 7);
        StudyResult result = new ClipStudy(patches).run(List.of(row("tiny AE", ae)),
                List.of(Attributions.create("gradshap", Map.of("samples", "2")), Attributions.create("error", Map.of())),
                Optional.empty(), c -> { }, Progress.NONE, Cancellation.NEVER);
        assertThat(result.cell(0, 0).failure().orElseThrow()).containsIgnoringCase("normal");
        StudyCell error = result.cell(0, 1);
        assertThat(error.localisation()).isEmpty();
        // 63 frames x 128 mels in 16 x 8 patches: 8 x 8 = 64 units, all replaced at k = 1.
        int[] units = error.faithfulness().orElseThrow().curve().units();
        assertThat(units[units.length - 1]).isEqualTo(64);
    }

    @Test
    void cancellingBetweenCellsStopsAfterTheDeliveredOnes() throws Exception {
        Cancellation cancel = new Cancellation();
        List<StudyCell> delivered = new ArrayList<>();
        assertThatThrownBy(() -> new ClipStudy(settings()).run(List.of(row("tiny AE", ae), row("tiny dense", dense)),
                List.of(Attributions.create("error", Map.of()), Attributions.create("saliency", Map.of())),
                Optional.empty(), c -> {
                    delivered.add(c);
                    cancel.cancel();
                }, Progress.NONE, cancel)).isInstanceOf(CancelledException.class);
        assertThat(delivered).hasSize(1);
    }

    @Test
    void cancellingInsideAMethodStopsIt() throws Exception {
        Cancellation cancel = new Cancellation();
        List<StudyCell> delivered = new ArrayList<>();
        // IG reports before each batch of its path points ("tiny AE: ig, path points 2/8"): cancelled after
        // the first batch has started, it stops at the check before the next one.
        Progress cancelInsideIg = (f, m) -> {
            if (m.endsWith("ig, path points 2/8")) {
                cancel.cancel();
            }
        };
        assertThatThrownBy(() -> new ClipStudy(settings()).run(List.of(row("tiny AE", ae)),
                List.of(Attributions.create("ig", Map.of("steps", "8", "batch", "2")),
                        Attributions.create("error", Map.of())),
                Optional.empty(), delivered::add, cancelInsideIg, cancel)).isInstanceOf(CancelledException.class);
        assertThat(delivered).extracting(StudyCell::method).containsExactly("error");
    }
}
