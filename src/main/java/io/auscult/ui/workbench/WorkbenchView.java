package io.auscult.ui.workbench;

import io.auscult.data.Recording;
import io.auscult.store.ModelFile;
import io.auscult.ui.ImageFiles;
import io.auscult.ui.browser.BrowserView;
import io.auscult.ui.compare.CompareWindows;
import io.auscult.ui.compare.MethodGridViewModel;
import io.auscult.ui.compare.TestSetComparisonViewModel;
import io.auscult.ui.explain.ExplainLayers;
import io.auscult.ui.explain.ExplainPanel;
import io.auscult.ui.explain.ExplainViewModel;
import io.auscult.ui.explain.PerturbationPanel;
import io.auscult.ui.explain.PerturbationViewModel;
import io.auscult.ui.explain.PresentationViewModel;
import io.auscult.ui.model.TrainDialog;
import io.auscult.ui.project.ProjectFile;
import io.auscult.ui.proxy.ProxyLabView;
import io.auscult.ui.proxy.ProxyLabViewModel;
import io.auscult.ui.results.ResultsView;
import io.auscult.ui.spectrogram.SpectrogramView;
import javafx.animation.AnimationTimer;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The main window: menus, the recordings browser (left), the spectrogram over the results
 * (centre), the side panel (right) and the status bar with the cursor readout, the task
 * progress and its Cancel button. Accepts dropped folders, WAV/CSV files, models and projects.
 */
public final class WorkbenchView extends BorderPane {

    private final WorkbenchViewModel model;
    private final Stage stage;
    private final SpectrogramView spectrogramView;
    private final ResultsView resultsView;
    private final BrowserView browserView;
    private final Menu recentMenu = new Menu("Open recent");
    private final AnimationTimer playhead;
    private final TabPane sideTabs;
    private final TabPane bottomTabs;
    private final PresentationMode presentation;

