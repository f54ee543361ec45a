package io.auscult.ui.proxy;

import io.auscult.engine.CancelledException;
import io.auscult.engine.CurrentThreadExecutor;
import io.auscult.proxy.Alignment;
import io.auscult.proxy.LabGrid;
import io.auscult.proxy.ModelResult;
import io.auscult.proxy.ProxyLab;
import io.auscult.proxy.ProxyTaskKind;
import io.auscult.ui.task.TaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy lab's view model without a stage: a current-thread executor and a fake lab that
 * returns hand-made models (so the statistics are the real {@link Alignment} on known numbers).
 */
class ProxyLabViewModelTest {

    @TempDir
    Path dir;

    /** Four classification checkpoints whose accuracy rises with LP AUC, then the pretrained encoder. */
    private static List<ModelResult> models() {
        List<ModelResult> ms = new ArrayList<>();
        for (int e = 1; e <= 4; e++) {
            ms.add(new ModelResult(ProxyTaskKind.CLASSIFICATION, "classification-w8-16-32-e" + e, "w8-16-32", e, 32,
                    1.0 / e, 0.2 * e, 0.5 + 0.1 * e, 0.9 - 0.1 * e, 0.6, 0.55, 2.0 + e));
        }
        ms.add(new ModelResult(ProxyTaskKind.PRETRAINED, "pretrained-w16-32-64", "w16-32-64", 0, 64, Double.NaN,
                Double.NaN, 0.7, 0.8, Double.NaN, Double.NaN, 5.0));
        return ms;
    }

    private static ProxyLab.Result fakeResult(ProxyLab.Request request) {
        List<ModelResult> ms = models();
        return new ProxyLab.Result(request, ms, Alignment.of(ms, Map.of(ProxyTaskKind.CLASSIFICATION, 0.25), 7), null,
                Map.of(), Map.of());
    }

    private static ProxyLabViewModel viewModel(ProxyLabViewModel.Lab lab) {
        return new ProxyLabViewModel(new TaskRunner(new CurrentThreadExecutor(), Runnable::run), lab);
    }

    @Test
    void runPassesTheChosenTasksDataAndGridAndShowsModelsTestsAndPoints() {
        AtomicReference<ProxyLab.Request> asked = new AtomicReference<>();
        AtomicReference<Path> askedData = new AtomicReference<>();
        ProxyLabViewModel vm = viewModel((data, request, progress, cancel) -> {
            asked.set(request);
            askedData.set(data);
            return fakeResult(request);
        });
        vm.dataProperty().set(dir);
        vm.taskChosen(ProxyTaskKind.SEPARATION).set(false);
        vm.taskChosen(ProxyTaskKind.CONTRASTIVE).set(false);
        vm.quickProperty().set(true);

        assertThat(vm.run()).isNotNull();

        assertThat(askedData.get()).isEqualTo(dir);
        assertThat(asked.get().tasks()).isEqualTo(EnumSet.of(ProxyTaskKind.RECONSTRUCTION,
                ProxyTaskKind.CLASSIFICATION, ProxyTaskKind.PRETRAINED));
        assertThat(asked.get().grid()).isEqualTo(LabGrid.QUICK);
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.models()).hasSize(5);
        // 2 methods x 2 AUCs + stage 2 + 2 stage-3 tests for the one trainable task.
        assertThat(vm.tests()).hasSize(7);
        assertThat(vm.stages()).extracting(s -> s.stage()).containsExactly(1, 2, 3);
        // Only the task with a proxy metric is plottable; it is shown first.
        assertThat(vm.scatterTasks()).containsExactly(ProxyTaskKind.CLASSIFICATION);
        assertThat(vm.scatterTaskProperty().get()).isEqualTo(ProxyTaskKind.CLASSIFICATION);
        // Tolerance: the fixture values are sums like 0.5 + 0.1 * 4, exact only to the last bit.
        assertThat(vm.points()).extracting(ProxyLabViewModel.Point::y)
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-12 ? 0 : Double.compare(a, b))
                .containsExactly(0.6, 0.7, 0.8, 0.9);
        vm.axisProperty().set(ProxyLabViewModel.Axis.MD_AUC);
        assertThat(vm.points()).extracting(ProxyLabViewModel.Point::x)
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-12 ? 0 : Double.compare(a, b))
                .containsExactly(0.2, 0.4, 0.6, 0.8);
        assertThat(vm.points().get(0).y()).isCloseTo(0.8, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(vm.statusProperty().get()).startsWith("5 models, 7 correlation tests").contains("quick grid");
    }

    @Test
    void selectingAModelShowsItsNumbersAndARunWithoutWeightsOpensNothing() {
        ProxyLabViewModel vm = viewModel((data, request, progress, cancel) -> fakeResult(request));
        vm.dataProperty().set(dir);
        vm.run();
        ModelResult m = vm.models().get(2);
        vm.select(m);
        assertThat(vm.detailsProperty().get()).contains("classification-w8-16-32-e3").contains("epoch 3")
                .contains("validation_accuracy = 0.6000").contains("LP AUC 0.8000").contains("MD AUC 0.6000")
                .doesNotContain("Open in workbench");
        // this fake run kept no weights or data: nothing to open
        assertThat(vm.openableProperty().get()).isFalse();
        assertThat(vm.openSelected()).isFalse();
        assertThat(vm.statusProperty().get()).contains("classification-w8-16-32-e3").contains("not kept");
        vm.select(vm.models().get(4));
        assertThat(vm.detailsProperty().get()).contains("pretrained-w16-32-64").contains("proxy metric none = -");
        vm.select(null);
        assertThat(vm.detailsProperty().get()).isEmpty();
    }

    @Test
    void withoutTasksOrDataItSaysWhyAndDoesNotStart() {
        int[] calls = {0};
        ProxyLabViewModel vm = viewModel((data, request, progress, cancel) -> {
            calls[0]++;
            return fakeResult(request);
        });
        assertThat(vm.run()).isNull();
        assertThat(vm.statusProperty().get()).contains("dataset folder");
        vm.dataProperty().set(dir);
        for (ProxyTaskKind k : ProxyTaskKind.values()) {
            vm.taskChosen(k).set(false);
        }
        assertThat(vm.run()).isNull();
        assertThat(vm.statusProperty().get()).contains("at least one");
        assertThat(calls[0]).isZero();
    }

    @Test
    void aCancelledOrFailedRunKeepsThePreviousResultsAndSaysSo() {
        int[] call = {0};
        ProxyLabViewModel vm = viewModel((data, request, progress, cancel) -> {
            call[0]++;
            if (call[0] == 2) {
                throw new CancelledException();
            }
            if (call[0] == 3) {
                throw new IllegalStateException("no normal training clips in " + data);
            }
            return fakeResult(request);
        });
        vm.dataProperty().set(dir);
        vm.run();
        vm.run();
        assertThat(vm.statusProperty().get()).startsWith("Cancelled");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.models()).hasSize(5);
        vm.run();
        assertThat(vm.statusProperty().get()).startsWith("The lab failed").contains("no normal training clips");
        assertThat(vm.models()).hasSize(5);
    }

    @Test
    void saveReportBeforeARunSaysSoAndWritesNothing() {
        ProxyLabViewModel vm = viewModel((data, request, progress, cancel) -> fakeResult(request));
        vm.saveReport(dir.resolve("none"));
        assertThat(vm.statusProperty().get()).contains("Run the lab");
        assertThat(dir.resolve("none")).doesNotExist();
    }
}
