package io.auscult.data.synth;

/**
 * A sine wavetable addressed by a 32-bit phase (one full turn = 2^32), with linear
 * interpolation between 4096 points.
 *
 * <p>Why a table and an integer phase: the synthesiser runs dozens of partials over 160,000
 * samples per clip, and a {@code Math.sin} per partial per sample would cost most of the time
 * budget. An {@code int} phase accumulator wraps exactly (arithmetic modulo 2^32), so it
 * never drifts or loses precision over a long clip, unlike a growing {@code double} phase or
 * a rotation recurrence. Interpolating 4096 points leaves an error below 3e-7 (about
 * -130 dB), far under the 16-bit output's resolution. The table is filled with
 * {@link StrictMath}, so the values are the same on every platform.
 */
final class SineTable {

    /** One full turn of phase as a {@code long} (the {@code int} phase wraps at this). */
    static final double TURN = 4294967296.0;

    private static final int BITS = 12;
    private static final int SIZE = 1 << BITS;
    private static final int FRACTION_BITS = 32 - BITS;
    private static final double FRACTION_SCALE = 1.0 / (1 << FRACTION_BITS);
    private static final double[] TABLE = new double[SIZE + 1];

    static {
        for (int i = 0; i <= SIZE; i++) {
            TABLE[i] = StrictMath.sin(2.0 * StrictMath.PI * i / SIZE);
        }
    }

    private SineTable() {
    }

    /** sin(2 pi phase / 2^32), with the phase read as unsigned. */
    static double sin(int phase) {
        int index = phase >>> FRACTION_BITS;
        double fraction = (phase & ((1 << FRACTION_BITS) - 1)) * FRACTION_SCALE;
        double a = TABLE[index];
        return a + fraction * (TABLE[index + 1] - a);
    }

    /** cos(2 pi phase / 2^32). */
    static double cos(int phase) {
        return sin(phase + (1 << 30));
    }

    /** The phase step per sample of a tone of {@code hz} at {@code sampleRate}. */
    static int increment(double hz, int sampleRate) {
        return (int) (long) Math.rint(hz / sampleRate * TURN);
    }

    /**
     * A raised-cosine ramp from 0 (x &lt;= 0) to 1 (x &gt;= 1): {@code 0.5 - 0.5 cos(pi x)}.
     * Used for the fades of events so they do not click.
     */
    static double ramp(double x) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        return 0.5 - 0.5 * cos((int) (long) Math.rint(x * (TURN / 2)));
    }
}
