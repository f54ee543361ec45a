package io.auscult.faithfulness;

import io.auscult.detect.Reconstruction;
import io.auscult.features.Spectrogram;

import java.util.Objects;

/**
 * One input and what the detector thinks is its normal version: the two arrays every perturbed
 * input {@code x_k = (1 - M_k) x + M_k x_hat} is mixed from, and s(x), which the curve needs as
 * its starting point (x_0 = x is not scored again).
 *
 * @param frames         frames of the grid
 * @param mels           mel bands of the grid
 * @param input          x, time-major {@code frames x mels}
 * @param reconstruction x_hat, same layout
 * @param score          s(x)
 */
public record ReplacementClip(int frames, int mels, double[] input, double[] reconstruction, double score) {

    public ReplacementClip {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(reconstruction, "reconstruction");
        if (frames <= 0 || mels <= 0 || input.length != frames * mels || reconstruction.length != input.length) {
            throw new IllegalArgumentException("input (" + input.length + ") and reconstruction ("
                    + reconstruction.length + ") must both have frames " + frames + " x mels " + mels + " values");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("the score of the input is " + score);
        }
    }

    /** A model input and the network's reconstruction of it. */
    public static ReplacementClip of(Spectrogram input, Reconstruction reconstruction) {
        Spectrogram r = reconstruction.reconstruction();
        if (r.frames() != input.frames() || r.mels() != input.mels()) {
            throw new IllegalArgumentException("the reconstruction (" + r.frames() + " x " + r.mels()
                    + ") is not on the input's grid (" + input.frames() + " x " + input.mels() + ")");
        }
        return new ReplacementClip(input.frames(), input.mels(), toDoubles(input.values()), toDoubles(r.values()),
                reconstruction.score());
    }

    static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
