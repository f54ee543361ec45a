package io.auscult.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HannWindowTest {

    @Test
    void periodicHannMatchesScipyWithin1e6Relative() {
        double[] expected = FrontendFixtures.column("window_hann_1024.csv", 0);
        double[] w = HannWindow.periodic(1024);
        assertThat(w).hasSize(1024);
        assertThat(w[0]).isEqualTo(0.0);
        for (int i = 0; i < w.length; i++) {
            assertThat(Math.abs(w[i] - expected[i])).as("w[%d]", i)
                    .isLessThanOrEqualTo(1e-6 * Math.abs(expected[i]) + 1e-15);
        }
    }

    @Test
    void periodicWindowPeaksAtHalfLengthNotAtTheSymmetricCentre() {
        double[] w = HannWindow.periodic(8);
        assertThat(w[4]).isEqualTo(1.0);
        assertThat(w[3]).isCloseTo(w[5], within(1e-15));
        assertThat(w[1]).isCloseTo(w[7], within(1e-15));
        assertThat(w[0]).isEqualTo(0.0);
    }

    @Test
    void callersGetTheirOwnCopy() {
        double[] a = HannWindow.periodic(16);
        a[3] = 42;
        assertThat(HannWindow.periodic(16)[3]).isNotEqualTo(42);
    }

    @Test
    void nonPositiveLengthIsRefused() {
        assertThatThrownBy(() -> HannWindow.periodic(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
