package io.auscult.bench;

import io.auscult.audio.WavWriter;
import io.auscult.data.DatasetScanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code data.scan_10k}: scan a DCASE 2020 tree of 10,000 WAV files (4 machines x 2,500;
 * headers only). The tree is written once in a temporary folder before timing.
 */
final class ScanBenchmark implements Benchmark {

    private static final String[] MACHINES = {"fan", "pump", "slider", "valve"};
    private static final int FILES = 10_000;

    @Override
    public String name() {
        return "data.scan_10k";
    }

    @Override
    public Unit unit() {
        return Unit.MS;
    }

    @Override
    public Trial setUp() throws Exception {
        Path root = Files.createTempDirectory("auscult-bench-scan");
        float[] samples = BenchSignals.machine(1_600, 16_000, 7);
        for (int i = 0; i < FILES; i++) {
            String machine = MACHINES[i % MACHINES.length];
            int n = i / MACHINES.length;
            boolean train = n % 5 != 0;
            String name = (train || n % 2 == 0 ? "normal" : "anomaly") + String.format("_id_%02d_%08d.wav", n % 4 * 2, n);
            WavWriter.writePcm16(root.resolve(machine).resolve(train ? "train" : "test").resolve(name), samples, 16_000);
        }
        DatasetScanner scanner = new DatasetScanner();
        return new Trial() {
            @Override
            public long run() throws Exception {
                int found = scanner.scan(root).recordings().size();
                if (found != FILES) {
                    throw new IllegalStateException("expected " + FILES + " recordings, found " + found);
                }
                return FILES;
            }

            @Override
            public void close() throws IOException {
                try (Stream<Path> paths = Files.walk(root)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        };
    }
}
