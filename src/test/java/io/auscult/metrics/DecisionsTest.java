package io.auscult.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecisionsTest {

    @Test
    void nanScoreOrThresholdIsRefused() {
        assertThatThrownBy(() -> ThresholdDecision.decide(new double[] {0.1, Double.NaN}, 0.5))
                .hasMessage("score at index 1 is NaN; cannot decide");
        assertThatThrownBy(() -> ThresholdDecision.decide(new double[] {0.1}, Double.NaN))
                .hasMessage("cannot decide with a NaN threshold");
    }

    @Test
    void mismatchedLengthsAreRefused() {
        assertThatThrownBy(() -> ConfusionCounts.atThreshold(new double[] {0.1, 0.2}, new boolean[] {true}, 0.5))
                .hasMessageContaining("2 scores and 1 labels");
        assertThatThrownBy(() -> ConfusionCounts.of(new boolean[] {true}, new boolean[0]))
                .hasMessageContaining("1 labels and 0 decisions");
    }

    @Test
    void emptyInputGivesZeroCountsAndZeroRatios() {
        ConfusionCounts none = ConfusionCounts.atThreshold(new double[0], new boolean[0], 0.5);
        assertThat(none.total()).isZero();
        assertThat(none.precision()).isZero();
        assertThat(none.recall()).isZero();
        assertThat(none.f1()).isZero();
    }
}
