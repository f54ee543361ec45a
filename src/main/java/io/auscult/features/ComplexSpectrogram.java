package io.auscult.features;

import java.util.Objects;

/**
 * A complex STFT, time-major: {@code re[frame * bins + bin]}, {@code im[...]} likewise, with
 * the usual sign convention {@code X[k] = sum_i x[i] exp(-2 pi j i k / nFft)}.
 *
 * <p>The arrays are not copied: treat them as read-only.
 */
public record ComplexSpectrogram(double[] re, double[] im, int frames, int bins) {

    public ComplexSpectrogram {
        Objects.requireNonNull(re, "re");
        Objects.requireNonNull(im, "im");
        if (frames < 0 || bins <= 0 || (long) frames * bins != re.length || re.length != im.length) {
            throw new IllegalArgumentException("re has " + re.length + " and im " + im.length
                    + " entries, not frames " + frames + " x bins " + bins);
        }
    }

    /** |X|^2 per bin. */
    public PowerSpectrogram power() {
        double[] p = new double[re.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = re[i] * re[i] + im[i] * im[i];
        }
        return new PowerSpectrogram(p, frames, bins);
    }
}
