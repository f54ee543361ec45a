package io.auscult.metrics;

/**
 * Scale-invariant signal-to-distortion ratio (Le Roux et al. 2019): both signals made
 * zero-mean, α = ⟨ŝ, s⟩/⟨s, s⟩, SI-SDR = 10·log10(‖αs‖² / ‖ŝ − αs‖²) dB. No epsilon anywhere
 * (it would break the scale invariance): an exact scaled copy gives +Infinity.
 *
 * @param db    SI-SDR in dB
 * @param alpha the optimal scale of the reference
 */
public record SiSdr(double db, double alpha) {

    /** @throws UndefinedMetricException if the reference or the estimate is constant (0/0) */
    public static SiSdr of(double[] estimate, double[] reference) {
        if (estimate.length != reference.length) {
            throw new IllegalArgumentException("estimate has " + estimate.length + " samples, reference "
                    + reference.length);
        }
        if (reference.length == 0) {
            throw new UndefinedMetricException("SI-SDR of empty signals");
        }
        // Checked on the raw input: the mean-removed energy of a constant is rounding noise, not 0.
        if (Correlation.constant(reference)) {
            throw new UndefinedMetricException("SI-SDR undefined: the reference is constant (all samples equal)");
        }
        if (Correlation.constant(estimate)) {
            throw new UndefinedMetricException("SI-SDR undefined: the estimate is constant (all samples equal)");
        }
        double[] s = centred(reference);
        double[] e = centred(estimate);
        double dot = 0;
        double ss = 0;
        for (int i = 0; i < s.length; i++) {
            dot += e[i] * s[i];
            ss += s[i] * s[i];
        }
        double alpha = dot / ss;
        double target = 0;
        double noise = 0;
        for (int i = 0; i < s.length; i++) {
            double t = alpha * s[i];
            double r = e[i] - t;
            target += t * t;
            noise += r * r;
        }
        return new SiSdr(10 * Math.log10(target / noise), alpha);
    }

    /** SI-SDR(estimate) − SI-SDR(mixture), both against the reference, in dB. */
    public static double improvement(double[] estimate, double[] mixture, double[] reference) {
        return of(estimate, reference).db() - of(mixture, reference).db();
    }

    private static double[] centred(double[] v) {
        double mean = 0;
        for (double d : v) {
            mean += d;
        }
        mean /= v.length;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] - mean;
        }
        return out;
    }
}
