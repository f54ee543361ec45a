package io.auscult.ui.compare;

import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.data.DatasetScanner;
import io.auscult.data.Recording;
import io.auscult.data.ScanResult;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.Cancellation;
import io.auscult.engine.ComputeExecutor;
import io.auscult.engine.CurrentThreadExecutor;
import io.auscult.engine.Progress;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.Attributions;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.faithfulness.ClipStudy;
import io.auscult.faithfulness.StudyCell;
import io.auscult.faithfulness.StudyDetector;
import io.auscult.faithfulness.StudyResult;
import io.auscult.store.ModelFile;
import io.auscult.ui.model.LoadedModel;
import io.auscult.ui.task.TaskRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The method grid's view model without a stage, on the demo: fan-ae and fan-dense as rows,
 * saliency, smoothgrad and gradcam as columns, on a fan anomaly with its ground truth, through a
 * current-thread executor. Checks that the cells are {@link ClipStudy}'s, that they arrive cheap
 * methods first (Grad-CAM before SmoothGrad though its column is later), that Grad-CAM on the
 * dense AE is a cell with a reason, and the shared and per-cell display scales.
 */
class MethodGridViewModelTest {

    /** Same computation on the same thread; the tolerance only allows for a reordered multi-threaded sum. */
    private static final double SAME = 1e-6;

    private static Recording clip;
    private static List<LoadedModel> models;
    private static MethodGridViewModel vm;

    @BeforeAll
    static void runTheGrid() throws Exception {
        ScanResult scan = new DatasetScanner().scan(Path.of("samples"));
        clip = scan.recordings().stream()
                .filter(r -> r.path().toString().replace('\\', '/').endsWith("fan/test/anomaly_id_00_00000000.wav"))
                .findFirst().orElseThrow();
        models = new ArrayList<>();
        for (String name : List.of("fan-ae", "fan-dense")) {
            Path f = Path.of("samples/models/" + name + ".auscult");
            models.add(new LoadedModel(ModelFile.read(f, Networks.LOADER), f));
        }
        vm = new MethodGridViewModel(new TaskRunner(new CurrentThreadExecutor(), Runnable::run), Runnable::run, clip,
                models, List.of());
        vm.chooseMethods(List.of("saliency", "smoothgrad", "gradcam"));
        // Four noisy samples instead of 25: still the costliest column, in a quarter of the time.
        vm.setParameters("smoothgrad", Map.of("samples", "4"));
        assertThat(vm.run()).isTrue();
    }

    @AfterAll
    static void close() {
        models.forEach(m -> m.detector().close());
    }

