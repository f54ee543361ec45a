package io.auscult.ui;

import io.auscult.engine.ComputeExecutor;
import io.auscult.ui.project.RecentFiles;
import io.auscult.ui.task.TaskRunner;
import io.auscult.ui.workbench.WorkbenchView;
import io.auscult.ui.workbench.WorkbenchViewModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The workbench window on the bundled demo for TestFX tests: the stage set up the way the
 * application does it, with the given demo models, and waits on the application's own state.
 *
 * @param model the window's view model
 * @param view  the window
 */
public record DemoWindow(WorkbenchViewModel model, WorkbenchView view) {

    /** Upper bound for a wait; reached only if something hangs (the work itself takes seconds). */
    public static final int LIMIT_SECONDS = 180;

    /**
     * Opens the window at {@code width x height} (at most Monocle's 1280 x 800 headless screen)
     * and the demo with the models in {@code models}, and waits until it is idle.
     */
    public static DemoWindow open(ComputeExecutor compute, Path recentFile, Path models, int width, int height)
            throws Exception {
        WorkbenchViewModel[] vm = new WorkbenchViewModel[1];
        WorkbenchView[] view = new WorkbenchView[1];
        FxToolkit.setupStage(stage -> {
            vm[0] = new WorkbenchViewModel(new TaskRunner(compute, Platform::runLater, new AfterNextPulse()),
                    new RecentFiles(recentFile));
            view[0] = new WorkbenchView(vm[0], stage);
            Scene scene = new Scene(view[0], width, height);
            scene.getStylesheets().add(WorkbenchView.stylesheet());
            stage.setScene(scene);
            stage.show();
            vm[0].openDemo(Path.of("samples").toAbsolutePath(), models);
        });
        DemoWindow window = new DemoWindow(vm[0], view[0]);
        window.awaitIdle();
        return window;
    }

    /** Runs {@code c} on the JavaFX thread and returns its value. */
    public static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(LIMIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until no task runs (background work and its deferred user-interface parts). */
    public void awaitIdle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS, () -> onFx(() -> !model.tasks().runningProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
