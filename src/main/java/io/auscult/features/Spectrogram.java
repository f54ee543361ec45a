package io.auscult.features;

import java.util.Objects;

/**
 * A time-major spectrogram: {@code values[frame * mels + mel]}, low frequencies first.
 * For a log-mel, values are in dB (or standardised dB when it is a model input).
 *
 * <p>The arrays are not copied: treat them as read-only.
 *
 * @param values        frames x mels, time-major
 * @param frames        number of frames
 * @param mels          number of bands
 * @param hop           hop between frames, in samples
 * @param sampleRate    sample rate of the signal it came from
 * @param bandCentresHz the centre frequency of each band, ascending
 */
public record Spectrogram(float[] values, int frames, int mels, int hop, int sampleRate, double[] bandCentresHz) {

    public Spectrogram {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(bandCentresHz, "bandCentresHz");
        if (frames < 0 || mels <= 0 || (long) frames * mels != values.length) {
            throw new IllegalArgumentException("values has " + values.length + " entries, not frames "
                    + frames + " x mels " + mels);
        }
        if (bandCentresHz.length != mels) {
            throw new IllegalArgumentException("bandCentresHz has " + bandCentresHz.length
                    + " entries, not " + mels);
        }
    }

    public float get(int frame, int mel) {
        return values[frame * mels + mel];
    }

    /** Time of a frame's centre in seconds (frames are centred on sample frame * hop). */
    public double frameTimeSeconds(int frame) {
        return frame * (double) hop / sampleRate;
    }

    public double durationSeconds() {
        return frames * (double) hop / sampleRate;
    }

    /** The same grid with other values (an error map, a reconstruction, a mask ...). */
    public Spectrogram withValues(float[] newValues) {
        return new Spectrogram(newValues, frames, mels, hop, sampleRate, bandCentresHz);
    }
}