    @Test
    void columnsFollowTheMethodListAndRowsTheModels() {
        assertThat(vm.columns()).containsExactly("saliency", "smoothgrad", "gradcam");
        assertThat(vm.rows()).extracting(MethodGridViewModel.Row::label).containsExactly("fan · AE", "fan · DENSE");
        assertThat(vm.cells()).hasSize(6);
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.resultProperty().get()).isNotNull();
        // The log-mel on screen is the clip's, with its ground truth.
        assertThat(vm.display().spectrogramProperty().get().frames()).isEqualTo(
                vm.resultProperty().get().cell(0, 0).map().orElseThrow().values().frames());
        assertThat(vm.display().maskProperty().get()).isNotNull();
        assertThat(vm.rows().get(0).captionProperty().get()).startsWith("fan · AE\nscore ");
    }

    @Test
    void cellsArriveCheapMethodsFirst() {
        assertThat(vm.arrivals()).extracting(StudyCell::method)
                .containsExactly("saliency", "saliency", "gradcam", "gradcam", "smoothgrad", "smoothgrad");
        assertThat(vm.arrivals()).extracting(StudyCell::row).containsExactly(0, 1, 0, 1, 0, 1);
    }

    @Test
    void gradCamOnTheDenseAutoencoderIsACellWithItsReason() {
        MethodGridViewModel.Cell dense = vm.cell(1, 2);
        assertThat(dense.resultProperty().get().succeeded()).isFalse();
        assertThat(dense.shownProperty().get()).isNull();
        assertThat(dense.captionProperty().get()).startsWith("gradcam · ").doesNotContain("gain");
        assertThat(vm.cell(0, 2).captionProperty().get()).startsWith("gradcam · gain ").contains("loc AUROC");
    }

    @Test
    void cellsAreWhatClipStudyGivesForTheSameInputs() throws Exception {
        // The cheap columns again, straight through the service, inputs built as the detection view does.
        List<StudyDetector> detectors = new ArrayList<>();
        for (LoadedModel m : models) {
            TrainedDetector d = m.detector();
            Spectrogram db = new LogMelExtractor(d.features()).extract(
                    AudioLoader.load(clip.path(), ChannelChoice.MEAN, d.features().sampleRate()));
            detectors.add(new StudyDetector(MethodGridViewModel.label(m), d.reconstruction().orElseThrow(), d.standardiser().apply(db),
                    List.of(), d.threshold()));
        }
        StudyResult direct = new ClipStudy(vm.settings()).run(detectors,
                List.of(Attributions.create("saliency", Map.of()), Attributions.create("gradcam", Map.of())),
                Optional.of(AnomalyMaskCsv.read(clip.mask().orElseThrow())), c -> { }, Progress.NONE,
                Cancellation.NEVER);
        for (int r = 0; r < 2; r++) {
            StudyCell a = vm.cell(r, 0).resultProperty().get();
            StudyCell b = direct.cell(r, 0);
            assertThat(a.gain()).isCloseTo(b.gain(), within(SAME));
            assertThat(a.localisation().orElseThrow().pixelAuroc())
                    .isCloseTo(b.localisation().orElseThrow().pixelAuroc(), within(SAME));
            assertThat(a.map().orElseThrow().values().values())
                    .containsExactly(b.map().orElseThrow().values().values(), within((float) SAME));
            assertThat(vm.cell(r, 0).captionProperty().get()).isEqualTo(MethodGridViewModel.caption(a));
        }
        assertThat(vm.cell(0, 2).resultProperty().get().gain()).isCloseTo(direct.cell(0, 1).gain(), within(SAME));
        assertThat(vm.cell(1, 2).resultProperty().get().failure()).isEqualTo(direct.cell(1, 1).failure());
    }

    @Test
    void perCellScaleFillsEachMapSharedScaleIsOneScaleForAll() {
        vm.modeProperty().set(DisplayNormalisation.Mode.ABSOLUTE);
        vm.scaleProperty().set(MethodGridViewModel.Scale.PER_CELL);
        List<MethodGridViewModel.Cell> drawn = vm.cells().stream().filter(c -> c.shownProperty().get() != null).toList();
        assertThat(drawn).hasSize(5);
        for (MethodGridViewModel.Cell c : drawn) {
            // Clipped at its own 99th percentile: the top percent of each map is at 1.
            assertThat(max(c.shownProperty().get())).isEqualTo(1f);
        }
        vm.scaleProperty().set(MethodGridViewModel.Scale.SHARED);
        List<AttributionMap> maps = drawn.stream().map(c -> c.resultProperty().get().map().orElseThrow()).toList();
        List<Spectrogram> expected = new DisplayNormalisation(DisplayNormalisation.Mode.ABSOLUTE,
                DisplayNormalisation.DEFAULT.clipPercentile()).applyShared(maps);
        float smallest = 1;
        for (int i = 0; i < drawn.size(); i++) {
            assertThat(drawn.get(i).shownProperty().get().values()).containsExactly(expected.get(i).values());
            smallest = Math.min(smallest, max(drawn.get(i).shownProperty().get()));
        }
        // On one scale not every map reaches the top (0.95 for the smallest on the demo, far from 1
        // compared with the float noise of another CPU's kernels).
        assertThat(smallest).isLessThan(0.99f);
        vm.scaleProperty().set(MethodGridViewModel.Scale.PER_CELL);
    }

    @Test
    void cancelStopsTheStudyAndKeepsTheCellsComputedSoFar() throws Exception {
        // Everything the view model hands to the "user interface" runs on the compute thread here, after
        // run() has returned (the latch), so the first cell can press Cancel without racing the start.
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<MethodGridViewModel> grid = new AtomicReference<>();
        java.util.concurrent.Executor ui = r -> {
            try {
                started.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.run();
            MethodGridViewModel g = grid.get();
            if (!g.arrivals().isEmpty() && g.runningProperty().get()) {
                g.cancel();
            }
            if (!g.runningProperty().get()) {
                ended.countDown();
            }
        };
        try (ComputeExecutor compute = new ComputeExecutor()) {
            MethodGridViewModel g = new MethodGridViewModel(new TaskRunner(compute, ui), ui, clip, models.subList(0, 1),
                    List.of());
            grid.set(g);
            g.chooseMethods(List.of("error", "ig"));
            assertThat(g.run()).isTrue();
            started.countDown();
            assertThat(ended.await(300, TimeUnit.SECONDS)).as("the study ended").isTrue();
            assertThat(g.statusProperty().get()).startsWith("Cancelled");
            // Cancellation is checked before every cell: the error cell came, IG never started.
            assertThat(g.arrivals()).extracting(StudyCell::method).containsExactly("error");
            assertThat(g.cell(0, 1).resultProperty().get()).isNull();
            assertThat(g.resultProperty().get()).isNull();
        }
    }

    private static float max(Spectrogram s) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : s.values()) {
            m = Math.max(m, v);
        }
        return m;
    }
}
