package io.auscult.audio;

/**
 * Band-limited sample-rate conversion: a Kaiser-windowed sinc low-pass evaluated polyphase at
 * the exact rational ratio of the two rates (as {@code scipy.signal.resample_poly} does),
 * computed in double.
 *
 * <p>Design (Kaiser's formulas, Oppenheim &amp; Schafer, <i>Discrete-Time Signal
 * Processing</i>, 3rd ed., eqs. 7.62-7.63): flat to {@value #PASSBAND_EDGE} of the lower
 * Nyquist frequency (soxr's "high quality" preset passes 91.3 %), at least
 * {@value #STOPBAND_ATTENUATION_DB} dB down from the lower Nyquist frequency on, so nothing
 * folds back into the audible band. From 44.1 kHz to 16 kHz that is flat to 7.28 kHz and
 * stopped from 8 kHz; each output sample weighs about 400 input samples.
 *
 * <p>Conventions, as librosa with soxr: output sample {@code j} lies at input time
 * {@code j * from / to} (no delay: the filter is centred on it), samples outside the input
 * count as zero, and the output has {@code ceil(n * to / from)} samples.
 *
 * <p>Why not TarsosDSP's libresample port: its filter (roll-off 0.90, Kaiser beta 6, float
 * taps without interpolation) is 3 dB down at 7 kHz and 14 dB at 7.5 kHz when going to
 * 16 kHz, aliases at about -67 dB and returns one sample too many, which the top mel bands of
 * the DCASE front end would see.
 */
public final class Resampler {

    /** Pass band edge, as a fraction of the lower of the two Nyquist frequencies. */
    static final double PASSBAND_EDGE = 0.91;
    /** Stop band edge: the lower Nyquist frequency itself. */
    static final double STOPBAND_EDGE = 1.0;
    /** Stop band attenuation the Kaiser window is designed for. */
    static final double STOPBAND_ATTENUATION_DB = 100.0;

    /** Kaiser's beta for the attenuation (eq. 7.62, the A &gt; 50 dB branch). */
    private static final double BETA = 0.1102 * (STOPBAND_ATTENUATION_DB - 8.7);
    /** Transition width in cycles per sample of the lower rate. */
    private static final double TRANSITION = (STOPBAND_EDGE - PASSBAND_EDGE) / 2;
    /** Cut-off (half-amplitude point) in cycles per sample of the lower rate. */
    private static final double CUTOFF = (PASSBAND_EDGE + STOPBAND_EDGE) / 4;
    /**
     * Half the filter length in samples of the lower rate, from Kaiser's length formula
     * {@code N = (A - 7.95) / (2.285 * 2 pi * transition)} (eq. 7.63): 72 for 100 dB.
     */
    private static final int HALF_WIDTH = (int) Math.ceil(
            (STOPBAND_ATTENUATION_DB - 7.95) / (2.285 * 2 * Math.PI * TRANSITION) / 2);

    /**
     * Ratios whose reduced numerator is larger than this (odd rates such as 16001 Hz) use
     * this many precomputed phases and interpolate linearly between the two nearest; the
     * error of that is below (1/1024)^2 * pi^2 / 8, about -118 dB. Every common pair of
     * audio rates (44.1 to 16 kHz: 160 phases; 11.025 to 16 kHz: 640) is exact.
     */
    private static final int MAX_PHASES = 1024;
    /** Refuse ratios whose filter would not fit in memory sensibly (32 Mi coefficients). */
    private static final long MAX_COEFFICIENTS = 1L << 25;

    /** The last filter built; most callers convert many files between the same two rates. */
    private static volatile Filter last;

    private Resampler() {
    }

