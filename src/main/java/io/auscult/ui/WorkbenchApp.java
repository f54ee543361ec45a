package io.auscult.ui;

import io.auscult.engine.ComputeExecutor;
import io.auscult.ui.compare.CompareWindows;
import io.auscult.ui.compare.MethodGridView;
import io.auscult.ui.compare.TestSetComparisonView;
import io.auscult.ui.compare.TestSetComparisonViewModel;
import io.auscult.ui.explain.ExplainViewModel;
import io.auscult.ui.explain.PresentationViewModel;
import io.auscult.ui.project.RecentFiles;
import io.auscult.ui.proxy.ProxyLabView;
import io.auscult.ui.proxy.ProxyLabViewModel;
import io.auscult.ui.task.TaskRunner;
import io.auscult.ui.workbench.OffscreenWarmUp;
import io.auscult.ui.workbench.WorkbenchView;
import io.auscult.ui.workbench.WorkbenchViewModel;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The JavaFX application: one main window on the compute executor; see {@link WorkbenchLauncher}. */
public final class WorkbenchApp extends Application {

    static volatile LaunchOptions options = LaunchOptions.parse();
    static volatile int exitCode;
    /** What the last run measured, in words (start-up and responsiveness), for the command line. */
    static volatile String report = "";
    private final StallWatchdog watchdog = new StallWatchdog();
    private long shownMillis;
    private long paintedMillis;
    private ComputeExecutor compute;
    private WorkbenchViewModel model;

    @Override
    public void start(Stage stage) {
        compute = new ComputeExecutor();
        model = new WorkbenchViewModel(new TaskRunner(compute, Platform::runLater, new AfterNextPulse()), RecentFiles.forUser());
        WorkbenchView view = new WorkbenchView(model, stage);
        Scene scene = new Scene(view, options.width(), options.height());
        scene.getStylesheets().add(WorkbenchView.stylesheet());
        FullRepaintGuard.install(scene);
        stage.setTitle("Auscult workbench");
        stage.setScene(scene);
        stage.show();
        shownMillis = sinceJvmStart();
        afterFirstFrame(() -> {
            paintedMillis = sinceJvmStart();
            OffscreenWarmUp.startInBackground(options.demo() ? options.samples() : null, options.width(),
                    options.height(), WorkbenchView.stylesheet());
            watchdog.start();
            if (options.demo()) {
                model.openDemo(options.samples(), options.models());
            }
            options.open().ifPresent(view::open);
            options.select().ifPresent(name -> selectWhenLoaded(name));
            if (options.view().isPresent() && options.screenshot().isEmpty()) {
                whenIdle(() -> prepareView(view, scene));
            }
            options.screenshot().ifPresent(file -> screenshotWhenIdle(scene, file, view));
        });
    }

