package io.auscult.detect.nn;

import io.auscult.detect.nn.DenseFixtures.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DenseWindowsTest {

    private static final Map<String, Tensor> FIXTURE = DenseFixtures.read("tiny_dense_ae.json");

    @Test
    void stackingSlicesTheTimeMajorGridInTheFixturesFrameMajorOrder() {
        double[] x = DenseFixtures.timeMajor(FIXTURE.get("x"));
        assertThat(DenseWindows.stack(x, 8, 5)).containsExactly(FIXTURE.get("windows").data());
    }

    @Test
    void coverageCountsTheWindowsContainingEachFrame() {
        Tensor counts = FIXTURE.get("window_count");
        for (int m = 0; m < 8; m++) {
            for (int f = 0; f < 12; f++) {
                assertThat(DenseWindows.coverage(f, 12, 5)).as("frame %d", f)
                        .isEqualTo((int) counts.data()[m * 12 + f]);
            }
        }
        assertThat(DenseWindows.count(12, 5)).isEqualTo(8);
        assertThat(DenseWindows.coverage(0, 5, 5)).isEqualTo(1);
        assertThat(DenseWindows.coverage(4, 5, 5)).isEqualTo(1);
    }

    @Test
    void oneFrameTooFewIsRefusedWithTheReason() {
        assertThatThrownBy(() -> DenseWindows.requireOneWindow("clip.wav", 4, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clip.wav has 4 frames, too short for the dense autoencoder: it needs at least 5 frames "
                        + "(one window of 5 consecutive frames)");
    }
}
