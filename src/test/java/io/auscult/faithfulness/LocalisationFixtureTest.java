package io.auscult.faithfulness;

import io.auscult.data.synth.AnomalyMask;
import org.junit.jupiter.api.Test;

import static io.auscult.faithfulness.FaithfulnessFixtures.assertClose;
import static io.auscult.faithfulness.FaithfulnessFixtures.timeMajor;
import static org.assertj.core.api.Assertions.assertThat;

/** localisation.json: pixel AUROC, relevance mass and temporal AUROC, float64 at 1e-12. */
class LocalisationFixtureTest {

    private static final int MELS = 8;
    private static final int FRAMES = 12;
    private static final double EXACT = 1e-12;

    @Test
    void localisationScoresMatchScikitLearn() {
        FaithfulnessFixtures fx = FaithfulnessFixtures.read("localisation.json");
        double[] map = timeMajor(fx.data("attribution"), MELS, FRAMES);
        int[] truth = timeMajor(fx.ints("ground_truth"), MELS, FRAMES);
        boolean[] cells = new boolean[truth.length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = truth[i] == 1;
        }
        AnomalyMask mask = new AnomalyMask(cells, FRAMES, MELS);
        // The mask's layout is the Spectrogram's: bin (frame 2, mel 6) is the lone cell outside the block.
        assertThat(mask.get(2, 6)).isTrue();
        assertThat(mask.get(6, 2)).isTrue();
        assertThat(mask.get(2, 2)).isFalse();

        Localisation l = Localisation.of(map, mask);
        assertClose("pixel_auroc", l.pixelAuroc(), fx.scalar("pixel_auroc"), EXACT);
        assertClose("relevance_mass", l.relevanceMass(), fx.scalar("relevance_mass"), EXACT);
        assertClose("temporal_auroc", l.temporalAuroc(), fx.scalar("temporal_auroc"), EXACT);
        assertClose("frame_profile", Localisation.frameProfile(map, FRAMES, MELS), fx.data("frame_profile"), EXACT);
    }

    @Test
    void undefinedScoresAreNaNNotErrors() {
        AnomalyMask empty = new AnomalyMask(new boolean[6], 3, 2);
        Localisation l = Localisation.of(new double[] {1, 2, 3, 4, 5, 6}, empty);
        assertThat(l.pixelAuroc()).isNaN();
        assertThat(l.temporalAuroc()).isNaN();
        assertThat(l.relevanceMass()).isEqualTo(0.0);
        Localisation negative = Localisation.of(new double[] {-1, -2, -3, -4, -5, -6},
                new AnomalyMask(new boolean[] {true, false, false, false, false, false}, 3, 2));
        assertThat(negative.relevanceMass()).isNaN();
        assertThat(negative.pixelAuroc()).isEqualTo(1.0);
    }

    @Test
    void mapOnAnotherGridIsRefusedWithBothShapes() {
        AnomalyMask mask = new AnomalyMask(new boolean[6], 3, 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Localisation.of(new double[8], mask))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 frames x 2 mels");
    }

    @Test
    void spearmanUsesAverageRanksForTies() {
        // ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): rho = 4.5 / sqrt(4.5 * 5)
        assertThat(RankCorrelation.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 4}))
                .isCloseTo(4.5 / Math.sqrt(22.5), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(RankCorrelation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }
}
