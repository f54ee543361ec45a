package io.auscult.data.synth;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SynthDatasetSpecTest {

    @Test
    void demoHasFourMachinesOfTwentyTenSecondClipsUnderThirtyMegabytes() {
        SynthDatasetSpec demo = SynthDatasetSpec.demo();
        assertThat(demo.machines()).containsExactly(MachineType.values());
        assertThat(demo.clipCount()).isEqualTo(80);
        assertThat(demo.clipSeconds()).isEqualTo(10.0);
        long wavBytes = demo.clipCount() * (44L + 2 * 160_000);
        assertThat(wavBytes).isLessThan(28_000_000);
    }

    @Test
    void demoAnomaliesCoverEveryKind() {
        SynthDatasetSpec demo = SynthDatasetSpec.demo();
        Set<AnomalyKind> kinds = EnumSet.noneOf(AnomalyKind.class);
        for (MachineType m : demo.machines()) {
            for (int i = 0; i < demo.testAnomaly(); i++) {
                AnomalyKind k = demo.anomalyKindFor(m, 0, i);
                assertThat(m.supports(k)).isTrue();
                kinds.add(k);
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(AnomalyKind.values());
    }

    @Test
    void targetClipsFollowTheShareAndDoNotMoveWhenClipsAreAdded() {
        SynthDatasetSpec spec = SynthDatasetSpec.defaults();
        assertThat(spec.targetShare()).isEqualTo(0.25);
        int target = 0;
        for (int i = 0; i < 100; i++) {
            if (spec.isTarget(i)) {
                target++;
            }
        }
        assertThat(target).isEqualTo(25);
        assertThat(spec.isTarget(3)).isTrue();
        assertThat(spec.isTarget(0)).isFalse();
        SynthDatasetSpec none = new SynthDatasetSpec(List.of(MachineType.FAN), 1, 5, 0, 0, 10, 0, 6, 0.0,
                List.of(), SynthDatasetSpec.Layout.DCASE2020);
        for (int i = 0; i < 50; i++) {
            assertThat(none.isTarget(i)).isFalse();
        }
    }

    @Test
    void fanSkipsImpactKinds() {
        SynthDatasetSpec spec = SynthDatasetSpec.defaults();
        for (int i = 0; i < 12; i++) {
            assertThat(spec.anomalyKindFor(MachineType.FAN, 0, i))
                    .isNotIn(AnomalyKind.MISSING_IMPACT, AnomalyKind.EXTRA_IMPACT);
        }
    }

    @Test
    void badSpecsAreRefusedNamingTheValue() {
        List<AnomalyKind> all = List.of(AnomalyKind.values());
        assertThatThrownBy(() -> new SynthDatasetSpec(List.of(), 1, 1, 1, 1, 10, 0, 6, 0, all,
                SynthDatasetSpec.Layout.DCASE2020)).hasMessageContaining("machines");
        assertThatThrownBy(() -> new SynthDatasetSpec(List.of(MachineType.FAN, MachineType.FAN), 1, 1, 1, 1, 10,
                0, 6, 0, all, SynthDatasetSpec.Layout.DCASE2020)).hasMessageContaining("repeat");
        assertThatThrownBy(() -> new SynthDatasetSpec(List.of(MachineType.FAN), 1, -1, 1, 1, 10, 0, 6, 0, all,
                SynthDatasetSpec.Layout.DCASE2020)).hasMessageContaining("trainNormal").hasMessageContaining("-1");
        assertThatThrownBy(() -> new SynthDatasetSpec(List.of(MachineType.FAN), 1, 1, 1, 1, 10, 8, 6, 0, all,
                SynthDatasetSpec.Layout.DCASE2020)).hasMessageContaining("SNR").hasMessageContaining("8.0..6.0");
        assertThatThrownBy(() -> new SynthDatasetSpec(List.of(MachineType.FAN), 1, 1, 1, 1, 10, 0, 6, 0.7, all,
                SynthDatasetSpec.Layout.DCASE2020)).hasMessageContaining("targetShare").hasMessageContaining("0.7");
        assertThatThrownBy(() -> new SynthDatasetSpec(List.of(MachineType.FAN), 1, 1, 1, 1, 10, 0, 6, 0,
                List.of(AnomalyKind.MISSING_IMPACT), SynthDatasetSpec.Layout.DCASE2020))
                .hasMessageContaining("fan").hasMessageContaining("missing_impact");
        assertThatThrownBy(() -> new SynthDatasetSpec(List.of(MachineType.FAN), 100, 1000, 1000, 1000, 10, 0, 6, 0,
                all, SynthDatasetSpec.Layout.DCASE2020)).hasMessageContaining("300000 clips");
    }
}
