package io.auscult.bench;

import java.util.SplittableRandom;

/** Deterministic test signals for benchmarks: the same bytes on every run and machine. */
final class BenchSignals {

    private BenchSignals() {
    }

    /** A machine-like signal: a 98 Hz harmonic series with slow AM, plus white noise; peak ~0.9. */
    static float[] machine(int samples, int sampleRate, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[samples];
        double f0 = 98.0 + random.nextDouble() * 10;
        for (int i = 0; i < samples; i++) {
            double t = i / (double) sampleRate;
            double am = 1 + 0.2 * Math.sin(2 * Math.PI * 0.5 * t);
            double v = 0;
            for (int h = 1; h <= 6; h++) {
                v += Math.sin(2 * Math.PI * f0 * h * t) / h;
            }
            out[i] = (float) (0.35 * am * v / 2.5 + 0.05 * (random.nextDouble() * 2 - 1));
        }
        return out;
    }
}
