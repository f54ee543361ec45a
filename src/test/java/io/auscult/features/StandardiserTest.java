package io.auscult.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardiserTest {

    private static double[] fixtureColumn(int column) {
        return FrontendFixtures.column("standardisation_stats.csv", column);
    }

    @Test
    void zScoresUseTheFixtureStatisticsPerBand() {
        Standardiser standardiser = new Standardiser(fixtureColumn(1), fixtureColumn(2));
        Spectrogram logMel = FrontendFixtures.referenceLogMel("case1_machine_10s_float32");
        Spectrogram z = standardiser.apply(logMel);
        double[] mean = fixtureColumn(1);
        double[] std = fixtureColumn(2);
        for (int t = 0; t < z.frames(); t += 17) {
            for (int m = 0; m < 128; m++) {
                double expected = (logMel.get(t, m) - mean[m]) / std[m];
                assertThat(z.get(t, m)).isCloseTo((float) expected, within(1e-5f));
            }
        }
        assertThat(z.frames()).isEqualTo(313);
        assertThat(z.bandCentresHz()).isSameAs(logMel.bandCentresHz());
    }

    @Test
    void standardisedPooledDataHasZeroMeanAndUnitStdPerBand() {
        BandStatistics stats = new BandStatistics(128);
        Spectrogram[] all = new Spectrogram[3];
        String[] cases = {"case1_machine_10s_float32", "case2_machine_10s_pcm16", "case6_stereo_10s_float32"};
        for (int i = 0; i < 3; i++) {
            all[i] = FrontendFixtures.referenceLogMel(cases[i]);
            stats.add(all[i]);
        }
        Standardiser standardiser = stats.standardiser();
        BandStatistics after = new BandStatistics(128);
        for (Spectrogram s : all) {
            after.add(standardiser.apply(s));
        }
        for (int b = 0; b < 128; b++) {
            assertThat(after.mean()[b]).isCloseTo(0.0, within(1e-5));
            assertThat(after.std()[b]).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void invertUndoesApply() {
        Standardiser standardiser = new Standardiser(fixtureColumn(1), fixtureColumn(2));
        Spectrogram logMel = FrontendFixtures.referenceLogMel("case7_sweep_1s_float32");
        Spectrogram back = standardiser.invert(standardiser.apply(logMel));
        assertThat(back.values()).containsExactly(logMel.values(), within(1e-4f));
    }

    @Test
    void aConstantBandIsDividedByTheFloorNotByZero() {
        Standardiser standardiser = new Standardiser(new double[] {-100, 0}, new double[] {0, 2});
        Spectrogram s = new Spectrogram(new float[] {-100, 4, -99.999f, -4}, 2, 2, 512, 16000, new double[] {1, 2});
        Spectrogram z = standardiser.apply(s);
        assertThat(z.values()).containsExactly(new float[] {0, 2, 1.0f, -2}, within(1e-2f));
        assertThat(standardiser.scale(0)).isEqualTo(Standardiser.MIN_STD);
        assertThat(standardiser.std()[0]).isEqualTo(0.0);
    }

    @Test
    void badStatisticsAreRefusedNamingTheBand() {
        assertThatThrownBy(() -> new Standardiser(new double[] {0, 0}, new double[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("band 1");
        assertThatThrownBy(() -> new Standardiser(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("band 0");
        assertThatThrownBy(() -> new Standardiser(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStandardiserIsImmutableAndComparesByValue() {
        double[] mean = {1, 2};
        Standardiser a = new Standardiser(mean, new double[] {1, 1});
        mean[0] = 9;
        a.mean()[1] = 9;
        assertThat(a.mean()).containsExactly(1, 2);
        assertThat(a).isEqualTo(new Standardiser(new double[] {1, 2}, new double[] {1, 1}));
    }

    @Test
    void aSpectrogramWithOtherBandsIsRefused() {
        Standardiser standardiser = new Standardiser(new double[3], new double[] {1, 1, 1});
        Spectrogram s = new Spectrogram(new float[2], 1, 2, 512, 16000, new double[2]);
        assertThatThrownBy(() -> standardiser.apply(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 bands");
    }
}
