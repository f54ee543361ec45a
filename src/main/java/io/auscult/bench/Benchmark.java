package io.auscult.bench;

/**
 * One named measurement of {@code auscult bench}. Names are stable: later issues and
 * docs/performance.md refer to them. Inputs are generated deterministically by
 * {@link #setUp()}, which is not timed.
 */
public interface Benchmark {

    /** Stable dotted name, e.g. {@code frontend.logmel_10s}. */
    String name();

    /** What one figure means, e.g. "ms" (per run) or "vectors/s". */
    Unit unit();

    /** Creates the inputs; the returned trial is run (and timed) repeatedly, then closed. */
    Trial setUp() throws Exception;

    /**
     * At most this many timed repeats and warm-up runs, whatever was asked: for benchmarks whose
     * one run is long (a thousand scoring calls) and whose figure is not a noisy time.
     */
    default int maxRepeats() {
        return Integer.MAX_VALUE;
    }

    /**
     * At most this many untimed warm-up runs: by default one fewer than a capped benchmark times
     * (none when it runs once). A benchmark whose figure is about the first run (peak memory
     * above the level before it) returns 0.
     */
    default int maxWarmupRuns() {
        return maxRepeats() == Integer.MAX_VALUE ? Integer.MAX_VALUE : maxRepeats() - 1;
    }

    /** The timed work of one repetition. */
    interface Trial extends AutoCloseable {

        /** Runs once; returns the number of items processed (for throughput units), else 1. */
        long run() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /**
     * How a run becomes the reported figure: milliseconds per run (lower is better), items per
     * second (higher is better), or a quantity the run measured itself and returned in
     * thousandths (RSS growth in MB, say), with the label printed as the unit.
     */
    record Unit(String label, Kind kind) {

        public static final Unit MS = new Unit("ms", Kind.MILLISECONDS);

        /** A figure the trial measures itself in whole units (e.g. peak MB): {@link Trial#run()} returns it. */
        public static Unit reported(String label) {
            return new Unit(label, Kind.REPORTED);
        }

        /** A throughput unit such as {@code perSecond("vectors")} -> "vectors/s". */
        public static Unit perSecond(String items) {
            return new Unit(items + "/s", Kind.THROUGHPUT);
        }

        /** A measured quantity: {@link Trial#run()} returns it in thousandths of {@code label}. */
        public static Unit measured(String label) {
            return new Unit(label, Kind.MEASURED);
        }

        public boolean throughput() {
            return kind == Kind.THROUGHPUT;
        }

        double figure(long nanos, long items) {
            return switch (kind) {
                case MILLISECONDS -> nanos / 1e6;
                case THROUGHPUT -> items / (nanos / 1e9);
                case MEASURED -> items / 1e3;
                case REPORTED -> items;
            };
        }

        public enum Kind { MILLISECONDS, THROUGHPUT, MEASURED, REPORTED }
    }
}
