package io.auscult.ui.results;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The histogram's axis labels stay short for every score range (md detectors score in the thousands). */
class ScoreHistogramTicksTest {

    @Test
    void labelsAreShort() {
        assertThat(ScoreHistogramView.tick(0.51234)).isEqualTo("0.512");
        assertThat(ScoreHistogramView.tick(87.31)).isEqualTo("87.3");
        assertThat(ScoreHistogramView.tick(-189.4)).isEqualTo("-189");
        assertThat(ScoreHistogramView.tick(2040.0)).isEqualTo("2.0k");
        assertThat(ScoreHistogramView.tick(41250.0)).isEqualTo("41k");
    }
}
