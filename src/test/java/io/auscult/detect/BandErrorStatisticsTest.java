package io.auscult.detect;

import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BandErrorStatisticsTest {

    /** A time-major error map of 2 frames x 3 bands: {@code rows[frame][band]}. */
    private static Spectrogram map(double[][] rows) {
        float[] v = new float[rows.length * 3];
        for (int f = 0; f < rows.length; f++) {
            for (int m = 0; m < 3; m++) {
                v[f * 3 + m] = (float) rows[f][m];
            }
        }
        return new Spectrogram(v, rows.length, 3, 512, 16000, new double[] {100, 200, 300});
    }

    @Test
    void eachBandIsStandardisedByItsOwnNormalSpreadAndTheWorstBandIsTheScore() {
        // Band errors (mean over the two frames) of the three normal clips:
        // band 0: 1, 2, 3 (mean 2, population std sqrt(2/3)); band 1: 10, 10, 16 (mean 12, std sqrt(8));
        // band 2: 0.5 each (std 0, floored).
        BandErrorStatistics s = BandErrorStatistics.fit(List.of(
                map(new double[][] {{0, 10, 0.5}, {2, 10, 0.5}}),
                map(new double[][] {{2, 12, 0.5}, {2, 8, 0.5}}),
                map(new double[][] {{3, 16, 0.5}, {3, 16, 0.5}})));
        assertThat(s.mean()).containsExactly(new double[] {2, 12, 0.5}, within(1e-12));
        assertThat(s.std()[0]).isCloseTo(Math.sqrt(2 / 3.0), within(1e-12));
        assertThat(s.std()[1]).isCloseTo(Math.sqrt(8), within(1e-12));
        assertThat(s.std()[2]).isEqualTo(BandErrorStatistics.FLOOR);

        // A clip 2 units worse than normal in both band 0 and band 1: band 0, whose normal spread is
        // narrower, is the more unusual (z = 2.45 against 0.71).
        Spectrogram clip = map(new double[][] {{4, 14, 0.5}, {4, 14, 0.5}});
        assertThat(BandErrorStatistics.bandErrors(clip)).containsExactly(4, 14, 0.5);
        assertThat(s.score(clip)).isCloseTo(2 / Math.sqrt(2 / 3.0), within(1e-9));
        // A clip at the normal means scores 0 in every band.
        assertThat(s.score(map(new double[][] {{2, 12, 0.5}, {2, 12, 0.5}}))).isCloseTo(0, within(1e-9));
    }

    @Test
    void refusesTooFewClipsAndMapsOfAnotherBandCount() {
        Spectrogram one = map(new double[][] {{1, 1, 1}, {1, 1, 1}});
        assertThatThrownBy(() -> BandErrorStatistics.fit(List.of(one))).hasMessageContaining("at least 2");
        BandErrorStatistics s = BandErrorStatistics.fit(List.of(one, one));
        Spectrogram wide = new Spectrogram(new float[4], 1, 4, 512, 16000, new double[] {1, 2, 3, 4});
        assertThatThrownBy(() -> s.score(wide)).hasMessageContaining("4 bands");
    }
}