    /**
     * Converts {@code in}, sampled at {@code fromRate}, to {@code toRate}. Returns
     * {@code ceil(in.length * toRate / fromRate)} samples; a copy of the input when the rates
     * are equal.
     *
     * @throws IllegalArgumentException if a rate is not positive or the ratio is so extreme
     *                                  that the filter would not fit in memory
     */
    public static float[] resample(float[] in, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, were " + fromRate + " and " + toRate);
        }
        if (fromRate == toRate) {
            return in.clone();
        }
        long outLength = outputLength(in.length, fromRate, toRate);
        if (outLength > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("resampling " + in.length + " samples from " + fromRate
                    + " Hz to " + toRate + " Hz gives more samples than an array can hold");
        }
        Filter f = filter(fromRate, toRate);
        float[] out = new float[(int) outLength];
        f.apply(in, out);
        return out;
    }

    /** {@code ceil(n * toRate / fromRate)}, the output length (soxr's, which librosa keeps). */
    public static long outputLength(long n, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, were " + fromRate + " and " + toRate);
        }
        if (n < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + n);
        }
        long g = gcd(fromRate, toRate);
        long up = toRate / g;
        long down = fromRate / g;
        return (n * up + down - 1) / down; // n, up, down < 2^31: no overflow
    }

    private static Filter filter(int fromRate, int toRate) {
        Filter f = last;
        if (f == null || f.fromRate != fromRate || f.toRate != toRate) {
            f = new Filter(fromRate, toRate);
            last = f;
        }
        return f;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** The polyphase filter for one pair of rates; immutable once built. */
    private static final class Filter {

        final int fromRate;
        final int toRate;
        /** Output sample j lies at input time j * down / up. */
        private final long up;
        private final long down;
        /** Taps per output sample, relative to floor(input time) - half + 1. */
        private final int taps;
        private final int half;
        /** Rows of coefficients, one per phase (fraction of an input sample). */
        private final int phases;
        private final double[][] rows;

        Filter(int fromRate, int toRate) {
            this.fromRate = fromRate;
            this.toRate = toRate;
            long g = gcd(fromRate, toRate);
            this.up = toRate / g;
            this.down = fromRate / g;
            // Frequencies scale with the lower rate: in input samples, the kernel's cut-off is
            // CUTOFF * c cycles per sample and it reaches HALF_WIDTH / c samples each way.
            double c = Math.min(1.0, toRate / (double) fromRate);
            double reach = HALF_WIDTH / c;
            this.half = (int) Math.ceil(reach);
            this.taps = 2 * half;
            this.phases = (int) Math.min(up, MAX_PHASES);
            int rowCount = phases == up ? phases : phases + 1; // + the row at fraction 1.0
            if ((long) rowCount * taps > MAX_COEFFICIENTS) {
                throw new IllegalArgumentException("cannot resample from " + fromRate + " Hz to " + toRate
                        + " Hz: the ratio is too extreme");
            }
            double cutoff = CUTOFF * c;
            double i0Beta = besselI0(BETA);
            this.rows = new double[rowCount][taps];
            for (int p = 0; p < rowCount; p++) {
                double fraction = p / (double) phases;
                double[] row = rows[p];
                for (int i = 0; i < taps; i++) {
                    // Tap i is input sample floor(t) + (i - half + 1), at distance d from t.
                    double d = fraction - (i - half + 1);
                    row[i] = kernel(d, cutoff, reach, i0Beta);
                }
            }
        }

        /**
         * The windowed sinc at distance {@code d} input samples: {@code 2 fc sinc(2 fc d)}
         * times the Kaiser window over {@code [-reach, reach]}. Its sum over integer steps is
         * 1 to within the stop band attenuation, so DC passes at unit gain.
         */
        private static double kernel(double d, double cutoff, double reach, double i0Beta) {
            double u = d / reach;
            if (Math.abs(u) >= 1) {
                return 0;
            }
            double x = 2 * cutoff * d;
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double window = besselI0(BETA * Math.sqrt(1 - u * u)) / i0Beta;
            return 2 * cutoff * sinc * window;
        }

        void apply(float[] in, float[] out) {
            int n = in.length;
            boolean exactPhases = phases == up;
            for (int j = 0; j < out.length; j++) {
                long num = j * down;
                long q = num / up;     // floor of the input time
                long r = num - q * up; // its fraction, in 1/up steps
                int start = (int) (q - half + 1);
                if (exactPhases) {
                    out[j] = (float) dot(rows[(int) r], in, start, n);
                } else {
                    double position = r * (double) phases / up;
                    int p = (int) position;
                    double a = position - p;
                    double y = dot(rows[p], in, start, n);
                    if (a > 0) {
                        y += a * (dot(rows[p + 1], in, start, n) - y);
                    }
                    out[j] = (float) y;
                }
            }
        }

        /** Sum of row[i] * in[start + i] over the taps that fall inside the input. */
        private static double dot(double[] row, float[] in, int start, int n) {
            int from = Math.max(0, -start);
            int to = Math.min(row.length, n - start);
            // Four partial sums break the add dependency chain (about 3x faster); the order
            // is fixed, so the result is deterministic.
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i = from;
            for (; i + 3 < to; i += 4) {
                int k = start + i;
                s0 += row[i] * in[k];
                s1 += row[i + 1] * in[k + 1];
                s2 += row[i + 2] * in[k + 2];
                s3 += row[i + 3] * in[k + 3];
            }
            for (; i < to; i++) {
                s0 += row[i] * in[start + i];
            }
            return (s0 + s1) + (s2 + s3);
        }
    }

    /** The modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double halfX = x / 2;
        for (int k = 1; k < 500; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
