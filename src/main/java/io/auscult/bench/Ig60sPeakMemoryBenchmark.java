package io.auscult.bench;

import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.explain.Attributions;
import io.auscult.explain.ExplanationTarget;
import io.auscult.features.Spectrogram;
import org.bytedeco.javacpp.Pointer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code explain.ig50_60s_peak_mb}: the peak resident memory, in MB above the level before the
 * run, of Integrated Gradients (50 steps, automatic internal batch) on a 60-s recording with the
 * conv AE. Resident memory (JavaCPP's {@code Pointer.physicalBytes()}, the process's RSS) counts
 * native ND4J/oneDNN buffers and the Java heap alike; a thread samples it every millisecond
 * during each run. The baseline is the RSS before the first run (network loaded, nothing
 * explained yet): the allocator keeps freed pages, so a baseline taken before later runs would
 * hide what the first one took. Every run reports its peak above that one baseline, so a run
 * that grows memory shows up as a larger figure.
 */
final class Ig60sPeakMemoryBenchmark implements Benchmark {

    @Override
    public String name() {
        return "explain.ig50_60s_peak_mb";
    }

    @Override
    public Unit unit() {
        return Unit.reported("MB");
    }

    /** One run is IG-50 on a minute of audio (seconds); a peak is not a noisy time: three runs do. */
    @Override
    public int maxRepeats() {
        return 3;
    }

    /** The first run is the one that takes memory from the system: no warm-up before it. */
    @Override
    public int maxWarmupRuns() {
        return 0;
    }

    @Override
    public Trial setUp() {
        ConvAutoencoder net = ExplainBenchmark.network();
        Spectrogram x = ExplainBenchmark.sixtySeconds();
        ExplanationTarget target = ExplanationTarget.of(net, x);
        System.gc();
        long baseline = Pointer.physicalBytes();
        return new Trial() {
            @Override
            public long run() throws InterruptedException {
                AtomicLong peak = new AtomicLong(baseline);
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(Pointer.physicalBytes(), Math::max);
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "peak-memory-sampler");
                sampler.setDaemon(true);
                sampler.start();
                try {
                    Attributions.create("ig", Map.of("steps", "50")).explain(target, Progress.NONE,
                            Cancellation.NEVER);
                } finally {
                    sampler.interrupt();
                    sampler.join();
                }
                peak.accumulateAndGet(Pointer.physicalBytes(), Math::max);
                return Math.round((peak.get() - baseline) / 1e6);
            }

            @Override
            public void close() {
                net.close();
            }
        };
    }
}
