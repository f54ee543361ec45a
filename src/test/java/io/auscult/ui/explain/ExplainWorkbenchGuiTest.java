package io.auscult.ui.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.auscult.engine.ComputeExecutor;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.faithfulness.BudgetGrid;
import io.auscult.faithfulness.ReplacementExplorer;
import io.auscult.ui.DemoWindow;
import io.auscult.ui.workbench.WorkbenchView;
import io.auscult.ui.workbench.WorkbenchViewModel;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explanation workbench driven like a user, headless, on the demo with the shipped fan AE:
 * overlay, method and normalisation, the budget slider, a painted region, exports and the
 * presentation keys. Waits are on the application's own state, never on elapsed time.
 */
class ExplainWorkbenchGuiTest extends FxRobot {

    private static final int LIMIT_SECONDS = DemoWindow.LIMIT_SECONDS;

    @TempDir
    static Path shared;
    private static Path models;

    @TempDir
    Path dir;
    private ComputeExecutor compute;
    private WorkbenchViewModel vm;
    private WorkbenchView view;
    private DemoWindow window;

    @BeforeAll
    static void oneDemoModel() throws Exception {
        FxToolkit.registerPrimaryStage();
        models = Files.createDirectories(shared.resolve("models"));
        Files.copy(Path.of("samples/models/fan-ae.auscult"), models.resolve("fan-ae.auscult"));
    }

