package io.auscult.ui.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.Cancellation;
import io.auscult.engine.ComputeExecutor;
import io.auscult.engine.CurrentThreadExecutor;
import io.auscult.engine.Progress;
import io.auscult.explain.Attributions;
import io.auscult.faithfulness.ComparisonClip;
import io.auscult.faithfulness.ComparisonDetector;
import io.auscult.faithfulness.ComparisonReport;
import io.auscult.faithfulness.ComparisonRow;
import io.auscult.faithfulness.ComparisonRun;
import io.auscult.faithfulness.MeanInterval;
import io.auscult.store.ModelFile;
import io.auscult.ui.task.TaskRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The test-set comparison's view model without a stage, on the demo: fan-ae with two cheap
 * methods on two anomalous fan clips (with masks), run through a current-thread executor. Its
 * rows must be {@link ComparisonRun}'s for the same inputs and settings.
 */
class TestSetComparisonViewModelTest {

    /**
     * The view model runs the very same computation on the same thread; the tolerance only
     * allows for a multi-threaded kernel summing in another order, and is far below the three
     * decimals the table shows.
     */
    private static final double SAME = 1e-6;

    private static TrainedDetector detector;
    private static List<ComparisonClip> clips;

    @TempDir
    Path dir;

    @BeforeAll
    static void demo() throws Exception {
        detector = ModelFile.read(Path.of("samples/models/fan-ae.auscult"), Networks.LOADER);
        clips = List.of(clip(0), clip(1));
    }

