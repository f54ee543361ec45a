package io.auscult.bench;

import java.util.List;
import java.util.Optional;

/** Every benchmark {@code auscult bench} knows, in the order it runs them. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static List<Benchmark> all() {
        List<Benchmark> all = new java.util.ArrayList<>(List.of(
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
                SpectrogramViewBenchmarks.render(),
                SpectrogramViewBenchmarks.open()));
        all.addAll(ExplainBenchmark.all());
        all.add(new ProxyRunDemoBenchmark());
        all.add(new FaithfulnessCurveBenchmark());
        all.add(PerturbStepBenchmark.autoencoder());
        all.add(PerturbStepBenchmark.masked());
        all.add(new ResynthesisBenchmark());
        all.addAll(GridStudyBenchmark.all());
        return List.copyOf(all);
    }

    public static Optional<Benchmark> named(String name) {
        return all().stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
