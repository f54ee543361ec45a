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
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes the encoder of the "pretrained" task: a broad synthetic corpus (all four machine
 * types, {@value #IDS} ids each, {@value #CLIPS_PER_ID} normal clips of {@value #SECONDS} s per id,
 * written with seed {@value #CORPUS_SEED}; a different seed and more ids than the demo set, so
 * the lab never evaluates it on clips it saw), machine-id classification, {@value #EPOCHS}
 * epochs at widths 16/32/64. The same seed on the same machine gives the same encoder; the
 * shipped file is the output of {@code auscult proxy pretrain --out resources/proxy/pretrained-encoder.bin}.
 */
public final class Pretraining {

    public static final long CORPUS_SEED = 2026;
    public static final int IDS = 4;
    public static final int CLIPS_PER_ID = 16;
    public static final double SECONDS = 5.0;
    public static final int EPOCHS = 20;
    public static final List<Integer> WIDTHS = List.of(16, 32, 64);

    private Pretraining() {
    }

    /** Writes the corpus into {@code workDir} (an empty or new folder) and trains the encoder. */
    public static EncoderWeights run(Path workDir, Progress progress, Cancellation cancellation) {
        SynthDatasetSpec spec = new SynthDatasetSpec(List.of(MachineType.values()), IDS, CLIPS_PER_ID, 0, 0, SECONDS,
                0.0, 12.0, 0.25, List.of(AnomalyKind.values()), SynthDatasetSpec.Layout.DCASE2020);
        ScanResult scan;
        try {
            SynthDatasetWriter.write(workDir, spec, CORPUS_SEED, progress.slice(0, 0.2), cancellation);
            scan = new DatasetScanner().scan(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pretraining corpus to " + workDir, e);
        } catch (io.auscult.data.DatasetScanException e) {
            throw new IllegalStateException("cannot scan the pretraining corpus in " + workDir + ": "
                    + e.getMessage(), e);
        }
        LabData data = LabData.load(scan, CORPUS_SEED, progress.slice(0.2, 0.3), cancellation);
        ProxyTrainingOptions options = new ProxyTrainingOptions(WIDTHS, List.of(EPOCHS), 32, 64, 3e-3, CORPUS_SEED);
        EncoderWeights[] out = new EncoderWeights[1];
        ProxyTrainer.train(ProxyTaskKind.CLASSIFICATION, data, options, null,
                (epoch, model, loss) -> out[0] = model.encoderWeights(), progress.slice(0.3, 1), cancellation);
        return out[0];
    }
}
