package io.auscult.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BandStatisticsTest {

    private static final String[] POOLED = {
        "case1_machine_10s_float32", "case2_machine_10s_pcm16", "case6_stereo_10s_float32"};

    private static void assertMatchesFixture(BandStatistics stats, double tolerance) {
        double[][] expected = FrontendFixtures.csv("standardisation_stats.csv");
        double[] mean = stats.mean();
        double[] std = stats.std();
        assertThat(stats.count()).isEqualTo(939);
        for (int b = 0; b < 128; b++) {
            assertThat(mean[b]).as("mean of band %d", b).isCloseTo(expected[b][1], within(tolerance));
            assertThat(std[b]).as("std of band %d", b).isCloseTo(expected[b][2], within(tolerance));
        }
    }

    @Test
    void statisticsOfReferenceLogMelsMatchTheFixtureWithin1e6() {
        BandStatistics stats = new BandStatistics(128);
        for (String c : POOLED) {
            stats.add(FrontendFixtures.referenceLogMel(c));
        }
        assertMatchesFixture(stats, 1e-6);
    }

    @Test
    void statisticsOfOurOwnLogMelsMatchTheFixtureWithin1e3() {
        BandStatistics stats = new BandStatistics(128);
        for (String c : POOLED) {
            stats.add(new LogMelExtractor(FeatureSpec.DCASE).extract(FrontendFixtures.wav(c + ".wav")));
        }
        assertMatchesFixture(stats, 1e-3);
    }

    @Test
    void mergingPartialStatisticsEqualsPoolingEverything() {
        BandStatistics pooled = new BandStatistics(128);
        BandStatistics[] parts = new BandStatistics[POOLED.length];
        for (int i = 0; i < POOLED.length; i++) {
            Spectrogram s = FrontendFixtures.referenceLogMel(POOLED[i]);
            pooled.add(s);
            parts[i] = new BandStatistics(128).add(s);
        }
        BandStatistics merged = new BandStatistics(128).merge(parts[2]).merge(new BandStatistics(128))
                .merge(parts[0]).merge(parts[1]);
        assertThat(merged.count()).isEqualTo(939);
        assertThat(merged.mean()).containsExactly(pooled.mean(), within(1e-10));
        assertThat(merged.std()).containsExactly(pooled.std(), within(1e-10));
    }

    @Test
    void smallVarianceOnALargeOffsetIsNotLostToCancellation() {
        // Values 1e4 +- 1e-3 in float: a naive sum-of-squares formula loses the variance entirely.
        SplittableRandom random = new SplittableRandom(9);
        BandStatistics stats = new BandStatistics(2);
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        float[][] chunks = new float[50][];
        for (int c = 0; c < chunks.length; c++) {
            float[] v = new float[200 * 2];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (1e4 + (random.nextBoolean() ? 1 : -1) * 0.5);
            }
            chunks[c] = v;
            stats.add(new Spectrogram(v, 200, 2, 512, 16000, new double[] {100, 200}));
        }
        for (float[] v : chunks) {
            for (int i = 0; i < v.length; i += 2) {
                sum += v[i];
                n++;
            }
        }
        double mean = sum / n;
        for (float[] v : chunks) {
            for (int i = 0; i < v.length; i += 2) {
                sumSq += (v[i] - mean) * (v[i] - mean);
            }
        }
        assertThat(stats.mean()[0]).isCloseTo(mean, within(1e-9));
        assertThat(stats.std()[0]).isCloseTo(Math.sqrt(sumSq / n), within(1e-9));
        assertThat(stats.std()[0]).isCloseTo(0.5, within(1e-3));
    }

    @Test
    void populationStdDividesByTheCount() {
        float[] v = {1, 10, 3, 10};
        BandStatistics stats = new BandStatistics(2).add(new Spectrogram(v, 2, 2, 512, 16000, new double[] {1, 2}));
        assertThat(stats.mean()).containsExactly(2.0, 10.0);
        assertThat(stats.std()).containsExactly(1.0, 0.0);
    }

    @Test
    void emptyStatisticsAndMismatchedBandsAreRefused() {
        BandStatistics stats = new BandStatistics(128);
        assertThatThrownBy(stats::standardiser).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no frames");
        Spectrogram s64 = new Spectrogram(new float[64], 1, 64, 512, 16000, new double[64]);
        assertThatThrownBy(() -> stats.add(s64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64").hasMessageContaining("128");
        assertThatThrownBy(() -> stats.merge(new BandStatistics(64))).isInstanceOf(IllegalArgumentException.class);
    }
}
