package io.auscult.bench;

import io.auscult.audio.AudioClip;
import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.SpectralGainResynthesis;
import io.auscult.features.Spectrogram;

import java.util.Optional;

/**
 * {@code features.resynthesis_10s}: the audio of an edited 10-s log-mel with the original
 * phase ({@link SpectralGainResynthesis#render}): STFT of the original, a gain per bin from the
 * band gains of all 313 x 128 bins (every bin edited, so none takes the unchanged shortcut),
 * inverse STFT. The clip is the deterministic machine signal of the other front-end benchmarks.
 */
final class ResynthesisBenchmark implements Benchmark {

    @Override
    public String name() {
        return "features.resynthesis_10s";
    }

    @Override
    public Unit unit() {
        return Unit.MS;
    }

    @Override
    public Trial setUp() {
        FeatureSpec spec = FeatureSpec.DCASE;
        AudioClip clip = AudioClip.of(BenchSignals.machine(10 * spec.sampleRate(), spec.sampleRate(), 5),
                spec.sampleRate(), "bench machine signal");
        Spectrogram original = new LogMelExtractor(spec).extract(clip);
        float[] edited = original.values().clone();
        for (int i = 0; i < edited.length; i++) {
            // -20..+6 dB, varying over bands and frames: a reconstruction-like edit of every bin.
            edited[i] += (float) (-7 + 13 * Math.sin(0.37 * i));
        }
        Spectrogram target = original.withValues(edited);
        return () -> {
            AudioClip out = SpectralGainResynthesis.render(Optional.of(clip), spec, original, target);
            if (out.length() != clip.length()) {
                throw new IllegalStateException(out.length() + " samples, not " + clip.length());
            }
            return 1;
        };
    }
}
