package io.auscult.ui.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.ComputeExecutor;
import io.auscult.faithfulness.ComparisonDetector;
import io.auscult.faithfulness.ComparisonRow;
import io.auscult.store.ModelFile;
import io.auscult.ui.task.TaskRunner;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test-set comparison window driven like a user, headless: two of the default methods
 * unticked, Run clicked, the table fills with the two rows and the chart with their curves; a
 * click on a column header sorts; the export writes files that exist and parse. Waits are on
 * the view model's state, never on time; the limit only stops a hung run.
 */
class TestSetComparisonGuiTest extends FxRobot {

    private static final int LIMIT_SECONDS = 300;

    @TempDir
    Path dir;
    private ComputeExecutor compute;
    private TrainedDetector detector;
    private TestSetComparisonViewModel vm;
    private Stage window;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        compute = new ComputeExecutor();
        detector = ModelFile.read(Path.of("samples/models/fan-ae.auscult"), Networks.LOADER);
        vm = onFx(() -> new TestSetComparisonViewModel(new TaskRunner(compute, Platform::runLater), "fan",
                List.of(new ComparisonDetector("fan-ae", detector)),
                List.of(TestSetComparisonViewModelTest.clip(0), TestSetComparisonViewModelTest.clip(2)), List.of()));
        window = onFx(() -> TestSetComparisonView.show(null, vm, null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        compute.close();
        detector.close();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(LIMIT_SECONDS, TimeUnit.SECONDS);
    }

    private void awaitIdle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS, () -> onFx(() -> !vm.runningProperty().get()
                && !vm.tasks().runningProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void runFillsTheTableAndChartAndTheExportWritesFilesThatParse() throws Exception {
        clickOn("#compare-method-gradcam");
        clickOn("#compare-method-ig");
        assertThat(onFx(() -> vm.methods().stream().map(m -> m.method()).toList()))
                .containsExactly("error", "saliency");
        clickOn("#compare-run");
        awaitIdle();

        TableView<ComparisonRow> table = onFx(() -> ((TestSetComparisonView) window.getScene().getRoot()).table());
        assertThat(onFx(() -> table.getItems().size())).isEqualTo(2);
        assertThat(onFx(() -> vm.series().size())).isEqualTo(2);
        assertThat(onFx(() -> vm.statusProperty().get())).startsWith("2 rows");
        // The cells show the rows' numbers as the table formats them.
        ComparisonRow first = onFx(() -> table.getItems().get(0));
        assertThat(lookup(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getText() != null
                && c.getText().equals(TestSetComparisonView.format(first.gain()))).tryQuery()).isPresent();

        // A click on the gain header sorts ascending by the mean gain; a second click descending.
        clickOn(lookup("#compare-table .column-header .label").match(n -> n instanceof javafx.scene.control.Label l
                && l.getText().startsWith("gain")).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        double g0 = onFx(() -> table.getItems().get(0).gain().mean());
        double g1 = onFx(() -> table.getItems().get(1).gain().mean());
        assertThat(g0).isLessThanOrEqualTo(g1);

        // Export (the folder chooser is the platform's; the button calls this with the chosen folder).
        Path out = dir.resolve("report");
        onFx(() -> {
            vm.export(out);
            return null;
        });
        awaitIdle();
        assertThat(onFx(() -> vm.statusProperty().get())).startsWith("Wrote ");
        for (String f : List.of("summary.csv", "clips.csv", "curves.csv", "summary.json", "report.html", "gain.png",
                "curves_fan-ae.png")) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        assertThat(Files.readAllLines(out.resolve("summary.csv"))).hasSize(3);
        assertThat(Files.readAllLines(out.resolve("clips.csv"))).hasSize(1 + 2 * 2);
        assertThat(new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("rows")).hasSize(2);
        BufferedImage png = ImageIO.read(out.resolve("gain.png").toFile());
        assertThat(png.getWidth()).isGreaterThan(100);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table>", "fan-ae", "</html>");
    }
}
