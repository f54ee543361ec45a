package io.auscult.features;

import java.util.Objects;

/**
 * A linear power spectrogram {@code |STFT|^2}: time-major {@code values[frame * bins + bin]},
 * bin k at k * sampleRate / nFft Hz, in double (the front end keeps the FFT and its power in
 * double; see the fixtures' README on float32 FFT error).
 *
 * <p>The array is not copied: treat it as read-only.
 */
public record PowerSpectrogram(double[] values, int frames, int bins) {

    public PowerSpectrogram {
        Objects.requireNonNull(values, "values");
        if (frames < 0 || bins <= 0 || (long) frames * bins != values.length) {
            throw new IllegalArgumentException("values has " + values.length + " entries, not frames "
                    + frames + " x bins " + bins);
        }
    }

    public double get(int frame, int bin) {
        return values[frame * bins + bin];
    }
}
