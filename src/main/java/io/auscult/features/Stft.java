package io.auscult.features;

import java.util.Arrays;
import java.util.Objects;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The short-time Fourier transform of the front end and its inverse, as librosa's
 * {@code stft(center=True, pad_mode='constant', window='hann')} and {@code istft(center=True)}:
 * the signal is padded with nFft/2 zeros on each side, frame t is the nFft samples centred on
 * sample {@code t * hop}, so a signal of n samples has {@code 1 + floor(n / hop)} frames; each
 * frame is multiplied by the periodic {@link HannWindow} and put through a real FFT in double
 * (JTransforms), without scaling.
 *
 * <p>The inverse overlap-adds the windowed inverse FFTs and divides by the overlap-added
 * squared window (window-sum-square normalisation), then drops the nFft/2 samples of padding,
 * so {@code inverse(forward(x))} gives x back wherever a frame covers it.
 *
 * <p><b>Thread confinement:</b> an instance keeps a frame buffer and its FFT plan for speed
 * and must be used by one thread at a time. It is cheap to create (the window is shared per
 * size; the FFT plan is a few kilobytes of tables).
 */
public final class Stft {

    private final int nFft;
    private final int hop;
    private final int half;
    private final int bins;
    private final double[] window;
    private final DoubleFFT_1D fft;
    private final double[] frame;

    public Stft(FeatureSpec spec) {
        this(Objects.requireNonNull(spec, "spec").nFft(), spec.hop());
    }

    /**
     * @param nFft FFT size and window length, even
     * @param hop  hop between frame centres, 1..nFft
     */
    public Stft(int nFft, int hop) {
        if (nFft < 2 || nFft % 2 != 0) {
            throw new IllegalArgumentException("nFft must be even and >= 2, was " + nFft);
        }
        if (hop <= 0 || hop > nFft) {
            throw new IllegalArgumentException("hop must be in 1.." + nFft + ", was " + hop);
        }
        this.nFft = nFft;
        this.hop = hop;
        this.half = nFft / 2;
        this.bins = half + 1;
        this.window = HannWindow.shared(nFft);
        this.fft = new DoubleFFT_1D(nFft);
        this.frame = new double[nFft];
    }

    public int nFft() {
        return nFft;
    }

    public int hop() {
        return hop;
    }

    /** Bins per frame, nFft / 2 + 1. */
    public int bins() {
        return bins;
    }

