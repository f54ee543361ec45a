package io.auscult.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The bootstrap convention of the stats README: seeded, type-7 percentiles, dropped replicates counted. */
class BootstrapIntervalTest {

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] v = {1, 2, 3, 4, 5};
        // numpy.percentile([1..5], 2.5) = 1.1, 97.5 -> 4.9
        assertThat(BootstrapInterval.percentile(v, 0.025)).isCloseTo(1.1, within(1e-15));
        assertThat(BootstrapInterval.percentile(v, 0.975)).isCloseTo(4.9, within(1e-15));
        assertThat(BootstrapInterval.percentile(v, 1.0)).isEqualTo(5);
    }

    @Test
    void sameSeedSameIntervalAndItCoversAStrongCorrelation() {
        double[] x = new double[30];
        double[] y = new double[30];
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = i + 3 * r.nextDouble();
        }
        BootstrapInterval a = BootstrapInterval.ofPairs(x, y, p -> Pearson.of(p[0], p[1]).r(), 2000, 12345);
        BootstrapInterval b = BootstrapInterval.ofPairs(x, y, p -> Pearson.of(p[0], p[1]).r(), 2000, 12345);
        assertThat(a).isEqualTo(b);
        assertThat(a.low()).isLessThanOrEqualTo(a.estimate());
        assertThat(a.high()).isGreaterThanOrEqualTo(a.estimate());
        // r is about 0.99 here; the interval is narrow and far from 0.
        assertThat(a.low()).isGreaterThan(0.9);
        assertThat(a.dropped()).isZero();
        assertThat(a.describe()).contains("B = 2000, seed 12345");
    }

    @Test
    void undefinedReplicatesAreDroppedAndCounted() {
        // 3 pairs: a resample of one distinct pair repeated is constant, about 1 in 9 replicates.
        double[] x = {1, 2, 3};
        double[] y = {2, 1, 3};
        BootstrapInterval i = BootstrapInterval.ofPairs(x, y, p -> Pearson.of(p[0], p[1]).r(), 2000, 1);
        assertThat(i.dropped()).isGreaterThan(20);
        assertThat(i.unreliable()).isTrue();
        assertThat(i.describe()).contains("UNRELIABLE");
    }

    @Test
    void stratifiedResamplingKeepsBothClasses() {
        double[] normal = {0.1, 0.2, 0.3, 0.4};
        double[] anomalous = {0.35, 0.5, 0.6};
        BootstrapInterval i = BootstrapInterval.ofTwoSamples(normal, anomalous,
                BootstrapIntervalTest::auc, 2000, 3);
        assertThat(i.dropped()).isZero();
        assertThat(i.low()).isBetween(0.0, i.estimate());
    }

    private static double auc(double[][] s) {
        double[] scores = new double[s[0].length + s[1].length];
        boolean[] anomalous = new boolean[scores.length];
        System.arraycopy(s[0], 0, scores, 0, s[0].length);
        System.arraycopy(s[1], 0, scores, s[0].length, s[1].length);
        for (int i = s[0].length; i < scores.length; i++) {
            anomalous[i] = true;
        }
        return Auc.of(scores, anomalous);
    }
}
