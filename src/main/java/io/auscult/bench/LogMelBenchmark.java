package io.auscult.bench;

import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;

/** {@code frontend.logmel_10s}: one 10-s 16 kHz clip to a 313 x 128 log-mel, one thread. */
final class LogMelBenchmark implements Benchmark {

    @Override
    public String name() {
        return "frontend.logmel_10s";
    }

    @Override
    public Unit unit() {
        return Unit.MS;
    }

    @Override
    public Trial setUp() {
        float[] clip = BenchSignals.machine(160_000, 16_000, 1);
        LogMelExtractor extractor = new LogMelExtractor(FeatureSpec.DCASE);
        return () -> {
            if (extractor.extract(clip).frames() != 313) {
                throw new IllegalStateException("expected 313 frames");
            }
            return 1;
        };
    }
}
