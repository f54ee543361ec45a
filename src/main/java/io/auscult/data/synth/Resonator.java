package io.auscult.data.synth;

/**
 * A two-pole resonator {@code y[n] = g x[n] + a1 y[n-1] - a2 y[n-2]} with poles at radius
 * {@code r = exp(-pi bw / fs)} and angle {@code 2 pi f / fs}: the textbook way to give noise
 * a resonant band (the body of a machine) at the cost of five operations per sample.
 *
 * <p>The gain {@code g} is chosen so that <em>unit-variance white noise in gives unit
 * variance out</em>. Then a machine's recipe can state each band's power directly and the
 * mix of bands does not depend on their widths. The output variance of the all-pole filter
 * for unit white input is {@code (1 + a2) / ((1 - a2) ((1 + a2)^2 - a1^2))} (the closed form
 * for a stable second-order AR process), so {@code g} is its inverse square root.
 */
final class Resonator {

    private final double centreHz;
    private final double a1;
    private final double a2;
    private final double gain;
    private final int sampleRate;
    private double y1;
    private double y2;

    Resonator(double centreHz, double bandwidthHz, int sampleRate) {
        if (!(centreHz > 0 && centreHz < sampleRate / 2.0)) {
            throw new IllegalArgumentException("resonance must lie in (0, " + sampleRate / 2.0
                    + ") Hz, was " + centreHz);
        }
        if (!(bandwidthHz > 0)) {
            throw new IllegalArgumentException("bandwidth must be positive, was " + bandwidthHz);
        }
        this.centreHz = centreHz;
        this.sampleRate = sampleRate;
        double r = StrictMath.exp(-Math.PI * bandwidthHz / sampleRate);
        this.a1 = 2 * r * StrictMath.cos(2 * Math.PI * centreHz / sampleRate);
        this.a2 = r * r;
        double variance = (1 + a2) / ((1 - a2) * ((1 + a2) * (1 + a2) - a1 * a1));
        this.gain = 1 / Math.sqrt(variance);
    }

    /** Filters one sample. */
    double next(double x) {
        double y = gain * x + a1 * y1 - a2 * y2;
        y2 = y1;
        y1 = y;
        return y;
    }

    /**
     * The power gain at {@code hz} relative to the power gain at the centre (1 at the centre,
     * about 0.5 at centre +- bandwidth / 2): for weighting partials by the same resonance
     * that colours the noise, without filtering them.
     */
    double relativePowerAt(double hz) {
        return response(hz) / response(centreHz);
    }

    private double response(double hz) {
        double w = 2 * Math.PI * hz / sampleRate;
        // |1 - a1 e^{-jw} + a2 e^{-2jw}|^2
        double re = 1 - a1 * StrictMath.cos(w) + a2 * StrictMath.cos(2 * w);
        double im = a1 * StrictMath.sin(w) - a2 * StrictMath.sin(2 * w);
        return 1 / (re * re + im * im);
    }
}