    /**
     * Runs {@code action} once the window's first frame is on screen. The first frame of the
     * whole scene is drawn once, by the renderer, while the user interface thread waits for it
     * at the next pulse: 0.3-0.6 s with the software renderer under Xvfb. Starting the
     * background work after it keeps the two from competing for the cores, and keeps that
     * one-time paint apart from the stalls the watchdog measures while work runs (the report
     * gives the paint its own figure). Three pulses: a pulse waits for the previous pulse's
     * rendering, so by the third the first has been rendered.
     */
    private static void afterFirstFrame(Runnable action) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 3) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }

    /** Shows the recording whose path contains {@code name}, once the dataset is open. */
    private void selectWhenLoaded(String name) {
        model.scanProperty().addListener((o, a, s) -> {
            if (s != null) {
                s.recordings().stream().filter(r -> r.path().toString().contains(name)).findFirst()
                        .ifPresent(r -> Platform.runLater(() -> model.select(r)));
            }
        });
    }

    /**
     * Writes the window as PNG once no task has run for three checks in a row (the demo opens,
     * then scores, then shows a recording: each a task), then exits.
     */
    private void screenshotWhenIdle(Scene mainScene, Path file, WorkbenchView view) {
        int[] quiet = {0};
        long[] idleMillis = {0};
        Scene[] scene = {mainScene};
        boolean[] prepared = {false};
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(150), e -> {
            quiet[0] = model.tasks().runningProperty().get() ? 0 : quiet[0] + 1;
            if (quiet[0] == 1) {
                idleMillis[0] = sinceJvmStart();
            }
            if (quiet[0] >= 3 && options.view().isPresent() && !prepared[0]) {
                // --view: the picture is of that screen once its own work has run.
                prepared[0] = true;
                scene[0] = prepareView(view, mainScene);
                quiet[0] = 0;
                return;
            }
            if (quiet[0] >= 3) {
                poll.stop();
                report = String.format(java.util.Locale.ROOT, "window shown %d ms after JVM start, first frame "
                        + "painted by %d ms; demo loaded, scored and shown by %d ms; longest UI-thread stall "
                        + "meanwhile %.0f ms (%.0f ms of it work on that thread; most work between two frames "
                        + "%.0f ms)", shownMillis, paintedMillis, idleMillis[0], watchdog.longestStallMillis(),
                        watchdog.longestStallCpuMillis(), watchdog.mostWorkBetweenPulsesMillis());
                scene[0].getRoot().applyCss();
                scene[0].getRoot().layout();
                try {
                    ImageFiles.writePng(scene[0].snapshot(null), file);
                    exitCode = 0;
                } catch (IOException ex) {
                    exitCode = 1;
                }
                Platform.exit();
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    /**
     * Prepares the screen {@code --view} names on the open data and returns the scene to picture:
     * the main window for the explanation views, the lab's own window for {@code proxy}.
     */
    private Scene prepareView(WorkbenchView view, Scene mainScene) {
        String name = options.view().orElseThrow();
        String method = options.method().orElse("saliency").split(",")[0].trim();
        if (!name.startsWith("proxy")) { // for the lab views, --detector names a lab model
            options.detector().ifPresent(this::showWithDetector);
        }
        switch (name) {
            case "proxy" -> {
                return startProxyLab(view, false, method);
            }
            case "proxy-open" -> {
                startProxyLab(view, true, method);
                return mainScene;
            }
            case "grid" -> {
                // The loaded detectors of the clip's machine x the --method list (default: error,
                // saliency, gradcam, ig); the picture is taken once every cell is computed.
                List<String> methods = options.method().map(m -> List.of(m.split(","))).orElse(List.of());
                CompareWindows.openGrid(view.getScene().getWindow(), model,
                        WorkbenchView.stylesheet(), methods);
                return windowShowing(MethodGridView.class, mainScene);
            }
            case "compare" -> {
                // The test set of the clip's machine, the cheap methods (or --method), run at once.
                TestSetComparisonViewModel compare = view.openTestSetComparison();
                if (compare == null) {
                    return mainScene;
                }
                List<String> methods = List.of(options.method().orElse("error,saliency,gradcam").split(","));
                for (String m : io.auscult.explain.Attributions.methods()) {
                    compare.methodChosen(m).set(methods.stream().anyMatch(x -> x.trim().equalsIgnoreCase(m)));
                }
                compare.run();
                return windowShowing(TestSetComparisonView.class, mainScene);
            }
            case "explain", "perturb", "present" -> {
                ExplainViewModel explain = model.explain();
                explain.methodProperty().set(method);
                explain.overlayOnProperty().set(true);
                if (name.equals("perturb")) {
                    view.showPerturbation(options.k());
                }
                if (name.equals("present")) {
                    view.presentation().start();
                    // The perturbation step: the picture a plant review remembers.
                    view.presentation().model().go(PresentationViewModel.Step.PERTURB.ordinal());
                }
                return mainScene;
            }
            default -> {
                return mainScene;
            }
        }
    }

    /**
     * The scene of the open window whose root is a {@code root}, sized to {@code --size} (the
     * window itself fits the screen, which is small under a bare Xvfb), else {@code fallback}.
     */
    private static Scene windowShowing(Class<?> root, Scene fallback) {
        return javafx.stage.Window.getWindows().stream()
                .filter(w -> w.getScene() != null && root.isInstance(w.getScene().getRoot()))
                .reduce((a, b) -> b).map(w -> {
                    w.setWidth(options.width());
                    w.setHeight(options.height());
                    return w.getScene();
                }).orElse(fallback);
    }

    /** Makes the loaded model whose name contains {@code text} the active one and shows the clip with it. */
    private void showWithDetector(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        model.models().stream()
                .filter(m -> m.displayName().toLowerCase(java.util.Locale.ROOT).replace(" · ", "-").contains(t)
                        || m.file().map(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).contains(t))
                        .orElse(false))
                .findFirst().ifPresent(m -> {
                    model.activeModelProperty().set(m);
                    if (model.selectedProperty().get() != null) {
                        model.select(model.selectedProperty().get());
                    }
                });
    }

    /**
     * Opens the proxy lab on the open dataset and runs its quick grid; returns the lab window's
     * scene. With {@code open}, the selected model (the last point of the plot, or the model whose
     * name contains --detector) is then opened in the workbench and explained with {@code method}.
     */
    private Scene startProxyLab(WorkbenchView view, boolean open, String method) {
        ProxyLabViewModel lab = view.openProxyLab();
        lab.quickProperty().set(true);
        lab.runningProperty().addListener((o, was, now) -> {
            if (!now && !lab.models().isEmpty()) {
                // Show a selected model in the picture: the last checkpoint of the plotted task.
                List<ProxyLabViewModel.Point> points = lab.points();
                if (!points.isEmpty()) {
                    lab.select(points.get(points.size() - 1).model());
                }
                if (open) {
                    options.detector().flatMap(d -> lab.models().stream().filter(m -> m.model().contains(d))
                            .reduce((a, b) -> b)).ifPresent(lab::select);
                    ExplainViewModel explain = model.explain();
                    explain.methodProperty().set(method);
                    explain.overlayOnProperty().set(true);
                    lab.openSelected();
                }
            }
        });
        lab.run();
        return javafx.stage.Window.getWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof ProxyLabView)
                .findFirst().map(javafx.stage.Window::getScene).orElseThrow();
    }

    /** Runs {@code action} once, the first time no task has run for three checks in a row. */
    private void whenIdle(Runnable action) {
        int[] quiet = {0};
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(150), e -> {
            quiet[0] = model.tasks().runningProperty().get() ? 0 : quiet[0] + 1;
            if (quiet[0] >= 3) {
                poll.stop();
                action.run();
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    @Override
    public void stop() {
        watchdog.stop();
        if (model != null) {
            model.shutdown();
        }
        if (compute != null) {
            compute.close();
        }
    }
}
