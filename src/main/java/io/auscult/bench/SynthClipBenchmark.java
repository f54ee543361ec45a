package io.auscult.bench;

import io.auscult.data.Domain;
import io.auscult.data.synth.AnomalyKind;
import io.auscult.data.synth.ClipSpec;
import io.auscult.data.synth.MachineSoundSynthesizer;
import io.auscult.data.synth.MachineType;

/**
 * {@code synth.clip_10s}: synthesise one anomalous 10-s clip with its ground-truth mask
 * (which renders the clip twice and computes two log-mels). Each run takes the next of a
 * fixed cycle of machines and anomaly kinds, so the figure covers them all.
 */
final class SynthClipBenchmark implements Benchmark {

    private static final ClipSpec[] SPECS = {
        ClipSpec.anomalous(MachineType.FAN, 0, Domain.SOURCE, AnomalyKind.BEARING_WHINE, 6, 10, 11),
        ClipSpec.anomalous(MachineType.PUMP, 0, Domain.SOURCE, AnomalyKind.HARMONIC_SHIFT, 6, 10, 12),
        ClipSpec.anomalous(MachineType.SLIDER, 0, Domain.SOURCE, AnomalyKind.MISSING_IMPACT, 6, 10, 13),
        ClipSpec.anomalous(MachineType.VALVE, 0, Domain.TARGET, AnomalyKind.EXTRA_IMPACT, 6, 10, 14),
        ClipSpec.anomalous(MachineType.PUMP, 0, Domain.SOURCE, AnomalyKind.BROADBAND_BURST, 6, 10, 15),
        ClipSpec.anomalous(MachineType.FAN, 0, Domain.TARGET, AnomalyKind.MODULATION_CHANGE, 6, 10, 16),
    };

    @Override
    public String name() {
        return "synth.clip_10s";
    }

    @Override
    public Unit unit() {
        return Unit.MS;
    }

    @Override
    public Trial setUp() {
        MachineSoundSynthesizer synth = new MachineSoundSynthesizer();
        int[] next = {0};
        return () -> {
            ClipSpec spec = SPECS[next[0]++ % SPECS.length];
            if (synth.render(spec).mask().frames() != 313) {
                throw new IllegalStateException("expected a 313-frame mask");
            }
            return 1;
        };
    }
}
