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
    void refusesZeroRepeats() {
        assertThatThrownBy(() -> new BenchRunner(0, 0, 0)).hasMessageContaining("repeats");
    }
}
