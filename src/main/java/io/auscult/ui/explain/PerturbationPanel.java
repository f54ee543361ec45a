package io.auscult.ui.explain;

import io.auscult.audio.AudioClip;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import static io.auscult.ui.Labels.caption;
import static io.auscult.ui.Labels.hint;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The budget controls: apply the budget, k as a slider and a field, units, the readout (score,
 * d(k), gain), the faithfulness chart, listening to the three versions with an A/B switch, and
 * the painted region (paint, replace, clear, save as annotation).
 */
public final class PerturbationPanel extends HBox {

    private final PerturbationViewModel model;
    private final FaithfulnessChart chart = new FaithfulnessChart();

    /**
     * @param play    plays a version (the workbench's player; keeps the position when switching)
     * @param stop    stops playback
     * @param painter the hand-painted region (its controls act on it)
     */
    public PerturbationPanel(PerturbationViewModel model, RegionPainter painter, Consumer<AudioClip> play,
                             Runnable stop) {
        this.model = model;
        getStyleClass().add("side-panel");
        setId("perturbation-panel");
        setPadding(new Insets(8));
        setSpacing(16);

        CheckBox active = new CheckBox("Replace the top k by the reconstruction");
        active.setId("perturb-on");
        active.selectedProperty().bindBidirectional(model.activeProperty());
        Slider k = new Slider(0, 1, model.kProperty().get());
        k.setId("budget-slider");
        k.setBlockIncrement(0.01);
        k.setMajorTickUnit(0.25);
        k.setShowTickMarks(true);
        k.valueProperty().bindBidirectional(model.kProperty());
        k.disableProperty().bind(model.activeProperty().not());
        TextField field = new TextField(percent(model.kProperty().get()));
        field.setId("budget-field");
        field.setPrefColumnCount(5);
        field.setOnAction(e -> {
            try {
                double v = Double.parseDouble(field.getText().replace("%", "").trim()) / 100;
                if (!(v >= 0 && v <= 1)) {
                    throw new NumberFormatException();
                }
                model.kProperty().set(v);
            } catch (NumberFormatException ex) {
                model.kProperty().set(model.kProperty().get());
                field.setText(percent(model.kProperty().get()));
            }
        });
        model.kProperty().addListener((o, a, b) -> field.setText(percent(b.doubleValue())));
        HBox.setHgrow(k, Priority.ALWAYS);
        HBox kRow = new HBox(6, k, field, new Label("%"));
        ComboBox<PerturbationViewModel.Units> units = new ComboBox<>();
        units.setId("budget-units");
        units.getItems().setAll(PerturbationViewModel.Units.values());
        units.valueProperty().bindBidirectional(model.unitsProperty());
        Label readout = new Label();
        readout.setId("perturb-readout");
        readout.setWrapText(true);
        readout.setMinHeight(Control.USE_PREF_SIZE);
        readout.textProperty().bind(model.readoutProperty());
        chart.follow(model);

        Button original = new Button("▶ Original");
        original.setId("listen-original");
        original.setOnAction(e -> model.listen(PerturbationViewModel.Version.ORIGINAL, play));
        Button reconstruction = new Button("▶ Reconstruction");
        reconstruction.setId("listen-reconstruction");
        reconstruction.setOnAction(e -> model.listen(PerturbationViewModel.Version.RECONSTRUCTION, play));
        Button repaired = new Button("▶ Repaired");
        repaired.setId("listen-repaired");
        repaired.setOnAction(e -> model.listen(PerturbationViewModel.Version.REPAIRED, play));
        ToggleButton ab = new ToggleButton("A/B");
        ab.setId("listen-ab");
        ab.setTooltip(new javafx.scene.control.Tooltip("Switch between the original (A) and the repaired "
                + "version (B) at the same position while playing"));
        ab.setOnAction(e -> model.listen(ab.isSelected() ? PerturbationViewModel.Version.REPAIRED
                : PerturbationViewModel.Version.ORIGINAL, play));
        Button stopButton = new Button("■");
        stopButton.setOnAction(e -> stop.run());
        for (Button b : new Button[] {original, reconstruction, repaired, stopButton}) {
            b.setMinWidth(Control.USE_PREF_SIZE);
        }

        ToggleButton paint = new ToggleButton("Paint region");
        paint.setId("paint-region");
        paint.setTooltip(new javafx.scene.control.Tooltip("Drag rectangles on the spectrogram to mark a region"));
        paint.selectedProperty().bindBidirectional(painter.paintingProperty());
        Button replace = new Button("Replace painted");
        replace.setId("replace-painted");
        replace.setOnAction(e -> {
            if (painter.isEmpty()) {
                model.tasks().say("Paint a region first (Paint region, then drag on the spectrogram).");
            } else {
                model.replaceRegion(painter.regionProperty().get());
            }
        });
        Button clear = new Button("Clear");
        clear.setOnAction(e -> painter.clear());
        Button save = new Button("Save as annotation");
        save.setId("save-annotation");
        save.setOnAction(e -> painter.saveAsAnnotation());

        VBox budget = new VBox(6, caption("Budget k: the map's top units replaced"), active, kRow,
                new HBox(6, new Label("units"), units), readout);
        budget.setPrefWidth(330);
        budget.setMinWidth(300);
        VBox curve = new VBox(4, caption("Faithfulness curve d(k) of this clip"), chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        HBox.setHgrow(curve, Priority.ALWAYS);
        VBox listen = new VBox(6, caption("Listen"), new FlowPane(4, 4, original, reconstruction, repaired, ab, stopButton),
                hint("Repaired = the input with the top k replaced, rendered with the original phase. "
                        + "A/B switches at the same position while playing."),
                caption("Your own hypothesis"), new FlowPane(4, 4, paint, replace, clear, save),
                hint("Paint rectangles on the spectrogram, replace them by the reconstruction and see whether "
                        + "the score falls. A saved annotation is the clip's ground truth for localisation."));
        listen.setPrefWidth(300);
        listen.setMinWidth(260);
        getChildren().addAll(budget, curve, listen);
    }

    private static String percent(double k) {
        return String.format(Locale.ROOT, "%.1f", k * 100);
    }


}
