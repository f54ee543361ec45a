package io.auscult.ui.workbench;

import io.auscult.ui.explain.FaithfulnessChart;
import io.auscult.ui.explain.PresentationViewModel;
import io.auscult.ui.spectrogram.SpectrogramView;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * Presentation mode of the main window: full screen, large type, no menus, browser, side panel
 * or editing controls; the spectrogram fills the screen under a caption that says what the
 * audience sees, with the faithfulness curve beside the numbers. Right arrow, Space or Page
 * Down steps forward, Left or Page Up back, Escape leaves (and puts everything back).
 */
public final class PresentationMode {

    private final WorkbenchView window;
    private final Stage stage;
    private final SpectrogramView spectrogram;
    private final PresentationViewModel model;
    private final EventHandler<KeyEvent> keys = this::onKey;
    private Node savedTop;
    private Node savedCenter;
    private Node savedBottom;
    private final SplitPane centre;
    private int spectrogramIndex;
    private boolean wasFullScreen;

    /**
     * @param centre the split pane that holds the spectrogram (a split pane's item has the
     *               pane's skin as its parent, so it must be told, not found)
     */
    PresentationMode(WorkbenchView window, Stage stage, SpectrogramView spectrogram,
                     SplitPane centre, PresentationViewModel model) {
        this.window = window;
        this.centre = centre;
        this.stage = stage;
        this.spectrogram = spectrogram;
        this.model = model;
    }

    /** Enters presentation mode at the first step. */
    public void start() {
        if (model.showingProperty().get()) {
            return;
        }
        savedTop = window.getTop();
        savedCenter = window.getCenter();
        savedBottom = window.getBottom();
        spectrogramIndex = Math.max(0, centre.getItems().indexOf(spectrogram));
        centre.getItems().remove(spectrogram);
        Label title = new Label();
        title.getStyleClass().add("presentation-title");
        title.textProperty().bind(model.titleProperty());
        Label caption = new Label();
        caption.setId("presentation-caption");
        caption.getStyleClass().add("presentation-caption");
        caption.setWrapText(true);
        caption.textProperty().bind(model.captionProperty());
        Label keysHint = new Label("→ next   ← back   Esc leave");
        keysHint.getStyleClass().add("presentation-hint");
        FaithfulnessChart chart = new FaithfulnessChart();
        chart.follow(window.model().perturbation());
        chart.setPrefSize(420, 230);
        chart.visibleProperty().bind(model.indexProperty().greaterThanOrEqualTo(
                PresentationViewModel.Step.PERTURB.ordinal()));
        chart.managedProperty().bind(chart.visibleProperty());
        VBox words = new VBox(8, title, caption, keysHint);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox banner = new HBox(24, words, chart);
        banner.setPadding(new Insets(16, 24, 12, 24));
        banner.getStyleClass().add("presentation-banner");
        BorderPane stageArea = new BorderPane(spectrogram);
        stageArea.setTop(banner);
        window.setTop(null);
        window.setBottom(null);
        window.setCenter(stageArea);
        window.getStyleClass().add("presentation");
        wasFullScreen = stage.isFullScreen();
        stage.setFullScreenExitHint("");
        stage.setFullScreen(true);
        window.getScene().addEventFilter(KeyEvent.KEY_PRESSED, keys);
        model.start();
    }

    /** Leaves presentation mode and restores the window. */
    public void stop() {
        if (!model.showingProperty().get()) {
            return;
        }
        model.stop();
        window.getScene().removeEventFilter(KeyEvent.KEY_PRESSED, keys);
        window.getStyleClass().remove("presentation");
        window.setCenter(savedCenter);
        window.setTop(savedTop);
        window.setBottom(savedBottom);
        ((BorderPane) spectrogram.getParent()).setCenter(null);
        centre.getItems().add(spectrogramIndex, spectrogram);
        centre.setDividerPositions(0.6);
        stage.setFullScreen(wasFullScreen);
    }

    public PresentationViewModel model() {
        return model;
    }

    private void onKey(KeyEvent e) {
        switch (e.getCode()) {
            case RIGHT, SPACE, PAGE_DOWN, ENTER -> model.next();
            case LEFT, PAGE_UP, BACK_SPACE -> model.previous();
            case ESCAPE -> stop();
            default -> {
                return;
            }
        }
        e.consume();
    }
}