    static ComparisonClip clip(int i) {
        Path wav = Path.of("samples/fan/test/anomaly_id_00_0000000" + i + ".wav");
        return new ComparisonClip(wav, true, Optional.of(Path.of("samples/fan/test/anomaly_id_00_0000000" + i
                + ".mask.csv")));
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    private static TestSetComparisonViewModel viewModel() {
        TestSetComparisonViewModel vm = new TestSetComparisonViewModel(
                new TaskRunner(new CurrentThreadExecutor(), Runnable::run), "fan",
                List.of(new ComparisonDetector("fan-ae", detector)), clips, List.of());
        for (String m : Attributions.methods()) {
            vm.methodChosen(m).set(m.equals("error") || m.equals("saliency"));
        }
        return vm;
    }

    @Test
    void theDefaultsAreTheCheapMethodsAndIgBinsAndSeedZero() {
        TestSetComparisonViewModel vm = new TestSetComparisonViewModel(
                new TaskRunner(new CurrentThreadExecutor(), Runnable::run), "fan",
                List.of(new ComparisonDetector("fan-ae", detector)), clips, List.of());
        assertThat(vm.methods()).extracting(m -> m.method()).containsExactly("error", "saliency", "ig", "gradcam");
        assertThat(vm.unitsProperty().get()).isEqualTo(TestSetComparisonViewModel.Units.BINS);
        assertThat(vm.settings().seed()).isZero();
        assertThat(vm.settings().sanityClips()).isZero();
        assertThat(vm.statusProperty().get()).contains("1 detector(s), 2 test clip(s) of fan");
    }

    @Test
    void rowsAreComparisonRunsNumbersAndTheBaselineIsTheRandomCurvesMeanAndSpread() throws Exception {
        TestSetComparisonViewModel vm = viewModel();
        // Patches keep the test quick (fewer units to rank); bins run the same code.
        vm.unitsProperty().set(TestSetComparisonViewModel.Units.PATCHES);
        assertThat(vm.run()).isTrue();
        assertThat(vm.runningProperty().get()).isFalse();

        ComparisonReport direct = new ComparisonRun(vm.settings()).run(
                List.of(new ComparisonDetector("fan-ae", detector)), vm.methods(), clips, List.of(), Progress.NONE,
                Cancellation.NEVER);
        assertThat(vm.rows()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            ComparisonRow a = vm.rows().get(i);
            ComparisonRow b = direct.rows().get(i);
            assertThat(a.detector()).isEqualTo("fan-ae");
            assertThat(a.method()).isEqualTo(b.method());
            assertThat(a.clips()).isEqualTo(2);
            same(a.area(), b.area());
            same(a.gain(), b.gain());
            same(a.dropAt1(), b.dropAt1());
            same(a.dropAt10(), b.dropAt10());
            same(a.pixelAuroc(), b.pixelAuroc());
            same(a.temporalAuroc(), b.temporalAuroc());
            assertThat(a.meanDrops()).containsExactly(b.meanDrops(), within(SAME));
            // The masks are there, so localisation is defined.
            assertThat(a.pixelAuroc().n()).isEqualTo(2);
        }
        assertThat(vm.rows()).extracting(ComparisonRow::method).containsExactly("error", "saliency");

        // One series per row, and one baseline for the detector whose mean is the rows' random curve:
        // every clip has the same R random orders, so the mean over clips x R is the mean of the clip means.
        assertThat(vm.series()).hasSize(2);
        assertThat(vm.baselines()).hasSize(1);
        TestSetComparisonViewModel.Baseline b = vm.baselines().get(0);
        assertThat(b.mean()).containsExactly(vm.rows().get(0).randomDrops(), within(1e-9));
        assertThat(b.fractions()).containsExactly(vm.rows().get(0).fractions());
        for (int k = 0; k < b.mean().length; k++) {
            assertThat(b.low()[k]).isLessThanOrEqualTo(b.mean()[k]);
            assertThat(b.high()[k]).isGreaterThanOrEqualTo(b.mean()[k]);
        }
        // The random curves differ past k = 0, so the band has width somewhere.
        assertThat(b.high()[b.high().length / 2] - b.low()[b.low().length / 2]).isGreaterThan(0);
        assertThat(vm.statusProperty().get()).startsWith("2 rows from 1 detector(s) x 2 clip(s)");

        // Export: the files of auscult compare, from the window's report.
        vm.export(dir.resolve("out"));
        assertThat(vm.statusProperty().get()).startsWith("Wrote ");
        List<String> summary = Files.readAllLines(dir.resolve("out/summary.csv"));
        assertThat(summary).hasSize(3);
        assertThat(summary.get(1)).startsWith("fan-ae,error,2,");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
        assertThat(json.get("rows")).hasSize(2);
        assertThat(json.get("rows").get(1).get("faithfulness_gain").get("mean").asDouble())
                .isCloseTo(vm.rows().get(1).gain().mean(), within(SAME));
        assertThat(Files.readString(dir.resolve("out/report.html"))).contains("<table>", "saliency");
    }

    @Test
    void nothingRunsWithoutAMethodAndSaysWhy() {
        TestSetComparisonViewModel vm = viewModel();
        vm.methodChosen("error").set(false);
        vm.methodChosen("saliency").set(false);
        assertThat(vm.run()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo("Choose at least one method.");
        vm.export(dir);
        assertThat(vm.statusProperty().get()).startsWith("Run the comparison");
    }

    @Test
    void rowsArrivePerDetectorAndCancelStopsTheDetectorsStillQueued() throws Exception {
        // The "user interface" runs on the compute thread after run() has returned (the latch); when the
        // first detector's rows are in, it presses Cancel, so the second detector's task never starts.
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<TestSetComparisonViewModel> holder = new AtomicReference<>();
        AtomicReference<String> statusAtCancel = new AtomicReference<>();
        Executor ui = r -> {
            try {
                started.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.run();
            TestSetComparisonViewModel v = holder.get();
            if (!v.rows().isEmpty() && v.runningProperty().get()) {
                statusAtCancel.set(v.statusProperty().get());
                v.cancel();
            }
            if (!v.runningProperty().get()) {
                ended.countDown();
            }
        };
        try (ComputeExecutor compute = new ComputeExecutor()) {
            TestSetComparisonViewModel vm = new TestSetComparisonViewModel(new TaskRunner(compute, ui), "fan",
                    List.of(new ComparisonDetector("first", detector), new ComparisonDetector("second", detector)),
                    clips.subList(0, 1), List.of());
            holder.set(vm);
            for (String m : Attributions.methods()) {
                vm.methodChosen(m).set(m.equals("error"));
            }
            vm.unitsProperty().set(TestSetComparisonViewModel.Units.PATCHES);
            assertThat(vm.run()).isTrue();
            started.countDown();
            assertThat(ended.await(300, TimeUnit.SECONDS)).as("the run ended").isTrue();
            assertThat(statusAtCancel.get()).isEqualTo("1 of 2 detectors done…");
            assertThat(vm.statusProperty().get()).startsWith("Cancelled");
            assertThat(vm.rows()).extracting(ComparisonRow::detector).containsExactly("first");
            assertThat(vm.reportProperty().get().rows()).hasSize(1);
            assertThat(vm.baselines()).extracting(TestSetComparisonViewModel.Baseline::detector)
                    .containsExactly("first");
        }
    }

    @Test
    void mergingPerDetectorReportsKeepsRowsInDetectorOrder() {
        ComparisonRow r1 = row("a");
        ComparisonRow r2 = row("b");
        ComparisonReport merged = TestSetComparisonViewModel.merge(List.of(
                new ComparisonReport(List.of(r1), List.of(), List.of(), List.of("units: single bins")),
                new ComparisonReport(List.of(r2), List.of(), List.of(), List.of("units: single bins"))));
        assertThat(merged.rows()).containsExactly(r1, r2);
        assertThat(merged.settings()).containsExactly("units: single bins");
    }

    private static ComparisonRow row(String detector) {
        MeanInterval none = MeanInterval.of(new double[0]);
        return new ComparisonRow(detector, "error", 0, none, Double.NaN, none, none, none, none, none, none, none,
                Optional.empty(), Double.NaN, new double[0], new double[0], new double[0], "");
    }

    private static void same(MeanInterval a, MeanInterval b) {
        assertThat(a.n()).isEqualTo(b.n());
        assertThat(a.mean()).isCloseTo(b.mean(), within(SAME));
        if (Double.isFinite(b.low())) {
            assertThat(a.low()).isCloseTo(b.low(), within(SAME));
            assertThat(a.high()).isCloseTo(b.high(), within(SAME));
        }
    }

}
