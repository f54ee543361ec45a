package io.auscult.features;

/**
 * The Slaney mel scale (Auditory Toolbox; librosa's default, {@code htk=False}): linear
 * below 1 kHz at 3 mels per 200 Hz, logarithmic above, with 27 mels per factor 6.4, so the
 * two pieces meet at 1 kHz = 15 mels.
 */
public final class MelScale {

    private static final double HZ_PER_MEL = 200.0 / 3.0;
    private static final double BREAK_HZ = 1000.0;
    private static final double BREAK_MEL = BREAK_HZ / HZ_PER_MEL; // 15
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private MelScale() {
    }

    public static double hzToMel(double hz) {
        if (hz >= BREAK_HZ) {
            return BREAK_MEL + Math.log(hz / BREAK_HZ) / LOG_STEP;
        }
        return hz / HZ_PER_MEL;
    }

    public static double melToHz(double mel) {
        if (mel >= BREAK_MEL) {
            return BREAK_HZ * Math.exp(LOG_STEP * (mel - BREAK_MEL));
        }
        return HZ_PER_MEL * mel;
    }
}
