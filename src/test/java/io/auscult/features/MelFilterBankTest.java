package io.auscult.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MelFilterBankTest {

    private final MelFilterBank bank = MelFilterBank.of(FeatureSpec.DCASE);

    @Test
    void denseWeightsMatchLibrosaFloat64BankWithin1e6RelativeAndZerosWithin1e12() {
        double[][] expected = FrontendFixtures.csv("mel_filterbank_sr16000_nfft1024_nmels128.csv");
        double[][] w = bank.denseWeights();
        assertThat(w.length).isEqualTo(128);
        for (int m = 0; m < 128; m++) {
            assertThat(w[m]).hasSize(513);
            for (int k = 0; k < 513; k++) {
                double e = expected[m][k];
                double tolerance = e == 0 ? 1e-12 : 1e-6 * Math.abs(e);
                assertThat(w[m][k]).as("W[%d][%d]", m, k).isCloseTo(e, within(tolerance));
            }
        }
    }

    @Test
    void bandEdgesMatchLibrosaMelFrequenciesWithin1e6Relative() {
        double[] expected = FrontendFixtures.column("mel_band_edges_hz.csv", 1);
        double[] edges = bank.bandEdgesHz();
        assertThat(edges).hasSize(130);
        assertThat(edges[0]).isEqualTo(0.0);
        assertThat(edges[129]).isCloseTo(8000.0, within(1e-9));
        for (int i = 1; i < edges.length; i++) {
            assertThat(edges[i]).as("edge %d", i).isCloseTo(expected[i], within(1e-6 * expected[i]));
        }
    }

    @Test
    void bandCentresAreTheTrianglePeaks() {
        double[][] expected = FrontendFixtures.csv("mel_band_centres_hz.csv");
        double[] centres = bank.bandCentresHz();
        double[] edges = bank.bandEdgesHz();
        assertThat(centres).hasSize(128);
        for (int m = 0; m < 128; m++) {
            assertThat(edges[m]).isCloseTo(expected[m][1], within(1e-6 * expected[m][1] + 1e-12));
            assertThat(centres[m]).isCloseTo(expected[m][2], within(1e-6 * expected[m][2]));
            assertThat(edges[m + 2]).isCloseTo(expected[m][3], within(1e-6 * expected[m][3]));
        }
        assertThat(centres[0]).isCloseTo(23.3828, within(1e-4));
        assertThat(centres[127]).isCloseTo(7809.3946, within(1e-4));
    }

    @Test
    void slaneyScaleIsLinearBelow1kHzAndLogarithmicAbove() {
        assertThat(MelScale.hzToMel(200)).isCloseTo(3.0, within(1e-12));
        assertThat(MelScale.hzToMel(1000)).isCloseTo(15.0, within(1e-12));
        assertThat(MelScale.hzToMel(6400)).isCloseTo(42.0, within(1e-12));
        for (double hz : new double[] {0, 50, 999, 1000, 1001, 4321, 8000}) {
            assertThat(MelScale.melToHz(MelScale.hzToMel(hz))).isCloseTo(hz, within(1e-9));
        }
    }

    @Test
    void sparseFormHoldsExactlyTheNonzeroWeights() {
        double[][] dense = bank.denseWeights();
        for (int m = 0; m < 128; m++) {
            int first = bank.firstBin(m);
            double[] run = bank.bandWeights(m);
            assertThat(run.length).as("band %d", m).isPositive();
            assertThat(run[0]).isPositive();
            assertThat(run[run.length - 1]).isPositive();
            for (int k = 0; k < 513; k++) {
                boolean inside = k >= first && k < first + run.length;
                assertThat(dense[m][k]).isEqualTo(inside ? run[k - first] : 0.0);
            }
        }
    }

    @Test
    void sparseProductsEqualDenseMatrixProducts() {
        double[][] dense = bank.denseWeights();
        SplittableRandom random = new SplittableRandom(7);
        double[] power = new double[3 + 513];
        for (int k = 0; k < power.length; k++) {
            power[k] = random.nextDouble();
        }
        double[] mel = new double[2 + 128];
        bank.apply(power, 3, mel, 2);
        double[] back = new double[1 + 513];
        bank.applyTransposed(mel, 2, back, 1);
        for (int m = 0; m < 128; m++) {
            double sum = 0;
            for (int k = 0; k < 513; k++) {
                sum += dense[m][k] * power[3 + k];
            }
            assertThat(mel[2 + m]).isCloseTo(sum, within(1e-12 * Math.abs(sum)));
        }
        for (int k = 0; k < 513; k++) {
            double sum = 0;
            for (int m = 0; m < 128; m++) {
                sum += dense[m][k] * mel[2 + m];
            }
            assertThat(back[1 + k]).isCloseTo(sum, within(1e-12 * Math.abs(sum) + 1e-300));
        }
    }

    @Test
    void theBankIsCachedPerSpec() {
        assertThat(MelFilterBank.of(new FeatureSpec(16000, 1024, 512, 128, 0, 0))).isSameAs(bank);
        assertThat(MelFilterBank.of(new FeatureSpec(16000, 1024, 512, 64, 0, 0)).bands()).isEqualTo(64);
    }
}
