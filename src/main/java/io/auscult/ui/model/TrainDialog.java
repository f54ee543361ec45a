package io.auscult.ui.model;

import io.auscult.detect.DetectorKind;
import io.auscult.detect.ScoreKind;
import io.auscult.detect.nn.MaeMaskKind;
import io.auscult.ui.workbench.WorkbenchViewModel.TrainingChoice;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

import java.util.List;

/**
 * The training dialog: machine type, detector (AE, MAE, dense) and the main options with the
 * defaults the command line uses (epochs 0 = the detector's own default, seed 42).
 */
public final class TrainDialog extends Dialog<TrainingChoice> {

    public TrainDialog(List<String> machines, String preferredMachine) {
        setTitle("Train a detector");
        setHeaderText("Learn what normal sounds like from the normal training clips of one machine type.");
        ComboBox<String> machine = new ComboBox<>();
        machine.setId("train-machine");
        machine.getItems().setAll(machines);
        machine.setValue(machines.contains(preferredMachine) ? preferredMachine
                : machines.isEmpty() ? null : machines.get(0));
        ComboBox<DetectorKind> kind = new ComboBox<>();
        kind.setId("train-kind");
        kind.getItems().setAll(java.util.Arrays.stream(DetectorKind.values()).filter(DetectorKind::trainable).toList());
        kind.setValue(DetectorKind.AE);
        Spinner<Integer> epochs = new Spinner<>(0, 1000, 0);
        epochs.setId("train-epochs");
        epochs.setEditable(true);
        TextField seed = new TextField("42");
        seed.setId("train-seed");
        TextField widths = new TextField();
        widths.setId("train-widths");
        widths.setPromptText("32,64,128 (the reference)");
        widths.setTooltip(new Tooltip("Encoder channel widths, input side first. Two more levels with a narrow last\n"
                + "one (32,64,128,256,16) stop the conv AE from copying its input and give both conv\n"
                + "models more context: the best detectors on our benchmark. Conv AE and MAE only."));
        ComboBox<MaeMaskKind> mask = new ComboBox<>();
        mask.setId("train-mask");
        mask.getItems().setAll(MaeMaskKind.values());
        mask.setValue(MaeMaskKind.PATCHES);
        mask.setConverter(new StringConverter<>() {
            @Override
            public String toString(MaeMaskKind k) {
                return k == null ? "" : switch (k) {
                    case PATCHES -> "patches 16 x 8 (reference)";
                    case TIME_STRIPES -> "time stripes, 8 frames";
                    case FREQUENCY_STRIPES -> "frequency stripes, 16 mels";
                };
            }

            @Override
            public MaeMaskKind fromString(String text) {
                return MaeMaskKind.parse(text);
            }
        });
        ComboBox<ScoreKind> score = new ComboBox<>();
        score.setId("train-score");
        score.getItems().setAll(ScoreKind.values());
        score.setValue(ScoreKind.MSE);
        score.setConverter(new StringConverter<>() {
            @Override
            public String toString(ScoreKind k) {
                return k == null ? "" : switch (k) {
                    case MSE -> "mean squared error (reference)";
                    case BAND -> "worst mel band";
                };
            }

            @Override
            public ScoreKind fromString(String text) {
                return ScoreKind.parse(text);
            }
        });
        score.setTooltip(new Tooltip("Worst mel band: each band's error standardised over the normal training clips,\n"
                + "the largest decides. Finds faults that live in a few bands (a whine). Conv AE and MAE only."));
        widths.disableProperty().bind(kind.valueProperty().isEqualTo(DetectorKind.DENSE));
        score.disableProperty().bind(kind.valueProperty().isEqualTo(DetectorKind.DENSE));
        mask.disableProperty().bind(kind.valueProperty().isNotEqualTo(DetectorKind.MAE));
        Label widthsProblem = new Label();
        widthsProblem.setId("train-widths-problem");
        widthsProblem.setStyle("-fx-text-fill: #c62828;");
        widthsProblem.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> widthsProblem(widths.getText()), widths.textProperty()));
        widthsProblem.managedProperty().bind(widthsProblem.textProperty().isNotEmpty());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Machine type"), machine);
        grid.addRow(1, new Label("Detector"), kind);
        grid.addRow(2, new Label("Epochs (0 = default)"), epochs);
        grid.addRow(3, new Label("Seed"), seed);
        grid.addRow(4, new Label("Encoder widths"), widths);
        grid.add(widthsProblem, 1, 5);
        grid.addRow(6, new Label("MAE mask"), mask);
        grid.addRow(7, new Label("Score"), score);
        grid.add(new Label("AE: convolutional autoencoder · MAE: masked (inpainting) autoencoder, more\n"
                + "precise explanations · dense: the DCASE 2020 baseline. Training runs in the\n"
                + "background; cancel it from the status bar."), 0, 8, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(machine.valueProperty().isNull()
                .or(widthsProblem.textProperty().isNotEmpty().and(widths.disableProperty().not())));
        setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            long s;
            try {
                s = Long.parseLong(seed.getText().trim());
            } catch (NumberFormatException e) {
                s = 42;
            }
            DetectorKind k = kind.getValue();
            return new TrainingChoice(machine.getValue(), k, epochs.getValue(), s,
                    k == DetectorKind.DENSE ? List.of() : parseWidths(widths.getText()),
                    k == DetectorKind.MAE ? mask.getValue() : MaeMaskKind.PATCHES,
                    k == DetectorKind.DENSE ? ScoreKind.MSE : score.getValue());
        });
    }

    /** The widths typed, e.g. "32, 64, 8"; empty for the reference. */
    static List<Integer> parseWidths(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(t.split("[,\\s]+")).map(Integer::parseInt).toList();
    }

    /** Why the typed widths cannot be used, or "" when they can (1 to 6 positive integers, as the trainer takes). */
    static String widthsProblem(String text) {
        List<Integer> w;
        try {
            w = parseWidths(text);
        } catch (NumberFormatException e) {
            return "Widths are whole numbers separated by commas, e.g. 32,64,8.";
        }
        if (w.size() > 6) {
            return "At most 6 widths: 64-frame crops halve at each level.";
        }
        if (w.stream().anyMatch(x -> x < 1 || x > 1024)) {
            return "Each width must be between 1 and 1024.";
        }
        return "";
    }
}
