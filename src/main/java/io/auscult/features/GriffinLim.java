package io.auscult.features;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Phase reconstruction from an STFT magnitude: the fast Griffin-Lim algorithm (Perraudin,
 * Balazs and Sondergaard 2013), as librosa's {@code griffinlim(momentum=0.99, init='random')}.
 * Starting from seeded random phases, each iteration takes the inverse {@link Stft} of
 * magnitude x phase, the STFT of that signal, extrapolates it away from the previous
 * iteration's STFT by {@code momentum / (1 + momentum)}, and keeps only its phase. The result
 * is the inverse STFT of magnitude x final phase.
 *
 * <p>Same magnitude, same options -> the same signal (the initial phase comes from a
 * {@link SplittableRandom} with the options' seed).
 *
 * <p><b>Thread confinement:</b> holds an {@link Stft}; use one instance per thread.
 */
public final class GriffinLim {

    /**
     * @param iterations Griffin-Lim iterations (librosa's default 32)
     * @param momentum   fast Griffin-Lim momentum in [0, 1]; 0 is the classic algorithm,
     *                   0.99 librosa's default
     * @param seed       seed of the random initial phase
     */
    public record Options(int iterations, double momentum, long seed) {

        public static final Options DEFAULT = new Options(32, 0.99, 0L);

        public Options {
            if (iterations < 0) {
                throw new IllegalArgumentException("iterations must be >= 0, was " + iterations);
            }
            if (!(momentum >= 0 && momentum <= 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1], was " + momentum);
            }
        }

        public Options withIterations(int newIterations) {
            return new Options(newIterations, momentum, seed);
        }

        public Options withSeed(long newSeed) {
            return new Options(iterations, momentum, newSeed);
        }
    }

    private final Stft stft;
    private final Options options;

    public GriffinLim(FeatureSpec spec) {
        this(spec, Options.DEFAULT);
    }

    public GriffinLim(FeatureSpec spec, Options options) {
        this(Objects.requireNonNull(spec, "spec").nFft(), spec.hop(), options);
    }

    public GriffinLim(int nFft, int hop, Options options) {
        this.stft = new Stft(nFft, hop);
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /**
     * A signal of {@code hop * (frames - 1)} samples whose centred STFT magnitude approximates
     * {@code magnitude}.
     *
     * @param magnitude time-major {@code frames x (nFft / 2 + 1)} STFT magnitudes, >= 0
     * @param frames    number of frames, >= 1
     */
    public double[] reconstruct(double[] magnitude, int frames) {
        Objects.requireNonNull(magnitude, "magnitude");
        int bins = stft.bins();
        if (frames < 1 || (long) frames * bins != magnitude.length) {
            throw new IllegalArgumentException("magnitude has " + magnitude.length + " values, not frames "
                    + frames + " x bins " + bins);
        }
        int size = magnitude.length;
        int length = stft.hop() * (frames - 1);
        int fullLength = stft.nFft() + stft.hop() * (frames - 1);
        double[] signal = new double[length];
        double[] full = new double[fullLength];
        double[] windowSum = new double[fullLength];

        // Unit phasors; librosa: angles = exp(2 pi j * uniform[0, 1)).
        double[] angleRe = new double[size];
        double[] angleIm = new double[size];
        SplittableRandom random = new SplittableRandom(options.seed());
        for (int i = 0; i < size; i++) {
            double phase = 2 * Math.PI * random.nextDouble();
            angleRe[i] = Math.cos(phase);
            angleIm[i] = Math.sin(phase);
        }
        double[] re = new double[size];
        double[] im = new double[size];
        double[] rebuiltRe = new double[size];
        double[] rebuiltIm = new double[size];
        double[] previousRe = new double[size];
        double[] previousIm = new double[size];
        double beta = options.momentum() / (1 + options.momentum());

        for (int iteration = 0; iteration < options.iterations(); iteration++) {
            combine(magnitude, angleRe, angleIm, re, im);
            stft.inverseInto(re, im, frames, signal, full, windowSum);
            // The previous STFT (zero before the first) is kept for the momentum step.
            double[] swap = previousRe;
            previousRe = rebuiltRe;
            rebuiltRe = swap;
            swap = previousIm;
            previousIm = rebuiltIm;
            rebuiltIm = swap;
            stft.forwardInto(signal, length, rebuiltRe, rebuiltIm);
            double previousWeight = iteration == 0 ? 0.0 : beta;
            for (int i = 0; i < size; i++) {
                double r = rebuiltRe[i] - previousWeight * previousRe[i];
                double m = rebuiltIm[i] - previousWeight * previousIm[i];
                double norm = Math.sqrt(r * r + m * m) + Double.MIN_NORMAL;
                angleRe[i] = r / norm;
                angleIm[i] = m / norm;
            }
        }
        combine(magnitude, angleRe, angleIm, re, im);
        stft.inverseInto(re, im, frames, signal, full, windowSum);
        return signal;
    }

    private static void combine(double[] magnitude, double[] angleRe, double[] angleIm, double[] re, double[] im) {
        for (int i = 0; i < magnitude.length; i++) {
            re[i] = magnitude[i] * angleRe[i];
            im[i] = magnitude[i] * angleIm[i];
        }
    }
}
