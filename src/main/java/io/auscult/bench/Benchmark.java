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

    /** The timed work of one repetition. */
    interface Trial extends AutoCloseable {

        /** Runs once; returns the number of items processed (for throughput units), else 1. */
        long run() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /**
     * How elapsed time becomes the reported figure: milliseconds per run (lower is better)
     * or items per second (higher is better), with the label printed as the unit.
     */
    record Unit(String label, boolean throughput, boolean reported) {

        public static final Unit MS = new Unit("ms", false);

        public Unit(String label, boolean throughput) {
            this(label, throughput, false);
        }

        /** A figure the trial measures itself (e.g. peak memory): {@link Trial#run()} returns it. */
        public static Unit reported(String label) {
            return new Unit(label, false, true);
        }

        /** A throughput unit such as {@code perSecond("vectors")} -> "vectors/s". */
        public static Unit perSecond(String items) {
            return new Unit(items + "/s", true);
        }

        double figure(long nanos, long items) {
            if (reported) {
                return items;
            }
            return throughput ? items / (nanos / 1e9) : nanos / 1e6;
        }
    }
}
