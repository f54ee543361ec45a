package io.auscult.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RocEdgeCaseTest {

    private static final boolean[] LABELS = {false, false, false, false, true, true, true};
    private static final double[] SEPARATED = {0.1, 0.2, 0.25, 0.3, 0.7, 0.8, 0.95};

    @Test
    void perfectSeparationGivesAucOneAndPaucOne() {
        assertThat(Auc.of(SEPARATED, LABELS)).isEqualTo(1.0);
        assertThat(PartialAuc.of(SEPARATED, LABELS)).isEqualTo(1.0);
    }

    @Test
    void reversedLabelsGiveAucZeroAndTheMcClishFloorNineNineteenths() {
        boolean[] reversed = new boolean[LABELS.length];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = !LABELS[i];
        }
        assertThat(Auc.of(SEPARATED, reversed)).isEqualTo(0.0);
        assertThat(PartialAuc.of(SEPARATED, reversed)).isCloseTo(9.0 / 19.0, within(1e-15));
    }

    @Test
    void allScoresTiedGiveTheDiagonalAucHalfPaucHalf() {
        double[] scores = {3, 3, 3, 3, 3, 3, 3};
        RocCurve curve = RocCurve.of(scores, LABELS);
        assertThat(curve.fpr()).containsExactly(0.0, 1.0);
        assertThat(curve.tpr()).containsExactly(0.0, 1.0);
        assertThat(Auc.of(curve)).isEqualTo(0.5);
        assertThat(PartialAuc.of(curve, 0.1)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void negativeZeroTiesWithPositiveZeroAsInNumpy() {
        double[] scores = {-0.0, 0.0};
        boolean[] labels = {true, false};
        assertThat(RocCurve.of(scores, labels).points()).isEqualTo(2);
        assertThat(Auc.of(scores, labels)).isEqualTo(0.5);
    }

    @Test
    void singleClassIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Auc.of(new double[] {0.3, 0.1}, new boolean[] {false, false}))
                .isInstanceOf(UndefinedMetricException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all 2 clips are normal (no anomalies)");
        assertThatThrownBy(() -> PartialAuc.of(new double[] {0.3}, new boolean[] {true}))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("all 1 clips are anomalous (no normal clips)");
        assertThatThrownBy(() -> Auc.of(new double[0], new boolean[0]))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("without clips");
    }

    @Test
    void nanScoreIsRefusedNamingItsIndex() {
        double[] scores = {0.1, 0.2, Double.NaN, 0.4};
        boolean[] labels = {false, true, false, true};
        assertThatThrownBy(() -> Auc.of(scores, labels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("score at index 2 is NaN");
        scores[2] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> PartialAuc.of(scores, labels))
                .hasMessageContaining("score at index 2 is Infinity");
    }

    @Test
    void mismatchedLengthsAreRefused() {
        assertThatThrownBy(() -> Auc.of(new double[] {1, 2, 3}, new boolean[] {true, false}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 scores and 2 labels");
    }

    @Test
    void maxFprOutsideZeroToOneIsRefusedAndOneGivesTheFullAuc() {
        assertThatThrownBy(() -> PartialAuc.of(SEPARATED, LABELS, 0.0)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> PartialAuc.of(SEPARATED, LABELS, 1.5)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> PartialAuc.of(SEPARATED, LABELS, Double.NaN)).hasMessageContaining("(0, 1]");
        double[] scores = {0.3, 0.9, 0.2, 0.6, 0.6, 0.1, 0.5};
        assertThat(PartialAuc.of(scores, LABELS, 1.0)).isCloseTo(Auc.of(scores, LABELS), within(1e-15));
    }

    @Test
    void aucEqualsTheMannWhitneyPairCountOnRandomTiedScores() {
        SplittableRandom random = new SplittableRandom(20240611);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + random.nextInt(60);
            double[] scores = new double[n];
            boolean[] labels = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(8) / 4.0; // few distinct values: many ties
                labels[i] = i == 0 || (i != 1 && random.nextBoolean());
            }
            double pairs = 0;
            double wins = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (labels[a] && !labels[b]) {
                        pairs++;
                        wins += scores[a] > scores[b] ? 1 : scores[a] == scores[b] ? 0.5 : 0;
                    }
                }
            }
            assertThat(Auc.of(scores, labels)).as("trial %d", trial).isCloseTo(wins / pairs, within(1e-15));
        }
    }

    @Test
    void droppingIntermediatePointsKeepsOnlyCornersAsScikitLearnDoes() {
        // roc_curve(drop_intermediate=True) on perfect separation: fps [0,0,0,4], tps [0,1,3,3]
        RocCurve dropped = RocCurve.of(SEPARATED, LABELS).withoutIntermediatePoints();
        assertThat(dropped.falsePositives()).containsExactly(0, 0, 0, 4);
        assertThat(dropped.truePositives()).containsExactly(0, 1, 3, 3);
        assertThat(dropped.thresholds()).containsExactly(Double.POSITIVE_INFINITY, 0.95, 0.7, 0.1);
    }

    @Test
    void curveCountsAreValidated() {
        assertThatThrownBy(() -> new RocCurve(new double[] {1, 0}, new int[] {0, 2}, new int[] {1, 2}))
                .hasMessageContaining("starts at (0, 0)");
        assertThatThrownBy(() -> new RocCurve(new double[] {3, 2, 1}, new int[] {0, 2, 1}, new int[] {0, 1, 2}))
                .hasMessageContaining("must not decrease");
    }
}
