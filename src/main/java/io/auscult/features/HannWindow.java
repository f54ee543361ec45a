package io.auscult.features;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The periodic Hann window {@code w[i] = 0.5 - 0.5 cos(2 pi i / n)}, i = 0..n-1, in double.
 *
 * <p>Periodic (denominator n, not n - 1) because that is what librosa's {@code window='hann'}
 * gives ({@code scipy.signal.get_window('hann', n, fftbins=True)}): it is the window whose
 * squares overlap-add to a constant-ripple sum at hop n/2, which the STFT and its inverse rely on.
 */
public final class HannWindow {

    private static final ConcurrentHashMap<Integer, double[]> CACHE = new ConcurrentHashMap<>();

    private HannWindow() {
    }

    /** A fresh array holding the periodic Hann window of {@code length} points. */
    public static double[] periodic(int length) {
        return shared(length).clone();
    }

    /** The cached window: callers in this package must not modify it. */
    static double[] shared(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("window length must be positive, was " + length);
        }
        return CACHE.computeIfAbsent(length, HannWindow::compute);
    }

    private static double[] compute(int length) {
        double[] w = new double[length];
        for (int i = 0; i < length; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / length);
        }
        return w;
    }
}
