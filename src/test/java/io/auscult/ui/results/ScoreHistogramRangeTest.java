package io.auscult.ui.results;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The histogram's axis: all scores when they are compact, the decision region when a long tail would squeeze it. */
class ScoreHistogramRangeTest {

    @Test
    void compactScoresAreAllShownWithFivePercentPadding() {
        // MSE-like: normals 0.2-0.4, threshold 0.38, anomalies up to 0.7 (inside 0.4 + 2 * 0.2 = 0.8).
        double[] r = ScoreHistogramView.range(new double[] {0.2, 0.3, 0.4, 0.5, 0.7}, new double[] {0.2, 0.3, 0.4},
                0.38);
        assertThat(r[2]).as("no overflow").isZero();
        assertThat(r[0]).isCloseTo(0.2 - 0.025, within(1e-12));
        assertThat(r[1]).isCloseTo(0.7 + 0.025, within(1e-12));
    }

    @Test
    void aLongTailOfAnomaliesIsCutAtThreeTimesTheNormalSpan() {
        // Band-score-like: normals -4..5, threshold 3.1, anomalies up to 95.
        double[] scores = {-4, -1, 0, 2, 5, 6, 30, 95};
        double[] r = ScoreHistogramView.range(scores, new double[] {-4, -1, 0, 2, 5}, 3.1);
        assertThat(r[2]).as("overflow").isEqualTo(1);
        // core 5, lowest -4: cap 5 + 2 * 9 = 23; padding 5 % of 27 below only.
        assertThat(r[1]).isEqualTo(23);
        assertThat(r[0]).isCloseTo(-4 - 0.05 * 27, within(1e-12));
    }

    @Test
    void aShortTailIsNotCut() {
        // The demo's valve: cap 0.2601 + 2 * 0.0067 = 0.2735, two anomalies just above it.
        double[] r = ScoreHistogramView.range(new double[] {0.2534, 0.2550, 0.2601, 0.2741, 0.2750},
                new double[] {0.2534, 0.2550, 0.2601}, 0.2550);
        assertThat(r[2]).isZero();
        assertThat(r[1]).isGreaterThan(0.2750);
    }

    @Test
    void aThresholdAboveEveryNormalScoreWidensTheCore() {
        double[] r = ScoreHistogramView.range(new double[] {1, 2, 3, 80}, new double[] {1, 2}, 10);
        // core 10 (the threshold), lowest 1: cap 10 + 18 = 28, and 80 - 1 > 2 * (28 - 1).
        assertThat(r[2]).isEqualTo(1);
        assertThat(r[1]).isEqualTo(28);
    }
}