    public WorkbenchView(WorkbenchViewModel model, Stage stage) {
        this.model = model;
        this.stage = stage;
        getStyleClass().add("workbench");
        spectrogramView = new SpectrogramView(model.spectrogram());
        spectrogramView.setId("spectrogram-view");
        resultsView = new ResultsView(model.results(), model::select, model.tasks()::say);
        browserView = new BrowserView(model.treeProperty(), model.filterProperty(), model.selectedProperty(),
                model::select);
        SidePanel detect = new SidePanel(model, this::train, this::showModelInfo);
        ExplainPanel explainPanel = new ExplainPanel(model.explain(),
                this::hearRepaired, this::chooseReportFolder);
        PerturbationPanel perturbPanel = new PerturbationPanel(
                model.perturbation(), model.painter(), clip -> {
                    model.playVersion(clip);
                    startPlayhead();
                }, model::stopPlayback);
        ExplainLayers.install(spectrogramView, model.explain(), model.perturbation(),
                model.painter());
        sideTabs = new TabPane(
                new Tab("Detect", scrolling(detect)),
                new Tab("Explain", scrolling(explainPanel)));
        sideTabs.setId("side-tabs");
        sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        sideTabs.setPrefWidth(310);
        sideTabs.setMinWidth(240);
        // Turning the overlay on (menu, presentation) brings its controls forward.
        model.explain().overlayOnProperty().addListener((o, a, on) -> {
            if (on) {
                sideTabs.getSelectionModel().select(1);
            }
        });
        Region side = sideTabs;

        bottomTabs = new TabPane(new Tab("Test-set results", resultsView),
                new Tab("Budget · listen · paint", perturbPanel));
        bottomTabs.setId("bottom-tabs");
        bottomTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        model.perturbation().activeProperty().addListener((o, a, on) -> {
            if (on) {
                bottomTabs.getSelectionModel().select(1);
            }
        });
        SplitPane centre = new SplitPane(spectrogramView, bottomTabs);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.6);
        SplitPane main = new SplitPane(browserView, centre, side);
        main.setDividerPositions(0.2, 0.82);
        SplitPane.setResizableWithParent(browserView, false);
        SplitPane.setResizableWithParent(side, false);
        setTop(menus());
        setCenter(main);
        setBottom(statusBar());

        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                e.getDragboard().getFiles().forEach(f -> open(f.toPath()));
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        playhead = new AnimationTimer() {
            @Override
            public void handle(long now) {
                model.updatePlayhead();
                if (!model.isPlaying()) {
                    stop();
                    model.spectrogram().playheadProperty().set(Double.NaN);
                }
            }
        };
        presentation = new PresentationMode(this, stage, spectrogramView, centre,
                new PresentationViewModel(model.explain(), model.perturbation(),
                        () -> model.selectedScoreProperty().get() + " — " + model.selectedDecisionProperty().get(),
                        v -> model.perturbation().listen(v, this::playVersion), this::hearRepaired));
        model.projectFileProperty().addListener((o, a, b) ->
                stage.setTitle("Auscult workbench" + (b == null ? "" : " — " + b.getFileName())));
    }

    private static ScrollPane scrolling(javafx.scene.Node content) {
        ScrollPane pane = new ScrollPane(content);
        pane.setFitToWidth(true);
        pane.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        pane.getStyleClass().add("side-scroll");
        return pane;
    }

    /** The bottom tabs: test-set results, and budget · listen · paint. */
    public TabPane bottomTabs() {
        return bottomTabs;
    }

    /** Presentation mode (View menu, F11). */
    public PresentationMode presentation() {
        return presentation;
    }

    WorkbenchViewModel model() {
        return model;
    }

    /** Turns the budget on at fraction {@code k} (scripted views, presentation). */
    public void showPerturbation(double k) {
        model.perturbation().kProperty().set(k);
        model.perturbation().activeProperty().set(true);
        sideTabs.getSelectionModel().select(1);
    }

    /** The right-hand tabs: Detect (model, score, threshold) and Explain (overlay, perturbation). */
    public TabPane sideTabs() {
        return sideTabs;
    }

    /** The stylesheet of the workbench (dark theme over Modena). */
    public static String stylesheet() {
        return Objects.requireNonNull(WorkbenchView.class.getResource("/ui/workbench.css"),
                "ui/workbench.css missing from the class path").toExternalForm();
    }

    public SpectrogramView spectrogramView() {
        return spectrogramView;
    }

    public ResultsView resultsView() {
        return resultsView;
    }

    public BrowserView browserView() {
        return browserView;
    }

    /** Opens whatever {@code p} is: a project, a model, or a dataset (folder, CSV list, WAV file). */
    public void open(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(ProjectFile.EXTENSION)) {
            model.openProject(p);
        } else if (name.endsWith(ModelFile.EXTENSION)) {
            model.loadModel(p);
        } else {
            model.openDataset(p);
        }
    }

    private MenuBar menus() {
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("Open dataset folder…", "Shortcut+O", this::chooseDataset),
                item("Open WAV files or CSV list…", "Shortcut+Shift+F", this::chooseFiles),
                item("Open project…", "Shortcut+Shift+O", this::chooseProject),
                recentMenu,
                new SeparatorMenuItem(),
                item("Save project", "Shortcut+S", this::saveProject),
                item("Save project as…", "Shortcut+Shift+S", this::saveProjectAs),
                new SeparatorMenuItem(),
                item("Export spectrogram view as PNG…", "Shortcut+Shift+E", this::exportSpectrogram),
                item("Export window as PNG (print resolution)…", null, this::exportWindowForPrint),
                item("Export clip report (HTML, CSV, JSON)…", "Shortcut+R", this::chooseReportFolder),
                new SeparatorMenuItem(),
                item("Quit", "Shortcut+Q", stage::close));
        file.setOnShowing(e -> refreshRecent());
        Menu modelMenu = new Menu("Model");
        modelMenu.getItems().addAll(
                item("Open model…", "Shortcut+M", this::chooseModel),
                item("Save model as…", "Shortcut+Shift+M", this::saveModel),
                item("Train…", "Shortcut+T", this::train),
                item("Score test set", "F5", model::evaluateActive),
                item("Model info…", "Shortcut+I", this::showModelInfo),
                new SeparatorMenuItem(),
                item("Cancel running task", "Shortcut+Period", model.tasks()::cancelCurrent));
        Menu view = new Menu("View");
        view.getItems().addAll(
                item("Zoom in (time)", "Shortcut+Equals", () -> model.spectrogram().zoomTime(1.5, 0.5)),
                item("Zoom out (time)", "Shortcut+Minus", () -> model.spectrogram().zoomTime(1 / 1.5, 0.5)),
                item("Zoom in (frequency)", "Shortcut+Shift+Equals", () -> model.spectrogram().zoomFrequency(1.5, 0.5)),
                item("Fit whole recording", "Shortcut+0", model.spectrogram()::fit),
                item("Focus filter", "Shortcut+F", () -> browserView.lookup("#browser-filter").requestFocus()),
                new SeparatorMenuItem(),
                item("Proxy lab…", "Shortcut+Shift+L", this::openProxyLab),
                item("Method grid…", "Shortcut+Shift+G", this::openMethodGrid),
                item("Compare methods on test set…", "Shortcut+Shift+C", this::openTestSetComparison),
                new SeparatorMenuItem(),
                item("Presentation mode", "F11", () -> presentation.start()));
        Menu explainMenu = new Menu("Explain");
        explainMenu.getItems().addAll(
                item("Show attribution overlay", "Shortcut+E",
                        () -> model.explain().overlayOnProperty().set(!model.explain().overlayOnProperty().get())),
                item("Compute map", "F6", model.explain()::compute),
                item("Hear the repaired version", "F8", this::hearRepaired),
                new SeparatorMenuItem(),
                item("Original", "Shortcut+1", () -> model.explain().pictureProperty()
                        .set(ExplainViewModel.Picture.ORIGINAL)),
                item("Reconstruction", "Shortcut+2", () -> model.explain().pictureProperty()
                        .set(ExplainViewModel.Picture.RECONSTRUCTION)),
                item("Difference", "Shortcut+3", () -> model.explain().pictureProperty()
                        .set(ExplainViewModel.Picture.DIFFERENCE)));
        Menu play = new Menu("Play");
        play.getItems().addAll(
                item("Play (selection or whole clip)", "Shortcut+P", () -> play(false)),
                item("Loop", "Shortcut+L", () -> play(true)),
                item("Stop", "Shortcut+Shift+P", model::stopPlayback));
        Menu help = new Menu("Help");
        help.getItems().add(item("Mouse and keys", "F1", this::showHelp));
        MenuBar bar = new MenuBar(file, modelMenu, view, explainMenu, play, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        i.setOnAction(e -> action.run());
        return i;
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        bar.textProperty().bind(model.tasks().messageProperty());
        bar.progressProperty().bind(javafx.beans.binding.Bindings.when(model.tasks().runningProperty())
                .then(model.tasks().fractionProperty()).otherwise(0.0));
        Label readout = new Label();
        readout.setId("cursor-readout");
        readout.textProperty().bind(model.spectrogram().readoutProperty());
        readout.setMinWidth(300);
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-task");
        cancel.disableProperty().bind(model.tasks().runningProperty().not());
        cancel.setOnAction(e -> model.tasks().cancelCurrent());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.NEVER);
        gap.setMinWidth(12);
        bar.getRightItems().addAll(readout, gap, cancel);
        return bar;
    }

    private void playVersion(io.auscult.audio.AudioClip clip) {
        model.playVersion(clip);
        startPlayhead();
    }

    /** Overlay, budget (as set, 10 % by default) and the repaired version played: one key (F8). */
    public void hearRepaired() {
        sideTabs.getSelectionModel().select(1);
        model.perturbation().hearRepaired(this::playVersion);
    }

    private void startPlayhead() {
        if (model.isPlaying()) {
            playhead.start();
        }
    }

    private void play(boolean loop) {
        model.play(loop);
        if (model.isPlaying()) {
            playhead.start();
        }
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        List<Path> recent = model.recent().list();
        for (Path p : recent) {
            MenuItem i = new MenuItem(p.toString());
            i.setOnAction(e -> open(p));
            recentMenu.getItems().add(i);
        }
        recentMenu.setDisable(recent.isEmpty());
    }

    private void chooseDataset() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Open a dataset folder (DCASE, MIMII or plain WAV files)");
        File f = c.showDialog(stage);
        if (f != null) {
            model.openDataset(f.toPath());
        }
    }

    private void chooseFiles() {
        FileChooser c = new FileChooser();
        c.setTitle("Open a WAV file or a CSV list of recordings");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("WAV or CSV", "*.wav", "*.WAV", "*.csv"));
        File f = c.showOpenDialog(stage);
        if (f != null) {
            model.openDataset(f.toPath());
        }
    }

    private void chooseProject() {
        FileChooser c = new FileChooser();
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Auscult project", "*" + ProjectFile.EXTENSION));
        File f = c.showOpenDialog(stage);
        if (f != null) {
            model.openProject(f.toPath());
        }
    }

    private void chooseModel() {
        FileChooser c = new FileChooser();
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Auscult model", "*" + ModelFile.EXTENSION));
        File f = c.showOpenDialog(stage);
        if (f != null) {
            model.loadModel(f.toPath());
        }
    }

    private void saveModel() {
        if (model.activeModelProperty().get() == null) {
            model.tasks().say("No model to save.");
            return;
        }
        FileChooser c = new FileChooser();
        c.setInitialFileName(model.activeModelProperty().get().machine() + "-"
                + model.activeModelProperty().get().kind().word() + ModelFile.EXTENSION);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Auscult model", "*" + ModelFile.EXTENSION));
        File f = c.showSaveDialog(stage);
        if (f != null) {
            model.saveActiveModel(f.toPath());
        }
    }

    private void saveProject() {
        Path p = model.projectFileProperty().get();
        if (p == null) {
            saveProjectAs();
        } else {
            model.saveProject(p);
        }
    }

    private void saveProjectAs() {
        FileChooser c = new FileChooser();
        c.setInitialFileName("workbench" + ProjectFile.EXTENSION);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Auscult project", "*" + ProjectFile.EXTENSION));
        File f = c.showSaveDialog(stage);
        if (f != null) {
            Path p = f.toPath();
            if (!p.getFileName().toString().endsWith(ProjectFile.EXTENSION)) {
                p = p.resolveSibling(p.getFileName() + ProjectFile.EXTENSION);
            }
            model.saveProject(p);
        }
    }

    private void exportSpectrogram() {
        FileChooser c = new FileChooser();
        c.setInitialFileName("spectrogram.png");
        File f = c.showSaveDialog(stage);
        if (f != null) {
            try {
                ImageFiles.writePng(spectrogramView.snapshot(null, null), f.toPath());
                model.tasks().say("Wrote " + f);
            } catch (IOException e) {
                model.tasks().say("Could not write " + f + ": " + e.getMessage());
            }
        }
    }

    private void exportWindowForPrint() {
        FileChooser c = new FileChooser();
        c.setInitialFileName("auscult-window.png");
        File f = c.showSaveDialog(stage);
        if (f != null) {
            exportPng(this, f.toPath(), PRINT_SCALE);
        }
    }

    /** 3 x the screen's pixels: a full-width figure at ~300 dpi on an A4 page. */
    public static final double PRINT_SCALE = ImageFiles.PRINT_SCALE;

    /** Writes {@code node} as PNG at {@code scale} x its on-screen size and says so in the status bar. */
    public boolean exportPng(javafx.scene.Node node, Path file, double scale) {
        try {
            ImageFiles.writePng(ImageFiles.snapshot(node, scale), file);
            model.tasks().say("Wrote " + file);
            return true;
        } catch (IOException | RuntimeException e) {
            model.tasks().say("Could not write " + file + ": " + e.getMessage());
            return false;
        }
    }

    private void chooseReportFolder() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Folder for the clip report (report.html, CSV and JSON files)");
        File f = c.showDialog(stage);
        if (f != null) {
            exportReport(f.toPath());
        }
    }

    /** Writes the report of the clip on screen into {@code dir} (in the background). */
    public void exportReport(Path dir) {
        model.explain().exportReport(dir, model.perturbation().unitsProperty().get()
                == PerturbationViewModel.Units.PATCHES, files -> { });
    }

    private void train() {
        if (model.scanProperty().get() == null) {
            model.tasks().say("Open a dataset before training (File > Open dataset folder).");
            return;
        }
        List<String> machines = model.scanProperty().get().recordings().stream()
                .map(r -> r.labels().machineType()).distinct().sorted().toList();
        Recording r = model.selectedProperty().get();
        new TrainDialog(machines, r == null ? null : r.labels().machineType()).showAndWait()
                .ifPresent(model::train);
    }

    private void showModelInfo() {
        TextArea text = new TextArea(model.modelInfo());
        text.setEditable(false);
        text.setPrefSize(640, 360);
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Model info");
        a.setHeaderText(model.activeModelProperty().get() == null ? "No model"
                : model.activeModelProperty().get().displayName());
        a.getDialogPane().setContent(text);
        a.initOwner(stage);
        a.show();
    }

    private void showHelp() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("Mouse and keys");
        a.setHeaderText("Auscult workbench");
        a.setContentText("""
                Spectrogram: wheel zooms time around the pointer, Ctrl+wheel zooms frequency,
                Shift+wheel scrolls, drag pans, Shift+drag selects a time range.
                Keys (click the spectrogram first): + / - zoom, arrows scroll, Ctrl+Up/Down zoom
                frequency, 0 fits. Ctrl+P plays the selection (or the clip), Ctrl+L loops,
                Ctrl+Shift+P stops.
                Results: click a row to show the recording; drag the white threshold line in the
                histogram (or type a threshold in the side panel) to re-decide every file.
                Drop folders, WAV/CSV files, .auscult models or projects on the window to open them.""");
        a.show();
    }

    private Stage proxyLab;

    /** Opens (or brings forward) the proxy lab window, its data folder defaulting to the open dataset. */
    public ProxyLabViewModel openProxyLab() {
        if (proxyLab == null) {
            ProxyLabViewModel vm = new ProxyLabViewModel(model.tasks(),
                    ProxyLabViewModel.Lab.REAL);
            if (model.scanProperty().get() != null) {
                vm.dataProperty().set(model.scanProperty().get().root());
            }
            // A reconstruction model opens here, in the detection and explanation views; the
            // workbench comes forward so the user sees it arrive.
            vm.setOpener((title, data, detector) -> {
                model.openDetector(title, data, detector);
                stage.toFront();
            });
            proxyLab = ProxyLabView.show(stage, vm, stylesheet());
            proxyLab.getProperties().put("model", vm);
        }
        proxyLab.show();
        proxyLab.toFront();
        return (ProxyLabViewModel) proxyLab.getProperties().get("model");
    }

    /** Opens the method grid (detectors x methods) for the recording on screen and starts it. */
    public MethodGridViewModel openMethodGrid() {
        return CompareWindows.openGrid(stage, model, stylesheet(), java.util.List.of());
    }

    /** Opens the test-set comparison of the machine on screen (it waits for Run). */
    public TestSetComparisonViewModel openTestSetComparison() {
        return CompareWindows.openComparison(stage, model, stylesheet());
    }
}
