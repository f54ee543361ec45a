package io.auscult.ui.explain;

import io.auscult.audio.AudioClip;
import io.auscult.data.Recording;
import io.auscult.data.synth.AnomalyMask;
import io.auscult.detect.Reconstruction;
import io.auscult.features.Spectrogram;
import io.auscult.ui.model.LoadedModel;

import java.util.Objects;
import java.util.Optional;

/**
 * The clip on screen as the explanation views need it: the model that scored it, the recording,
 * its audio, its log-mel in dB (what the user sees), the standardised model input (what the
 * model and every attribution method see), the model's reconstruction of that input and its score.
 *
 * @param reconstruction null for a detector without one (the proxy lab's embedding detector):
 *                       then there is no error curve, reconstruction picture or replacement test
 * @param score          the model's score of the clip
 * @param mask           ground truth (synthetic clips) or the user's annotation, when known
 */
public record ClipContext(LoadedModel model, Recording recording, AudioClip audio, Spectrogram logMelDb,
                          Spectrogram input, Reconstruction reconstruction, double score, Optional<AnomalyMask> mask) {

    public ClipContext {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(logMelDb, "logMelDb");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(mask, "mask");
        if (input.frames() != logMelDb.frames() || input.mels() != logMelDb.mels()) {
            throw new IllegalArgumentException("the model input (" + input.frames() + " x " + input.mels()
                    + ") is not on the log-mel's grid (" + logMelDb.frames() + " x " + logMelDb.mels() + ")");
        }
    }

    /** Whether the model reconstructs its input (every detector but the embedding detector). */
    public boolean hasReconstruction() {
        return reconstruction != null;
    }

    /** The reconstruction in dB, on the log-mel's scale (the standardisation undone). */
    public Spectrogram reconstructionDb() {
        if (reconstruction == null) {
            throw new IllegalStateException("the " + model.kind().word() + " detector has no reconstruction");
        }
        return model.detector().standardiser().invert(reconstruction.reconstruction());
    }

    /** |log-mel - reconstruction| in dB, bin by bin. */
    public Spectrogram differenceDb() {
        float[] a = logMelDb.values();
        float[] b = reconstructionDb().values();
        float[] d = new float[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(a[i] - b[i]);
        }
        return logMelDb.withValues(d);
    }

    /** A model input on this clip's grid, in dB (e.g. a perturbed input). */
    public Spectrogram toDb(Spectrogram standardised) {
        return model.detector().standardiser().invert(standardised);
    }

    /** "fan/test/anomaly_id_00_00000007.wav" style short name. */
    public String clipName() {
        return String.valueOf(recording.path().getFileName());
    }
}
