package io.auscult.proxy;

import io.auscult.data.DatasetScanner;
import io.auscult.data.ScanResult;
import io.auscult.data.synth.AnomalyKind;
import io.auscult.data.synth.MachineType;
import io.auscult.data.synth.SynthDatasetSpec;
import io.auscult.data.synth.SynthDatasetWriter;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A tiny synthetic dataset for the lab's tests: 4 machines x 1 id, 10 training + 4 + 4 test clips of 3 s. */
final class TinyLab {

    static final SynthDatasetSpec SPEC = new SynthDatasetSpec(List.of(MachineType.values()), 1, 10, 4, 4, 3.0, 3.0,
            12.0, 0.0, List.of(AnomalyKind.values()), SynthDatasetSpec.Layout.DCASE2020);

    private TinyLab() {
    }

    static ScanResult write(Path dir) throws Exception {
        SynthDatasetWriter.write(dir, SPEC, 7, Progress.NONE, Cancellation.NEVER);
        return new DatasetScanner().scan(dir);
    }

    static LabData data(Path dir) throws Exception {
        return LabData.load(write(dir), 3, Progress.NONE, Cancellation.NEVER);
    }

    /** Small encoder, 32-frame crops: enough to learn each task on this data in seconds. */
    static ProxyTrainingOptions options(List<Integer> checkpoints) {
        return new ProxyTrainingOptions(List.of(8, 16, 32), checkpoints, 16, 32, 5e-3, 11);
    }
}
