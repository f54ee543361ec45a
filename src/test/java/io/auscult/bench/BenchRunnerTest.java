package io.auscult.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchRunnerTest {

    /** A benchmark that counts its runs and whether it was closed. */
    private static final class Counting implements Benchmark {
        final AtomicInteger runs = new AtomicInteger();
        boolean closed;
        final Unit unit;

        Counting(Unit unit) {
            this.unit = unit;
        }

        @Override
        public String name() {
            return "test.counting";
        }

        @Override
        public Unit unit() {
            return unit;
        }

        @Override
        public Trial setUp() {
            return new Trial() {
                @Override
                public long run() throws Exception {
                    runs.incrementAndGet();
                    Thread.sleep(2);
                    return 1000;
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }

    @Test
    void runsWarmUpThenTheRepeatsAndReportsOrderedFigures() throws Exception {
        Counting b = new Counting(Benchmark.Unit.MS);
        BenchResult r = new BenchRunner(7, 2, 0).run(b);
        assertThat(b.runs.get()).isEqualTo(9);
        assertThat(b.closed).isTrue();
        assertThat(r.name()).isEqualTo("test.counting");
        assertThat(r.unit()).isEqualTo("ms");
        assertThat(r.repeats()).isEqualTo(7);
        assertThat(r.min()).isGreaterThanOrEqualTo(2.0).isLessThanOrEqualTo(r.median());
        assertThat(r.median()).isLessThanOrEqualTo(r.max());
    }

    @Test
    void throughputUnitsDivideItemsBySeconds() throws Exception {
        BenchResult r = new BenchRunner(3, 0, 0).run(new Counting(Benchmark.Unit.perSecond("vectors")));
        assertThat(r.unit()).isEqualTo("vectors/s");
        // 1000 items in at least 2 ms: at most 500,000 items per second.
        assertThat(r.max()).isPositive().isLessThanOrEqualTo(500_000.0);
    }

    @Test
    void aMeasuredFigureIsWhatTheRunReturnedInThousandthsAndLongBenchmarksCapTheirRepeats() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Benchmark measured = new Benchmark() {
            @Override
            public String name() {
                return "test.measured";
            }

            @Override
            public Unit unit() {
                return Unit.measured("MB");
            }

            @Override
            public int maxRepeats() {
                return 2;
            }

            @Override
            public Trial setUp() {
                return () -> 1000L * (10 + runs.incrementAndGet());
            }
        };
        BenchResult r = new BenchRunner(9, 3, 1.0).run(measured);
        // One warm-up run (11 MB), then two timed ones (12, 13 MB); no time-based warm-up.
        assertThat(runs.get()).isEqualTo(3);
        assertThat(r.repeats()).isEqualTo(2);
        assertThat(r.unit()).isEqualTo("MB");
        assertThat(r.min()).isEqualTo(12.0);
        assertThat(r.max()).isEqualTo(13.0);
        assertThat(r.median()).isEqualTo(12.5);
    }

    @Test
    void aBenchmarkAboutItsFirstRunGetsNoWarmUp() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Benchmark first = new Benchmark() {
            @Override
            public String name() {
                return "test.first";
            }

            @Override
            public Unit unit() {
                return Unit.reported("MB");
            }

            @Override
            public int maxRepeats() {
                return 3;
            }

            @Override
            public int maxWarmupRuns() {
                return 0;
            }

            @Override
            public Trial setUp() {
                return () -> runs.incrementAndGet();
            }
        };
        BenchResult r = new BenchRunner(9, 3, 1.0).run(first);
        assertThat(runs.get()).isEqualTo(3);
        assertThat(r.min()).isEqualTo(1.0);
        assertThat(r.max()).isEqualTo(3.0);
    }

    @Test
    void theRssBenchmarkReadsThisProcesssResidentMemory() throws Exception {
        long kb = ScoreMemoryBenchmark.residentKilobytes();
        // A JVM with the test classes loaded is resident for more than 20 MB and less than the machine.
        assertThat(kb).isBetween(20_000L, 64L * 1024 * 1024);
    }

    @Test
    void refusesZeroRepeats() {
        assertThatThrownBy(() -> new BenchRunner(0, 0, 0)).hasMessageContaining("repeats");
    }
}