    /** Frames of a signal of {@code samples} samples: 1 + floor(samples / hop). */
    public int frames(int samples) {
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, was " + samples);
        }
        return 1 + samples / hop;
    }

    /** The power spectrogram |STFT|^2 of float samples, computed in double. */
    public PowerSpectrogram power(float[] samples) {
        Objects.requireNonNull(samples, "samples");
        int frames = frames(samples.length);
        double[] p = new double[frames * bins];
        for (int t = 0; t < frames; t++) {
            powerFrame(samples, t, p, t * bins);
        }
        return new PowerSpectrogram(p, frames, bins);
    }

    /** The complex STFT of a signal. */
    public ComplexSpectrogram forward(double[] signal) {
        Objects.requireNonNull(signal, "signal");
        int frames = frames(signal.length);
        double[] re = new double[frames * bins];
        double[] im = new double[frames * bins];
        forwardInto(signal, signal.length, re, im);
        return new ComplexSpectrogram(re, im, frames, bins);
    }

    /** The inverse STFT with librosa's default length, hop * (frames - 1). */
    public double[] inverse(ComplexSpectrogram spectrum) {
        return inverse(spectrum, hop * Math.max(spectrum.frames() - 1, 0));
    }

    /**
     * The inverse STFT, cut or zero-extended to {@code length} samples. Samples no frame
     * covers (beyond hop * (frames - 1) + nFft / 2) are 0.
     */
    public double[] inverse(ComplexSpectrogram spectrum, int length) {
        Objects.requireNonNull(spectrum, "spectrum");
        if (spectrum.bins() != bins) {
            throw new IllegalArgumentException("spectrum has " + spectrum.bins() + " bins, this STFT has " + bins);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        double[] out = new double[length];
        double[] full = new double[nFft + hop * Math.max(spectrum.frames() - 1, 0)];
        double[] windowSum = new double[full.length];
        inverseInto(spectrum.re(), spectrum.im(), spectrum.frames(), out, full, windowSum);
        return out;
    }

    /** Power of frame t of {@code samples} into {@code out[offset .. offset + bins)}. */
    void powerFrame(float[] samples, int t, double[] out, int offset) {
        loadFrame(samples, t);
        fft.realForward(frame);
        double[] a = frame;
        out[offset] = a[0] * a[0];
        out[offset + half] = a[1] * a[1];
        for (int k = 1; k < half; k++) {
            double re = a[2 * k];
            double im = a[2 * k + 1];
            out[offset + k] = re * re + im * im;
        }
    }

    /** The complex STFT of {@code signal[0 .. n)} into preallocated time-major arrays. */
    void forwardInto(double[] signal, int n, double[] re, double[] im) {
        int frames = frames(n);
        for (int t = 0; t < frames; t++) {
            loadFrame(signal, n, t);
            fft.realForward(frame);
            // JTransforms' packed layout: a[0] = Re(0), a[1] = Re(n/2), then (Re k, Im k) pairs.
            int o = t * bins;
            re[o] = frame[0];
            im[o] = 0.0;
            re[o + half] = frame[1];
            im[o + half] = 0.0;
            for (int k = 1; k < half; k++) {
                re[o + k] = frame[2 * k];
                im[o + k] = frame[2 * k + 1];
            }
        }
    }

    /**
     * Inverse STFT into {@code out} (its length is the output length), using {@code full}
     * (length nFft + hop * (frames - 1)) and {@code windowSum} (same length) as scratch.
     */
    void inverseInto(double[] re, double[] im, int frames, double[] out, double[] full, double[] windowSum) {
        int fullLength = nFft + hop * Math.max(frames - 1, 0);
        Arrays.fill(full, 0, fullLength, 0.0);
        Arrays.fill(windowSum, 0, fullLength, 0.0);
        for (int t = 0; t < frames; t++) {
            int o = t * bins;
            frame[0] = re[o];
            frame[1] = re[o + half];
            for (int k = 1; k < half; k++) {
                frame[2 * k] = re[o + k];
                frame[2 * k + 1] = im[o + k];
            }
            fft.realInverse(frame, true);
            int start = t * hop;
            for (int i = 0; i < nFft; i++) {
                double w = window[i];
                full[start + i] += w * frame[i];
                windowSum[start + i] += w * w;
            }
        }
        // librosa divides only where the window sum exceeds the smallest normal double.
        int available = Math.min(out.length, fullLength - half);
        for (int j = 0; j < available; j++) {
            double s = windowSum[j + half];
            out[j] = s > Double.MIN_NORMAL ? full[j + half] / s : full[j + half];
        }
        Arrays.fill(out, Math.max(available, 0), out.length, 0.0);
    }

    private void loadFrame(float[] samples, int t) {
        int start = t * hop - half;
        int lo = Math.max(0, -start);
        int hi = Math.min(nFft, samples.length - start);
        if (hi <= lo) {
            Arrays.fill(frame, 0.0);
            return;
        }
        Arrays.fill(frame, 0, lo, 0.0);
        for (int i = lo; i < hi; i++) {
            frame[i] = window[i] * samples[start + i];
        }
        Arrays.fill(frame, hi, nFft, 0.0);
    }

    private void loadFrame(double[] signal, int n, int t) {
        int start = t * hop - half;
        int lo = Math.max(0, -start);
        int hi = Math.min(nFft, n - start);
        if (hi <= lo) {
            Arrays.fill(frame, 0.0);
            return;
        }
        Arrays.fill(frame, 0, lo, 0.0);
        for (int i = lo; i < hi; i++) {
            frame[i] = window[i] * signal[start + i];
        }
        Arrays.fill(frame, hi, nFft, 0.0);
    }
}
