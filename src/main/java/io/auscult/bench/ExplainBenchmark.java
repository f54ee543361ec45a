package io.auscult.bench;

import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.explain.Attribution;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.Attributions;
import io.auscult.explain.ExplanationTarget;
import io.auscult.features.Spectrogram;

import java.util.List;
import java.util.Map;

/**
 * {@code explain.<method>}: one attribution map of a standardised 10-s log-mel (313 x 128) by the
 * full-size conv AE (float, seeded initial weights: the cost does not depend on their values),
 * with the settings of BENCHMARKS.md (IG 50 steps, SmoothGrad and GradientSHAP 25 samples,
 * occlusion 16 x 8 patches). The network's working memory is kept between runs, as in use.
 */
final class ExplainBenchmark implements Benchmark {

    private final String name;
    private final String method;
    private final Map<String, String> parameters;

    private ExplainBenchmark(String name, String method, Map<String, String> parameters) {
        this.name = name;
        this.method = method;
        this.parameters = parameters;
    }

    static List<Benchmark> all() {
        return List.of(
                new ExplainBenchmark("explain.saliency", "saliency", Map.of()),
                new ExplainBenchmark("explain.ig50", "ig", Map.of("steps", "50")),
                new ExplainBenchmark("explain.smoothgrad25", "smoothgrad", Map.of("samples", "25")),
                new ExplainBenchmark("explain.gradshap25", "gradshap", Map.of("samples", "25")),
                new ExplainBenchmark("explain.gradcam", "gradcam", Map.of()),
                new ExplainBenchmark("explain.occlusion", "occlusion", Map.of("patch_mels", "16", "patch_frames", "8")),
                new Ig60sPeakMemoryBenchmark());
    }

    static ConvAutoencoder network() {
        return new ConvAutoencoder(ConvBackboneWeights.initial(1, List.of(32, 64, 128), 1), 128, ConvPrecision.FLOAT);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Unit unit() {
        return Unit.MS;
    }

    @Override
    public Trial setUp() {
        ConvAutoencoder net = network();
        Attribution attribution = Attributions.create(method, parameters);
        ExplanationTarget target = new ExplanationTarget(net, BenchSpectrograms.tenSeconds(9),
                List.of(BenchSpectrograms.tenSeconds(3), BenchSpectrograms.tenSeconds(4)), 1);
        return new Trial() {
            @Override
            public long run() {
                AttributionMap map = attribution.explain(target, Progress.NONE, Cancellation.NEVER);
                if (map.values().values().length != target.input().values().length) {
                    throw new IllegalStateException("a map of the wrong shape");
                }
                return 1;
            }

            @Override
            public void close() {
                net.close();
            }
        };
    }

    /** Six 10-s log-mels end to end: a 60-s recording. */
    static Spectrogram sixtySeconds() {
        Spectrogram first = BenchSpectrograms.tenSeconds(20);
        int mels = first.mels();
        float[] v = new float[6 * first.values().length];
        for (int i = 0; i < 6; i++) {
            System.arraycopy(BenchSpectrograms.tenSeconds(20 + i).values(), 0, v, i * first.values().length,
                    first.values().length);
        }
        return new Spectrogram(v, 6 * first.frames(), mels, first.hop(), first.sampleRate(), first.bandCentresHz());
    }
}