    @BeforeEach
    void openWorkbench() throws Exception {
        compute = new ComputeExecutor();
        window = DemoWindow.open(compute, dir.resolve("recent.json"), models, 1280, 800);
        vm = window.model();
        view = window.view();
        assertThat(onFx(() -> vm.explain().contextProperty().get())).as("the demo's top anomaly, scored").isNotNull();
        // The tabs a user opens to reach the explanation and budget controls.
        interact(() -> {
            view.sideTabs().getSelectionModel().select(1);
            view.bottomTabs().getSelectionModel().select(1);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        compute.close();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return DemoWindow.onFx(c);
    }

    private void awaitIdle() throws Exception {
        window.awaitIdle();
    }

    @SuppressWarnings("unchecked")
    private <T> void choose(String id, T value) throws Exception {
        ComboBox<T> box = lookup(id).query();
        interact(() -> box.setValue(value));
        awaitIdle();
    }

    @Test
    void theOverlayFollowsTheMethodAndTheNormalisation() throws Exception {
        clickOn("#overlay-on");
        awaitIdle();
        assertThat(onFx(() -> vm.explain().mapProperty().get().method())).isEqualTo("saliency");
        assertThat(onFx(() -> vm.explain().overlay().visibleProperty().get())).isTrue();
        assertThat(onFx(() -> vm.spectrogram().curveLabelProperty().get())).isEqualTo(ExplainViewModel.PROFILE_CURVE);
        choose("#method-choice", "error");
        assertThat(onFx(() -> vm.explain().mapProperty().get().method())).isEqualTo("error");
        choose("#display-mode", DisplayNormalisation.Mode.SIGNED);
        assertThat(onFx(() -> vm.explain().overlay().signedProperty().get())).isTrue();
        // A signed error map is non-negative: every shown value in [0, 1], some at full strength.
        float[] shown = onFx(() -> vm.explain().overlay().mapProperty().get().values());
        float max = 0;
        for (float v : shown) {
            assertThat(v).isBetween(0f, 1f);
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
        choose("#method-choice", "saliency");
        assertThat(onFx(() -> vm.explain().computations())).as("saliency came back from the cache").isEqualTo(2);
    }

    @Test
    void movingTheBudgetSliderChangesTheScoreAndTheCurvePoint() throws Exception {
        clickOn("#overlay-on");
        awaitIdle();
        clickOn("#perturb-on");
        awaitIdle();
        ReplacementExplorer.Step first = onFx(() -> vm.perturbation().stepProperty().get());
        assertThat(first.fraction()).isEqualTo(0.1);
        Slider slider = lookup("#budget-slider").query();
        interact(slider::requestFocus);
        for (int i = 0; i < 10; i++) {
            type(KeyCode.RIGHT);
        }
        awaitIdle();
        double k = onFx(slider::getValue);
        assertThat(k).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        ReplacementExplorer.Step now = onFx(() -> vm.perturbation().stepProperty().get());
        ReplacementExplorer explorer = onFx(() -> vm.perturbation().explorer().orElseThrow());
        assertThat(now.fraction()).isEqualTo(k);
        assertThat(now.unitsReplaced()).isEqualTo(BudgetGrid.unitsAt(k, explorer.units().count()));
        // The step shown is the explorer's own value for k (served from its cache, no network call here).
        assertThat(now.score()).isEqualTo(explorer.cachedAt(k).orElseThrow().score());
        assertThat(now.drop()).isGreaterThan(first.drop());
        assertThat(onFx(() -> vm.perturbation().curveProperty().get())).isNotNull();
        assertThat(onFx(() -> vm.perturbation().readoutProperty().get())).contains("k = 20.0 %");
    }

    @Test
    void aPaintedRectangleIsReplacedByTheReconstruction() throws Exception {
        clickOn("#overlay-on");
        awaitIdle();
        interact(() -> vm.painter().paintingProperty().set(true));
        Bounds b = view.spectrogramView().localToScreen(view.spectrogramView().getBoundsInLocal());
        Point2D from = new Point2D(b.getMinX() + 120, b.getMinY() + 80);
        Point2D to = new Point2D(b.getMinX() + 260, b.getMinY() + 200);
        drag(from, MouseButton.PRIMARY).dropTo(to);
        awaitIdle();
        boolean[] region = onFx(() -> vm.painter().regionProperty().get());
        assertThat(region).isNotNull();
        int marked = 0;
        for (boolean r : region) {
            marked += r ? 1 : 0;
        }
        assertThat(marked).isGreaterThan(100);
        clickOn("#replace-painted");
        awaitIdle();
        ReplacementExplorer.Step step = onFx(() -> vm.perturbation().stepProperty().get());
        assertThat(step.binsReplaced()).isEqualTo(marked);
        assertThat(onFx(() -> vm.explain().pictureProperty().get())).isEqualTo(ExplainViewModel.Picture.PERTURBED);
    }

    @Test
    void exportsWritePngsAtScreenAndPrintSizeAndAParsableReport() throws Exception {
        clickOn("#overlay-on");
        awaitIdle();
        Path screen = dir.resolve("view.png");
        Path print = dir.resolve("view-print.png");
        assertThat(onFx(() -> view.exportPng(view.spectrogramView(), screen, 1))).isTrue();
        assertThat(onFx(() -> view.exportPng(view.spectrogramView(), print, WorkbenchView.PRINT_SCALE))).isTrue();
        BufferedImage a = ImageIO.read(screen.toFile());
        BufferedImage p = ImageIO.read(print.toFile());
        double w = onFx(() -> view.spectrogramView().getWidth());
        assertThat(a.getWidth()).isEqualTo((int) Math.ceil(w));
        assertThat(p.getWidth()).isBetween(3 * a.getWidth() - 3, 3 * a.getWidth() + 3);

        Path out = dir.resolve("report");
        interact(() -> view.exportReport(out));
        awaitIdle();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("</html>").contains("saliency");
        Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertThat(img.getWidth()).isGreaterThan(100);
            images++;
        }
        assertThat(images).isGreaterThanOrEqualTo(2);
        assertThat(new ObjectMapper().readTree(out.resolve("report.json").toFile()).isObject()).isTrue();
        assertThat(Files.readAllLines(out.resolve("table.csv")).size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void presentationModeStepsWithTheArrowKeysAndEscapeRestoresTheWindow() throws Exception {
        interact(() -> view.presentation().start());
        awaitIdle();
        PresentationViewModel p = view.presentation().model();
        assertThat(onFx(() -> p.step())).isEqualTo(PresentationViewModel.Step.CLIP);
        assertThat(onFx(view::getTop)).as("menus hidden").isNull();
        type(KeyCode.RIGHT);
        awaitIdle();
        assertThat(onFx(() -> p.step())).isEqualTo(PresentationViewModel.Step.SCORE);
        assertThat(onFx(() -> p.captionProperty().get())).contains(onFx(() -> vm.selectedScoreProperty().get()));
        type(KeyCode.RIGHT);
        awaitIdle();
        assertThat(onFx(() -> p.step())).isEqualTo(PresentationViewModel.Step.OVERLAY);
        assertThat(onFx(() -> vm.explain().overlay().visibleProperty().get())).isTrue();
        type(KeyCode.RIGHT);
        awaitIdle();
        assertThat(onFx(() -> p.step())).isEqualTo(PresentationViewModel.Step.PERTURB);
        assertThat(onFx(() -> vm.perturbation().stepProperty().get().fraction())).isEqualTo(PresentationViewModel.BUDGET);
        assertThat(onFx(() -> p.captionProperty().get())).contains("→");
        type(KeyCode.LEFT);
        awaitIdle();
        assertThat(onFx(() -> p.step())).isEqualTo(PresentationViewModel.Step.OVERLAY);
        assertThat(onFx(() -> vm.perturbation().activeProperty().get())).isFalse();
        type(KeyCode.ESCAPE);
        awaitIdle();
        assertThat(onFx(() -> p.showingProperty().get())).isFalse();
        assertThat(onFx(view::getTop)).as("menus back").isNotNull();
        assertThat(onFx(() -> view.spectrogramView().getScene())).isNotNull();
    }
}
