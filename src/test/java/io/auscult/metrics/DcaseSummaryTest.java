package io.auscult.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DcaseSummaryTest {

    @Test
    void sourceAucComparesSourceNormalsWithAnomaliesOfBothDomains() {
        List<ScoredClip> clips = List.of(
                new ScoredClip("fan", "00", "source", false, 0.1),
                new ScoredClip("fan", "00", "source", false, 0.5),
                new ScoredClip("fan", "00", "target", false, 0.9),
                new ScoredClip("fan", "00", "SOURCE", true, 0.6),
                new ScoredClip("fan", "00", "target", true, 0.8));
        SectionEvaluation e = SectionEvaluation.of(clips).get(0);
        assertThat(e.scores().aucSource()).isEqualTo(1.0); // both anomalies above 0.1 and 0.5
        assertThat(e.scores().aucTarget()).isEqualTo(0.0); // both anomalies below 0.9
        assertThat(e.aucAll()).isCloseTo(4.0 / 6.0, within(1e-15));
        assertThat(e.sourceNormals()).isEqualTo(2);
        assertThat(e.targetNormals()).isEqualTo(1);
        assertThat(e.anomalies()).isEqualTo(2);
    }

    @Test
    void sectionWithoutAnomaliesIsRefusedNamingTheSection() {
        List<ScoredClip> clips = List.of(
                new ScoredClip("fan", "00", "source", false, 0.1),
                new ScoredClip("fan", "00", "target", false, 0.2),
                new ScoredClip("fan", "00", "target", true, 0.3),
                new ScoredClip("fan", "01", "source", false, 0.2),
                new ScoredClip("fan", "01", "target", false, 0.4));
        assertThatThrownBy(() -> DcaseSummary.ofClips(clips))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessage("AUC needs both normal and anomalous clips; fan section 01 has no anomalies");
    }

    @Test
    void sectionWithoutTargetNormalsIsRefusedNamingTheDomain() {
        List<ScoredClip> clips = List.of(
                new ScoredClip("pump", "02", "source", false, 0.1),
                new ScoredClip("pump", "02", "target", true, 0.3));
        assertThatThrownBy(() -> SectionEvaluation.of(clips))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("AUC (target)")
                .hasMessageContaining("pump section 02");
    }

    @Test
    void unknownDomainAndNonFiniteScoreAreRefused() {
        assertThatThrownBy(() -> new ScoredClip("fan", "00", "unknown", false, 0.1))
                .hasMessageContaining("domain must be \"source\" or \"target\", got \"unknown\"");
        assertThatThrownBy(() -> new ScoredClip("fan", "00", "source", false, Double.NaN))
                .hasMessageContaining("fan section 00").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new ScoredClip(" ", "00", "source", false, 0.1))
                .hasMessageContaining("machine type must not be blank");
    }

    @Test
    void aSectionTwiceInATableIsRefused() {
        List<SectionScores> rows = List.of(new SectionScores("fan", "00", 0.8, 0.7, 0.6),
                new SectionScores("fan", "00", 0.9, 0.7, 0.6));
        assertThatThrownBy(() -> DcaseSummary.of(rows)).hasMessageContaining("fan section 00 appears twice");
        assertThatThrownBy(() -> new SectionScores("fan", "00", 1.2, 0.7, 0.6))
                .hasMessageContaining("AUC (source) of fan section 00 must be in [0, 1], got 1.2");
    }

    @Test
    void officialScoreIsTheHarmonicMeanOfTheFlatList() {
        DcaseSummary s = DcaseSummary.of(List.of(new SectionScores("fan", "00", 0.8, 0.6, 0.5),
                new SectionScores("pump", "00", 1.0, 0.5, 0.5)));
        double expected = 6 / (1 / 0.8 + 1 / 0.6 + 1 / 0.5 + 1 / 1.0 + 1 / 0.5 + 1 / 0.5);
        assertThat(s.overall().officialScore()).isCloseTo(expected, within(1e-15));
        assertThat(s.machines()).extracting(MachineSummary::machineType).containsExactly("fan", "pump");
        assertThat(s.machine("valve")).isEmpty();
    }

    @Test
    void harmonicMeanFloorsZeroAtEpsInsteadOfFailing() {
        assertThat(DcaseMeans.harmonic(0.0, 1.0)).isEqualTo(2 / (1 / DcaseMeans.EPS + 1));
        assertThat(DcaseMeans.EPS).isEqualTo(2.220446049250313e-16);
        assertThatThrownBy(() -> DcaseMeans.harmonic(0.5, Double.NaN)).hasMessageContaining("value 1 is NaN");
        assertThatThrownBy(() -> DcaseMeans.arithmetic()).hasMessageContaining("at least one value");
    }
}
