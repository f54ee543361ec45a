package io.auscult.bench;

import java.util.Arrays;

/**
 * Times a benchmark: warm-up runs (at least {@code warmupRuns} and at least
 * {@code warmupSeconds}) so the JIT has compiled the hot paths, then {@code repeats} timed
 * runs; the median is the headline figure because it ignores the odd pause of a shared
 * machine.
 */
public final class BenchRunner {

    private final int repeats;
    private final int warmupRuns;
    private final double warmupSeconds;

    public BenchRunner(int repeats, int warmupRuns, double warmupSeconds) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, was " + repeats);
        }
        if (warmupRuns < 0 || warmupSeconds < 0) {
            throw new IllegalArgumentException("warm-up must be >= 0");
        }
        this.repeats = repeats;
        this.warmupRuns = warmupRuns;
        this.warmupSeconds = warmupSeconds;
    }

    /** The defaults of {@code auscult bench}: 3+ warm-up runs over at least 1 s, 9 repeats. */
    public static BenchRunner standard() {
        return new BenchRunner(9, 3, 1.0);
    }

    public BenchResult run(Benchmark benchmark) throws Exception {
        int repeats = Math.min(this.repeats, benchmark.maxRepeats());
        int warmups = Math.min(warmupRuns, benchmark.maxWarmupRuns());
        double warmSeconds = benchmark.maxRepeats() < Integer.MAX_VALUE || warmups == 0 ? 0 : warmupSeconds;
        try (Benchmark.Trial trial = benchmark.setUp()) {
            long warmStart = System.nanoTime();
            for (int i = 0; i < warmups || System.nanoTime() - warmStart < warmSeconds * 1e9; i++) {
                trial.run();
            }
            double[] figures = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                long items = trial.run();
                long elapsed = Math.max(1, System.nanoTime() - t0);
                figures[i] = benchmark.unit().figure(elapsed, items);
            }
            Arrays.sort(figures);
            double median = repeats % 2 == 1 ? figures[repeats / 2]
                    : (figures[repeats / 2 - 1] + figures[repeats / 2]) / 2;
            return new BenchResult(benchmark.name(), benchmark.unit().label(), median, figures[0],
                    figures[repeats - 1], repeats);
        }
    }
}
