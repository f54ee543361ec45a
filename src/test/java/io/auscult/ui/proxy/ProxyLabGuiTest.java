package io.auscult.ui.proxy;

import io.auscult.data.Condition;
import io.auscult.data.Recording;
import io.auscult.data.synth.AnomalyKind;
import io.auscult.data.synth.MachineType;
import io.auscult.data.synth.SynthDatasetSpec;
import io.auscult.data.synth.SynthDatasetWriter;
import io.auscult.detect.DetectorKind;
import io.auscult.engine.Cancellation;
import io.auscult.engine.ComputeExecutor;
import io.auscult.engine.Progress;
import io.auscult.proxy.ModelResult;
import io.auscult.proxy.ProxyTaskKind;
import io.auscult.ui.model.LoadedModel;
import io.auscult.ui.project.RecentFiles;
import io.auscult.ui.task.TaskRunner;
import io.auscult.ui.workbench.WorkbenchView;
import io.auscult.ui.workbench.WorkbenchViewModel;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy lab window driven like a user, headless: opened from the workbench with the open
 * dataset as its data, the quick grid run on a tiny synthetic dataset with the Run button, then
 * a scatter dot and a table row clicked. Waits are on the view model's state, never on time;
 * the limit only stops a hung run.
 */
class ProxyLabGuiTest extends FxRobot {

    private static final int LIMIT_SECONDS = 300;

    @TempDir
    static Path shared;
    private static Path data;

    @TempDir
    Path dir;
    private ComputeExecutor compute;
    private WorkbenchViewModel workbench;
    private WorkbenchView view;

    @BeforeAll
    static void tinyDataset() throws Exception {
        FxToolkit.registerPrimaryStage();
        // The same tiny dataset as ProxyCommandTest: 4 machine types, 1 id, 8 normal training clips of 3 s.
        SynthDatasetSpec spec = new SynthDatasetSpec(List.of(MachineType.values()), 1, 8, 4, 4, 3.0, 3.0, 12.0, 0.0,
                List.of(AnomalyKind.values()), SynthDatasetSpec.Layout.DCASE2020);
        data = shared.resolve("data");
        SynthDatasetWriter.write(data, spec, 5, Progress.NONE, Cancellation.NEVER);
    }

    @BeforeEach
    void openWorkbenchOnTheDataset() throws Exception {
        compute = new ComputeExecutor();
        FxToolkit.setupStage(stage -> {
            workbench = new WorkbenchViewModel(new TaskRunner(compute, Platform::runLater),
                    new RecentFiles(dir.resolve("recent.json")));
            view = new WorkbenchView(workbench, stage);
            stage.setScene(new Scene(view, 1024, 700));
            stage.show();
            workbench.openDataset(data);
        });
        awaitIdle();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        compute.close();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(LIMIT_SECONDS, TimeUnit.SECONDS);
    }

