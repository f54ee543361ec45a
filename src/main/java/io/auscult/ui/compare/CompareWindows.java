package io.auscult.ui.compare;

import io.auscult.data.Recording;
import io.auscult.ui.model.LoadedModel;
import io.auscult.ui.workbench.WorkbenchViewModel;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;

/**
 * Opens the comparison windows from the workbench's state: the method grid for the recording on
 * screen, the test-set comparison for its machine. Kept here so that the workbench's menu only
 * needs one call per window.
 */
public final class CompareWindows {

    private CompareWindows() {
    }

    /**
     * Opens the method grid for the selected recording with every loaded detector of its machine
     * and starts it with the default methods; says why and returns null when there is no
     * recording or no such detector.
     */
    public static MethodGridViewModel openGrid(Window owner, WorkbenchViewModel workbench, String stylesheet,
                                               List<String> methods) {
        Recording r = workbench.selectedProperty().get();
        if (r == null) {
            workbench.tasks().say("Method grid: select a recording first.");
            return null;
        }
        String machine = r.labels().machineType();
        // The grid measures each map by reconstruction replacement: detectors without a reconstruction stay out.
        List<LoadedModel> models = workbench.models().stream().filter(m -> m.machine().equals(machine))
                .filter(m -> m.detector().reconstruction().isPresent()).toList();
        if (models.isEmpty()) {
            workbench.tasks().say("Method grid: no reconstruction detector of machine '" + machine + "' is loaded.");
            return null;
        }
        MethodGridViewModel vm = new MethodGridViewModel(workbench.tasks(), Platform::runLater, r, models,
                first(workbench.normalTrainingClips(machine), MethodGridViewModel.REFERENCES));
        if (!methods.isEmpty()) {
            vm.chooseMethods(methods);
        }
        Stage stage = MethodGridView.show(owner, vm, stylesheet);
        stage.getProperties().put("model", vm);
        vm.run();
        return vm;
    }

    /**
     * Opens the test-set comparison for the machine of the selected recording (else of the
     * active model): its loaded detectors, its anomalous test clips and four normal training
     * clips as references. It waits for Run.
     */
    public static TestSetComparisonViewModel openComparison(Window owner, WorkbenchViewModel workbench,
                                                            String stylesheet) {
        String machine = machine(workbench);
        if (machine == null) {
            workbench.tasks().say("Compare methods: load a model (or open the demo) first.");
            return null;
        }
        TestSetComparisonViewModel vm = TestSetComparisonViewModel.forMachine(workbench.tasks(),
                workbench.scanProperty().get(), List.copyOf(workbench.models()), machine, true, 4);
        Stage stage = TestSetComparisonView.show(owner, vm, stylesheet);
        stage.getProperties().put("model", vm);
        return vm;
    }

    static String machine(WorkbenchViewModel workbench) {
        Recording r = workbench.selectedProperty().get();
        if (r != null) {
            return r.labels().machineType();
        }
        LoadedModel active = workbench.activeModelProperty().get();
        if (active != null) {
            return active.machine();
        }
        return workbench.models().isEmpty() ? null : workbench.models().get(0).machine();
    }

    /** The first {@code max} of {@code paths}. */
    private static List<Path> first(List<Path> paths, int max) {
        return paths.subList(0, Math.min(max, paths.size()));
    }
}
