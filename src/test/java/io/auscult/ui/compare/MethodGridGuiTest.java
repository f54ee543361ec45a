package io.auscult.ui.compare;

import io.auscult.data.DatasetScanner;
import io.auscult.data.Recording;
import io.auscult.detect.Networks;
import io.auscult.engine.ComputeExecutor;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.store.SpectrogramRaster.Viewport;
import io.auscult.ui.model.LoadedModel;
import io.auscult.store.ModelFile;
import io.auscult.ui.task.TaskRunner;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The method grid driven like a user, headless: fan-ae and fan-mae x error, saliency and
 * Grad-CAM on a fan anomaly of the demo. Every cell gets its overlay and caption; the wheel over
 * one cell zooms all of them (one viewport); the pointer sets one cursor time; the display mode
 * switches to signed. Waits are on the view model's state, never on time.
 */
class MethodGridGuiTest extends FxRobot {

    private static final int LIMIT_SECONDS = 300;
    private static Recording clip;

    private ComputeExecutor compute;
    private List<LoadedModel> models;
    private MethodGridViewModel vm;
    private Stage window;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        clip = new DatasetScanner().scan(Path.of("samples")).recordings().stream()
                .filter(r -> r.path().toString().replace('\\', '/').endsWith("fan/test/anomaly_id_00_00000001.wav"))
                .findFirst().orElseThrow();
    }

    @BeforeEach
    void open() throws Exception {
        compute = new ComputeExecutor();
        models = new ArrayList<>();
        for (String name : List.of("fan-ae", "fan-mae")) {
            Path f = Path.of("samples/models/" + name + ".auscult");
            models.add(new LoadedModel(ModelFile.read(f, Networks.LOADER), f));
        }
        vm = onFx(() -> new MethodGridViewModel(new TaskRunner(compute, Platform::runLater), Platform::runLater, clip,
                models, List.of()));
        window = onFx(() -> MethodGridView.show(null, vm, null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        compute.close();
        models.forEach(m -> m.detector().close());
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(LIMIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void twoDetectorsByThreeMethodsFillZoomTogetherAndShareTheCursor() throws Exception {
        // Defaults are error, saliency, gradcam, ig: untick ig to keep the test short.
        clickOn("#grid-method-ig");
        assertThat(onFx(() -> vm.methods().stream().map(m -> m.method()).toList()))
                .containsExactly("error", "saliency", "gradcam");
        clickOn("#grid-run");
        WaitForAsyncUtils.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS, () -> onFx(() -> !vm.runningProperty().get()
                && !vm.tasks().runningProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();

        MethodGridView view = (MethodGridView) window.getScene().getRoot();
        List<MethodGridCellView> cells = onFx(() -> view.cellViews().stream().map(c -> (MethodGridCellView) c).toList());
        assertThat(cells).hasSize(6);
        for (MethodGridCellView c : cells) {
            assertThat(onFx(c::hasOverlay)).as("overlay of cell %s", c.getId()).isTrue();
            assertThat(onFx(() -> c.cell().captionProperty().get())).startsWith(c.cell().method() + " · gain ")
                    .contains("loc AUROC");
        }
        assertThat(onFx(() -> vm.arrivals().get(0).method())).isEqualTo("error");

        // The wheel over the top-left cell zooms every cell: there is one viewport.
        Viewport before = onFx(() -> vm.display().viewportProperty().get());
        moveTo(cells.get(0));
        // TestFX's DOWN is a positive wheel delta, which zooms in (as in WorkbenchGuiTest).
        scroll(3, javafx.geometry.VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        Viewport after = onFx(() -> vm.display().viewportProperty().get());
        assertThat(after.frames()).isLessThan(before.frames());

        // The pointer over the bottom-right cell's middle sets the cursor time that every cell draws.
        Bounds b = onFx(() -> cells.get(5).localToScreen(cells.get(5).getBoundsInLocal()));
        moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2));
        WaitForAsyncUtils.waitForFxEvents();
        double cursor = onFx(() -> vm.cursorProperty().get());
        double expected = onFx(() -> vm.display().secondsAt(cells.get(5).xFraction(cells.get(5).getWidth() / 2)));
        // Within one pixel's time: the robot's pointer lands on whole pixels.
        double pixel = onFx(() -> vm.display().secondsAt(1.0 / cells.get(5).getWidth()) - vm.display().secondsAt(0));
        assertThat(cursor).isCloseTo(expected, within(pixel * 1.5));

        // Signed display: each cell now shows its map normalised as signed (own scale by default).
        onFx(() -> {
            vm.modeProperty().set(DisplayNormalisation.Mode.SIGNED);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        float[] shown = onFx(() -> vm.cell(0, 1).shownProperty().get().values());
        float[] signed = onFx(() -> new DisplayNormalisation(DisplayNormalisation.Mode.SIGNED,
                DisplayNormalisation.DEFAULT.clipPercentile()).apply(
                        vm.cell(0, 1).resultProperty().get().map().orElseThrow()).values());
        assertThat(shown).containsExactly(signed);
        assertThat(onFx(() -> cells.get(1).hasOverlay())).isTrue();
        clickOn("#grid-fit", MouseButton.PRIMARY);
        assertThat(onFx(() -> vm.display().viewportProperty().get().frames())).isEqualTo(before.frames());
    }
}
