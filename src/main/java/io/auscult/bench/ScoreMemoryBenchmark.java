package io.auscult.bench;

import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.features.Spectrogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code detect.score_1000_rss_growth_mb}: how much the process's resident memory grows over
 * 1,000 scoring calls of a 10-s clip with the conv AE, after warm-up (the first run is the
 * warm-up). ND4J keeps its arrays off the Java heap, so a leak there shows in RSS and not in the
 * heap; the target is at most 150 MB. Linux only (reads /proc/self/status).
 */
final class ScoreMemoryBenchmark implements Benchmark {

    static final int CALLS = 1000;
    private static final Path STATUS = Path.of("/proc/self/status");

    @Override
    public String name() {
        return "detect.score_1000_rss_growth_mb";
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
        if (!Files.isReadable(STATUS)) {
            throw new IllegalStateException(name() + " needs /proc/self/status (Linux)");
        }
        ReconstructionNetwork net = new ConvAutoencoder(ConvBackboneWeights.initial(1, List.of(32, 64, 128), 1), 128,
                ConvPrecision.FLOAT);
        List<Spectrogram> clip = List.of(BenchSpectrograms.tenSeconds(11));
        return new Trial() {
            @Override
            public long run() throws IOException {
                long before = residentKilobytes();
                for (int i = 0; i < CALLS; i++) {
                    net.reconstruct(clip);
                }
                // kB -> thousandths of a MB (1 MB = 1,000 kB here, close enough for a 150-MB bound).
                return residentKilobytes() - before;
            }

            @Override
            public void close() {
                net.close();
            }
        };
    }

    /** VmRSS of this process in kB. */
    static long residentKilobytes() throws IOException {
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException(STATUS + " has no VmRSS line");
    }
}
