package io.auscult.bench;

import java.util.List;
import java.util.Optional;

/** Every benchmark {@code auscult bench} knows, in the order it runs them. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static List<Benchmark> all() {
        return List.of(
                new LogMelBenchmark(),
                new MimiiDecodeBenchmark(),
                new ScanBenchmark(),
                new SynthClipBenchmark(),
                new DenseTrainBenchmark(),
                DetectorScoreBenchmark.dense(),
                DetectorScoreBenchmark.conv(),
                DetectorScoreBenchmark.mae(),
                ConvTrainBenchmark.autoencoder(),
                ConvTrainBenchmark.masked(),
                new ScoreMemoryBenchmark(),
                new FaithfulnessCurveBenchmark());
    }

    public static Optional<Benchmark> named(String name) {
        return all().stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
