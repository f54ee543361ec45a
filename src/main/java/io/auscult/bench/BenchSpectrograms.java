package io.auscult.bench;

import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;

/** Deterministic standardised-looking log-mels for the detector benchmarks. */
final class BenchSpectrograms {

    private BenchSpectrograms() {
    }

    /** The log-mel of a deterministic 10-s machine signal, shifted and scaled to roughly z-scores. */
    static Spectrogram tenSeconds(long seed) {
        Spectrogram s = new LogMelExtractor(FeatureSpec.DCASE).extract(BenchSignals.machine(160_000, 16_000, seed));
        float[] z = new float[s.values().length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (s.values()[i] + 40f) / 15f;
        }
        return s.withValues(z);
    }
}
