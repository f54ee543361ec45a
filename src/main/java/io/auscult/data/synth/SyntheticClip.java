package io.auscult.data.synth;

import java.util.Objects;
import java.util.Optional;

import io.auscult.audio.AudioClip;
import io.auscult.features.Spectrogram;

/**
 * One rendered clip: samples on the 16-bit grid (so writing them as 16-bit PCM and reading
 * them back gives exactly these values), their log-mel, and for an anomalous clip what was
 * placed where and its ground-truth mask on the log-mel grid.
 *
 * <p>The arrays are not copied: treat them as read-only.
 *
 * @param spec       what was rendered
 * @param samples    mono samples in [-1, 1), multiples of 1/32768
 * @param sampleRate samples per second
 * @param logMel     log-mel (dB) of {@code samples}, DCASE front end
 * @param anomaly    the placed anomaly, or {@code null} for a normal clip
 * @param mask       the ground-truth mask, or {@code null} for a normal clip
 */
public record SyntheticClip(ClipSpec spec, float[] samples, int sampleRate, Spectrogram logMel,
                            AnomalyEvent anomaly, AnomalyMask mask) {

    public SyntheticClip {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(logMel, "logMel");
        if ((anomaly == null) != (mask == null) || (anomaly == null) == spec.isAnomalous()) {
            throw new IllegalArgumentException("an anomalous clip needs its event and mask, a normal one neither");
        }
        if (mask != null && (mask.frames() != logMel.frames() || mask.mels() != logMel.mels())) {
            throw new IllegalArgumentException("mask is " + mask.frames() + " x " + mask.mels()
                    + " but the log-mel is " + logMel.frames() + " x " + logMel.mels());
        }
    }

    public Optional<AnomalyEvent> anomalyEvent() {
        return Optional.ofNullable(anomaly);
    }

    public Optional<AnomalyMask> anomalyMask() {
        return Optional.ofNullable(mask);
    }

    /** The samples as an {@link AudioClip} named {@code source}. */
    public AudioClip toAudioClip(String source) {
        return AudioClip.of(samples, sampleRate, source);
    }
}
