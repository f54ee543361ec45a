package io.auscult.ui.model;

import io.auscult.detect.DetectorKind;
import io.auscult.detect.ScoreKind;
import io.auscult.detect.nn.MaeMaskKind;
import io.auscult.ui.workbench.WorkbenchViewModel.TrainingChoice;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training dialog offers widths and the band score to the conv models and the mask shape to the
 * MAE only, and returns them.
 */
class TrainDialogGuiTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMaeChoiceCarriesItsWidthsAndMaskAndTheDenseChoiceNeither() throws Exception {
        TrainDialog dialog = onFx(() -> new TrainDialog(List.of("fan", "valve"), "valve"));
        Node pane = dialog.getDialogPane();
        ComboBox<DetectorKind> kind = (ComboBox<DetectorKind>) pane.lookup("#train-kind");
        TextField widths = (TextField) pane.lookup("#train-widths");
        ComboBox<MaeMaskKind> mask = (ComboBox<MaeMaskKind>) pane.lookup("#train-mask");
        ComboBox<ScoreKind> score = (ComboBox<ScoreKind>) pane.lookup("#train-score");
        Label problem = (Label) pane.lookup("#train-widths-problem");
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);

        onFx(() -> {
            kind.setValue(DetectorKind.AE);
            return null;
        });
        assertThat(widths.isDisabled()).isFalse();
        assertThat(mask.isDisabled()).as("the AE hides nothing").isTrue();

        onFx(() -> {
            widths.setText("32,64,x");
            return null;
        });
        assertThat(problem.getText()).contains("whole numbers");
        assertThat(ok.isDisabled()).isTrue();

        onFx(() -> {
            kind.setValue(DetectorKind.MAE);
            widths.setText("32, 64, 8");
            mask.setValue(MaeMaskKind.TIME_STRIPES);
            return null;
        });
        assertThat(problem.getText()).isEmpty();
        assertThat(ok.isDisabled()).isFalse();
        assertThat(mask.isDisabled()).isFalse();
        TrainingChoice mae = onFx(() -> dialog.getResultConverter().call(ButtonType.OK));
        assertThat(mae).isEqualTo(new TrainingChoice("valve", DetectorKind.MAE, 0, 42, List.of(32, 64, 8),
                MaeMaskKind.TIME_STRIPES));
        onFx(() -> {
            score.setValue(ScoreKind.BAND);
            return null;
        });
        assertThat(score.isDisabled()).isFalse();
        assertThat(onFx(() -> dialog.getResultConverter().call(ButtonType.OK))).isEqualTo(new TrainingChoice("valve",
                DetectorKind.MAE, 0, 42, List.of(32, 64, 8), MaeMaskKind.TIME_STRIPES, ScoreKind.BAND));

        onFx(() -> {
            kind.setValue(DetectorKind.DENSE);
            return null;
        });
        assertThat(widths.isDisabled()).isTrue();
        assertThat(score.isDisabled()).as("the dense AE keeps the DCASE score").isTrue();
        assertThat(ok.isDisabled()).as("widths typed for another detector do not block the dense AE").isFalse();
        TrainingChoice dense = onFx(() -> dialog.getResultConverter().call(ButtonType.OK));
        assertThat(dense).isEqualTo(new TrainingChoice("valve", DetectorKind.DENSE, 0, 42));
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }
}
