package io.auscult.ui.workbench;

import io.auscult.store.ColorMap;
import io.auscult.ui.model.LoadedModel;
import io.auscult.ui.spectrogram.SpectrogramViewModel;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import static io.auscult.ui.Labels.caption;
import static io.auscult.ui.Labels.hint;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The side panel: the active model, the score and decision of the recording on screen, the
 * threshold (typed or dragged in the histogram), and the view settings (colour map, dB range).
 */
final class SidePanel extends VBox {

    SidePanel(WorkbenchViewModel model, Runnable train, Runnable info) {
        getStyleClass().add("side-panel");
        setPadding(new Insets(8));
        setSpacing(6);
        setPrefWidth(300);
        setMinWidth(230);

        ComboBox<LoadedModel> models = new ComboBox<>(model.models());
        models.setId("model-choice");
        models.setMaxWidth(Double.MAX_VALUE);
        models.setPromptText("no model open");
        models.valueProperty().bindBidirectional(model.activeModelProperty());
        Label summary = new Label();
        summary.setWrapText(true);
        summary.textProperty().bind(model.modelSummaryProperty());
        Button trainButton = new Button("Train…");
        trainButton.setOnAction(e -> train.run());
        Button infoButton = new Button("Info…");
        infoButton.setOnAction(e -> info.run());
        Button evaluate = new Button("Score test set");
        evaluate.setOnAction(e -> model.evaluateActive());

        Label score = new Label();
        score.setId("selected-score");
        score.getStyleClass().add("big-figure");
        score.textProperty().bind(model.selectedScoreProperty());
        Label decision = new Label();
        decision.setId("selected-decision");
        decision.setWrapText(true);
        decision.textProperty().bind(model.selectedDecisionProperty());
        decision.textProperty().addListener((o, a, b) -> {
            decision.getStyleClass().remove("anomalous");
            if (b != null && b.startsWith("ANOMALOUS")) {
                decision.getStyleClass().add("anomalous");
            }
        });

        TextField threshold = new TextField();
        threshold.setId("threshold-field");
        threshold.setPrefColumnCount(9);
        model.results().thresholdProperty().addListener((o, a, b) ->
                threshold.setText(Double.isFinite(b.doubleValue()) ? String.format(Locale.ROOT, "%.5g", b.doubleValue()) : ""));
        threshold.setOnAction(e -> {
            try {
                model.results().thresholdProperty().set(Double.parseDouble(threshold.getText().trim()));
            } catch (NumberFormatException ex) {
                model.tasks().say("Threshold: not a number: " + threshold.getText());
            }
        });
        Button fitted = new Button("Fitted");
        fitted.setOnAction(e -> model.results().thresholdProperty().set(model.results().fittedThresholdProperty().get()));

        SpectrogramViewModel s = model.spectrogram();
        ComboBox<String> colours = new ComboBox<>();
        colours.setId("colour-map");
        colours.getItems().setAll(ColorMap.NAMES);
        colours.valueProperty().bindBidirectional(s.colorMapProperty());
        ComboBox<SpectrogramViewModel.Scale> scale = new ComboBox<>();
        scale.setId("frequency-scale");
        scale.getItems().setAll(SpectrogramViewModel.Scale.values());
        scale.valueProperty().bindBidirectional(s.scaleProperty());
        Slider ceiling = new Slider(-60, 60, 0);
        ceiling.valueProperty().bindBidirectional(s.ceilingDbProperty());
        Slider range = new Slider(20, 140, SpectrogramViewModel.DEFAULT_RANGE_DB);
        range.valueProperty().addListener((o, a, b) -> s.floorDbProperty().set(s.ceilingDbProperty().get() - b.doubleValue()));
        s.ceilingDbProperty().addListener((o, a, b) -> s.floorDbProperty().set(b.doubleValue() - range.getValue()));
        Label rangeText = new Label();
        rangeText.textProperty().bind(javafx.beans.binding.Bindings.format(Locale.ROOT, "%.0f … %.0f dB",
                s.floorDbProperty(), s.ceilingDbProperty()));

        getChildren().addAll(caption("Model"), models, summary, buttons(trainButton, evaluate, infoButton),
                new Separator(), caption("Selected recording"), new Label("anomaly score"), score, decision,
                new Separator(), caption("Threshold"), new HBox(6, threshold, fitted),
                hint("or drag the white line in the score histogram"),
                new Separator(), caption("Spectrogram"), new Label("frequency scale"), scale,
                new Label("colour map"), colours,
                new Label("top of scale (dB)"), ceiling, new Label("dynamic range (dB)"), range, rangeText,
                hint("Wheel: zoom time · Ctrl+wheel: zoom frequency · drag: pan · Shift+drag: select · "
                        + "0: fit · Ctrl+P: play · Ctrl+L: loop"));
    }

    /** A row of buttons that wraps instead of truncating their labels in a narrow panel. */
    private static javafx.scene.layout.FlowPane buttons(Button... buttons) {
        javafx.scene.layout.FlowPane row = new javafx.scene.layout.FlowPane(6, 6, buttons);
        for (Button b : buttons) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        return row;
    }


}
