package io.auscult.ui.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainDialogWidthsTest {

    @Test
    void typedWidthsAreReadWithCommasOrSpacesAndEmptyMeansTheReference() {
        assertThat(TrainDialog.parseWidths("32,64,8")).containsExactly(32, 64, 8);
        assertThat(TrainDialog.parseWidths(" 16, 32  4 ")).containsExactly(16, 32, 4);
        assertThat(TrainDialog.parseWidths("  ")).isEmpty();
        assertThat(TrainDialog.parseWidths(null)).isEmpty();
        assertThatThrownBy(() -> TrainDialog.parseWidths("32,x")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void theDialogSaysWhatIsWrongWithWidthsTheTrainerWouldRefuse() {
        assertThat(TrainDialog.widthsProblem("32,64,8")).isEmpty();
        assertThat(TrainDialog.widthsProblem("")).isEmpty();
        assertThat(TrainDialog.widthsProblem("32;64")).contains("whole numbers");
        assertThat(TrainDialog.widthsProblem("8,8,8,8,8,8,8")).contains("At most 6");
        assertThat(TrainDialog.widthsProblem("32,0")).contains("between 1 and 1024");
    }
}