    private void awaitIdle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS,
                () -> onFx(() -> !workbench.tasks().runningProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theQuickGridRunsFromTheWindowAndADotOrARowSelectsItsModel() throws Exception {
        ProxyLabViewModel lab = onFx(view::openProxyLab);
        assertThat(onFx(() -> lab.dataProperty().get())).isEqualTo(data);
        assertThat(onFx(() -> lab.quickProperty().get())).isTrue();
        // Three of the five tasks keep the test short; the others run the same code path.
        clickOn("#proxy-task-separation");
        clickOn("#proxy-task-contrastive");
        assertThat(onFx(() -> lab.taskChosen(ProxyTaskKind.SEPARATION).get())).isFalse();
        clickOn("#proxy-run");
        WaitForAsyncUtils.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS, () -> onFx(() -> !lab.runningProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(() -> lab.statusProperty().get())).as("status").startsWith("9 models");
        // 2 trainable tasks x 4 checkpoints + the pretrained encoder.
        assertThat(onFx(() -> lab.models().size())).isEqualTo(9);
        // Up to 2 tasks x 7 tests; a quantity that came out constant on this CPU (say accuracy 1.0 at
        // every checkpoint) is skipped rather than tested, hence the wide lower bound.
        assertThat(onFx(() -> lab.tests().size())).isBetween(4, 14);
        assertThat(onFx(() -> lab.stages().size())).isEqualTo(6);
        assertThat(onFx(() -> lab.scatterTasks())).containsExactly(ProxyTaskKind.RECONSTRUCTION,
                ProxyTaskKind.CLASSIFICATION);

        // Click the last dot of the classification plot: that model (or one drawn on top of it) is selected.
        onFx(() -> {
            lab.scatterTaskProperty().set(ProxyTaskKind.CLASSIFICATION);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        ProxyScatterPlot plot = onFx(() -> ((ProxyLabView) lookup("#proxy-lab").query()).scatter());
        ProxyLabViewModel.Point target = onFx(() -> lab.points().get(lab.points().size() - 1));
        Point2D screen = onFx(() -> plot.localToScreen(plot.xOf(target.x()), plot.yOf(target.y())));
        clickOn(screen);
        WaitForAsyncUtils.waitForFxEvents();
        ModelResult picked = onFx(() -> lab.selectedProperty().get());
        assertThat(picked).isNotNull();
        assertThat(picked.task()).isEqualTo(ProxyTaskKind.CLASSIFICATION);
        double distance = onFx(() -> Math.hypot(plot.xOf(picked.proxyMetric()) - plot.xOf(target.x()),
                plot.yOf(picked.lpAuc()) - plot.yOf(target.y())));
        assertThat(distance).isLessThanOrEqualTo(ProxyScatterPlot.PICK_RADIUS);
        assertThat(onFx(() -> lab.detailsProperty().get())).contains(picked.model());
        // The table follows the dot.
        assertThat(onFx(() -> ((ProxyLabView) lookup("#proxy-lab").query()).modelTable().getSelectionModel()
                .getSelectedItem())).isSameAs(picked);

        // A row of the table selects its model too, and the plot switches to its task.
        TableRow<?> row = lookup("#proxy-models .table-row-cell").match((TableRow<?> r) -> r.getItem() instanceof
                ModelResult m && m.task() == ProxyTaskKind.RECONSTRUCTION && m.epoch() == 2).query();
        clickOn(row);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> lab.selectedProperty().get().model())).isEqualTo("reconstruction-w8-16-32-e2");
        assertThat(onFx(() -> lab.scatterTaskProperty().get())).isEqualTo(ProxyTaskKind.RECONSTRUCTION);

        // That reconstruction model is a conv AE: it opens in the workbench for a machine type of the
        // lab's data, is scored on that machine's test set and explained there.
        assertThat(onFx(() -> lab.openableProperty().get())).isTrue();
        assertThat(onFx(() -> lab.machines())).containsExactly("fan", "pump", "slider", "valve");
        onFx(() -> {
            lab.machineProperty().set("pump");
            return null;
        });
        clickOn("#proxy-open");
        awaitIdle();
        LoadedModel opened = onFx(() -> workbench.activeModelProperty().get());
        assertThat(opened.displayName()).isEqualTo("pump · AE · lab reconstruction-w8-16-32-e2");
        assertThat(opened.kind()).isEqualTo(DetectorKind.AE);
        assertThat(opened.detector().provenance().config()).containsEntry("labModel", "reconstruction-w8-16-32-e2");
        assertThat(Double.isFinite(opened.modelThreshold()) && opened.modelThreshold() > 0).isTrue();
        // the pump test set: 4 normal and 4 anomalous clips, each with a score
        assertThat(onFx(() -> workbench.results().rows().size())).isEqualTo(8);
        Recording shown = onFx(() -> workbench.selectedProperty().get());
        assertThat(shown.labels().machineType()).isEqualTo("pump");
        assertThat(shown.labels().condition()).isEqualTo(Condition.ANOMALY);
        // the explanation view works on it: a saliency map of the shown recording's shape
        onFx(() -> {
            workbench.explain().methodProperty().set("saliency");
            workbench.explain().compute();
            return null;
        });
        awaitIdle();
        assertThat(onFx(() -> workbench.explain().mapProperty().get())).isNotNull();
        assertThat(onFx(() -> workbench.explain().mapProperty().get().method())).isEqualTo("saliency");

        // A classification model opens too, as the lab's Mahalanobis detector on its encoder: scored,
        // explained by gradients, and honest that it has no error map.
        ModelResult classifier = onFx(() -> lab.models().stream()
                .filter(m -> m.task() == ProxyTaskKind.CLASSIFICATION).reduce((a, b) -> b).orElseThrow());
        onFx(() -> {
            lab.select(classifier);
            lab.machineProperty().set("fan");
            return null;
        });
        assertThat(onFx(() -> lab.openableProperty().get())).isTrue();
        assertThat(onFx(() -> lab.detailsProperty().get())).contains("Mahalanobis detector");
        // Opening brought the workbench forward: bring the lab back (View > Proxy lab) before clicking in it.
        onFx(view::openProxyLab);
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("#proxy-open");
        awaitIdle();
        LoadedModel md = onFx(() -> workbench.activeModelProperty().get());
        assertThat(md.displayName()).isEqualTo("fan · MD · lab " + classifier.model());
        assertThat(md.detector().reconstruction()).isEmpty();
        assertThat(onFx(() -> workbench.results().rows().size())).isEqualTo(8);
        assertThat(onFx(() -> workbench.selectedProperty().get().labels().machineType())).isEqualTo("fan");
        onFx(() -> {
            workbench.explain().methodProperty().set("saliency");
            workbench.explain().compute();
            return null;
        });
        awaitIdle();
        assertThat(onFx(() -> workbench.explain().mapProperty().get().method())).isEqualTo("saliency");
        // no error curve under the spectrogram (the overlay's frame profile replaces it while shown), and it says why
        onFx(() -> {
            workbench.explain().overlayOnProperty().set(false);
            return null;
        });
        assertThat(onFx(() -> workbench.spectrogram().frameErrorsProperty().get())).isNull();
        assertThat(onFx(() -> workbench.spectrogram().noCurveTextProperty().get())).contains("md detector");
        // IG starts from the training mean here (the reconstruction it would start from does not exist)
        assertThat(onFx(() -> workbench.explain().parametersOf("ig"))).containsEntry("baseline", "mean");
        onFx(() -> {
            workbench.explain().methodProperty().set("ig");
            workbench.explain().setParameter("ig", "steps", "8");
            workbench.explain().compute();
            return null;
        });
        awaitIdle();
        assertThat(onFx(() -> workbench.explain().mapProperty().get().method())).isEqualTo("ig");
        onFx(() -> {
            workbench.explain().methodProperty().set("error");
            workbench.explain().compute();
            return null;
        });
        awaitIdle();
        assertThat(onFx(() -> workbench.explain().statusProperty().get())).contains("reconstruction");

        // The report the command writes, from the window's result.
        onFx(() -> {
            lab.saveReport(dir.resolve("lab"));
            return null;
        });
        assertThat(Files.readAllLines(dir.resolve("lab/models.csv"))).hasSize(10);
        assertThat(onFx(() -> lab.statusProperty().get())).startsWith("Wrote");
    }

    @Test
    void cancelStopsARunningLab() throws Exception {
        // A lab that only ends when cancelled, so the click on Cancel cannot race its end.
        ProxyLabViewModel lab = onFx(() -> new ProxyLabViewModel(workbench.tasks(), (data, request, progress, cancel) -> {
            progress.report(0.1, "waiting for Cancel");
            while (true) {
                cancel.throwIfCancelled();
                Thread.sleep(5);
            }
        }));
        onFx(() -> {
            lab.dataProperty().set(data);
            ProxyLabView.show(view.getScene().getWindow(), lab, null);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("#proxy-run");
        WaitForAsyncUtils.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS,
                () -> onFx(() -> workbench.tasks().fractionProperty().get() > 0));
        clickOn("#proxy-cancel");
        WaitForAsyncUtils.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS, () -> onFx(() -> !lab.runningProperty().get()));
        assertThat(onFx(() -> lab.statusProperty().get())).startsWith("Cancelled");
        assertThat(onFx(() -> lab.models())).isEmpty();
    }
}
