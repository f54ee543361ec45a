package io.auscult.data.synth;

import java.util.Objects;

/**
 * Where and how strongly an anomaly was placed in a clip: the design of the anomaly, not a
 * measurement (the measured footprint is the {@link AnomalyMask}).
 *
 * @param kind          what kind of anomaly
 * @param startSeconds  when it starts (fades included)
 * @param endSeconds    when it ends (decay included)
 * @param lowHz         lowest frequency it was placed at: the tone or the lowest visible
 *                      partial (tonal kinds, whose masks lie inside the range), the burst's
 *                      lower -3 dB edge, 0 for impacts (their contact click is broadband)
 * @param highHz        highest frequency it was placed at, in the same sense (strong bursts
 *                      reach beyond their -3 dB edges)
 * @param strength      how strong, in the unit {@link AnomalyKind#strengthMeaning()} names
 */
public record AnomalyEvent(AnomalyKind kind, double startSeconds, double endSeconds,
                           double lowHz, double highHz, double strength) {

    public AnomalyEvent {
        Objects.requireNonNull(kind, "kind");
        if (!(startSeconds >= 0 && endSeconds > startSeconds)) {
            throw new IllegalArgumentException("time range must satisfy 0 <= start < end, was "
                    + startSeconds + ".." + endSeconds + " s");
        }
        if (!(lowHz >= 0 && highHz >= lowHz)) {
            throw new IllegalArgumentException("frequency range must satisfy 0 <= low <= high, was "
                    + lowHz + ".." + highHz + " Hz");
        }
        if (!Double.isFinite(strength)) {
            throw new IllegalArgumentException("strength must be finite, was " + strength);
        }
    }

    public double durationSeconds() {
        return endSeconds - startSeconds;
    }
}
