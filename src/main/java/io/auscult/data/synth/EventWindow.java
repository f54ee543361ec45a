package io.auscult.data.synth;

/**
 * A span of samples with raised-cosine fades at both ends: the time course of an anomaly
 * that changes the machine for a while (a detuning, a modulation).
 *
 * @param start first sample (weight 0)
 * @param end   last sample (weight 0)
 * @param fade  length of each fade in samples; the weight is 1 between the fades
 */
record EventWindow(int start, int end, int fade) {

    EventWindow {
        if (start < 0 || end <= start || fade < 1 || 2 * fade > end - start) {
            throw new IllegalArgumentException("bad event window " + start + ".." + end + " fade " + fade);
        }
    }

    /** The weight 0..1 at sample {@code i}. */
    double weight(int i) {
        if (i <= start || i >= end) {
            return 0;
        }
        return SineTable.ramp((i - start) / (double) fade) * SineTable.ramp((end - i) / (double) fade);
    }
}
