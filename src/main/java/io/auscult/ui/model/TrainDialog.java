package io.auscult.ui.model;

import io.auscult.detect.DetectorKind;
import io.auscult.ui.workbench.WorkbenchViewModel.TrainingChoice;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

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
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Machine type"), machine);
        grid.addRow(1, new Label("Detector"), kind);
        grid.addRow(2, new Label("Epochs (0 = default)"), epochs);
        grid.addRow(3, new Label("Seed"), seed);
        grid.add(new Label("AE: convolutional autoencoder · MAE: masked (inpainting) autoencoder, more\n"
                + "precise explanations · dense: the DCASE 2020 baseline. Training runs in the\n"
                + "background; cancel it from the status bar."), 0, 4, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(machine.valueProperty().isNull());
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
            return new TrainingChoice(machine.getValue(), kind.getValue(), epochs.getValue(), s);
        });
    }
}
