package io.auscult.explain;

import io.auscult.detect.BandErrorStatistics;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.nn.ConvBackboneNetwork;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Table-driven over every registered method and the three tiny detectors (the two conv ones also
 * scored by their worst band): a map of the input's
 * shape, finite, named; the same map for the same seed; cancellation honoured. The input is 21
 * frames long, so the conv networks pad it (24) and every method must cut the padding off.
 */
class EveryMethodTest {

    private static final int FRAMES = 21;
    private static final Map<String, String> SMALL = Map.of("samples", "4", "steps", "6");
    private static final List<ReconstructionNetwork> NETWORKS = new ArrayList<>();

    @BeforeAll
    static void open() {
        NETWORKS.add(ExplainFixtures.tinyConvAe());
        NETWORKS.add(ExplainFixtures.tinyMae());
        NETWORKS.add(ExplainFixtures.tinyDenseAe());
        // The conv networks again, scored by their worst band (statistics of four random inputs).
        for (ConvBackboneNetwork band : List.of(ExplainFixtures.tinyConvAe(), ExplainFixtures.tinyMae())) {
            List<Spectrogram> normals = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                normals.add(random(band.mels(), FRAMES, 50 + s));
            }
            band.useBandScore(BandErrorStatistics.fit(band.reconstruct(normals).stream()
                    .map(io.auscult.detect.Reconstruction::errorMap).toList()));
            NETWORKS.add(band);
        }
    }

    private static String name(ReconstructionNetwork net) {
        return net.kind() + (net instanceof ConvBackboneNetwork c && c.bandScore().isPresent() ? " (band score)" : "");
    }

    @AfterAll
    static void close() {
        NETWORKS.forEach(ReconstructionNetwork::close);
    }

    static List<String> methods() {
        return Attributions.methods();
    }

    private static Spectrogram random(int mels, int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[mels * frames];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Spectrogram(v, frames, mels, 160, 16000, new double[mels]);
    }

    private static ExplanationTarget target(ReconstructionNetwork net, long seed) {
        int mels = net.mels();
        // References longer and shorter than the input: GradientSHAP crops and repeats.
        return new ExplanationTarget(net, random(mels, FRAMES, 1), List.of(random(mels, 40, 2), random(mels, 9, 3)),
                seed);
    }

    private static Map<String, String> parameters(String method) {
        return switch (method) {
            case "smoothgrad", "gradshap" -> Map.of("samples", "4");
            case "ig" -> Map.of("steps", "6");
            case "occlusion" -> Map.of("patch_mels", "4", "patch_frames", "4");
            default -> Map.of();
        };
    }

    @ParameterizedTest
    @MethodSource("methods")
    void mapHasTheInputsShapeIsFiniteAndRepeatsWithTheSeed(String method) {
        for (ReconstructionNetwork net : NETWORKS) {
            if (method.equals("gradcam") && net.kind().equals("dense")) {
                continue;
            }
            Attribution a = Attributions.create(method, parameters(method));
            ExplanationTarget t = target(net, 5);
            AttributionMap first = a.explain(t, Progress.NONE, Cancellation.NEVER);
            String what = method + " on " + name(net);
            assertThat(first.method()).as(what).isEqualTo(method);
            assertThat(first.values().frames()).as(what).isEqualTo(FRAMES);
            assertThat(first.values().mels()).as(what).isEqualTo(net.mels());
            for (float v : first.values().values()) {
                assertThat(Float.isFinite(v)).as(what + " finite").isTrue();
            }
            assertThat(first.score()).as(what + " score").isPositive()
                    .isCloseTo(net.scores(List.of(t.input()))[0], org.assertj.core.api.Assertions.within(1e-9));
            AttributionMap again = a.explain(target(net, 5), Progress.NONE, Cancellation.NEVER);
            assertThat(again.values().values()).as(what + " same seed").containsExactly(first.values().values());
        }
    }

    @Test
    void randomMethodsChangeWithTheSeed() {
        for (String method : List.of("smoothgrad", "gradshap")) {
            Attribution a = Attributions.create(method, parameters(method));
            ReconstructionNetwork net = NETWORKS.get(0);
            float[] one = a.explain(target(net, 5), Progress.NONE, Cancellation.NEVER).values().values();
            float[] two = a.explain(target(net, 6), Progress.NONE, Cancellation.NEVER).values().values();
            assertThat(two).as(method).isNotEqualTo(one);
        }
    }

    @Test
    void cancellationStopsALongMethod() {
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        assertThatThrownBy(() -> Attributions.create("ig", Map.of()).explain(target(NETWORKS.get(0), 1),
                Progress.NONE, cancel)).isInstanceOf(CancelledException.class);
    }

    @Test
    void progressReachesTheEnd() {
        List<Double> seen = new ArrayList<>();
        Attributions.create("ig", Map.of("steps", "8", "batch", "3")).explain(target(NETWORKS.get(0), 1),
                (f, m) -> seen.add(f), Cancellation.NEVER);
        assertThat(seen).isNotEmpty().isSorted();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(1.0);
    }

    @Test
    void gradientShapWithoutReferencesSaysWhatItNeeds() {
        assertThatThrownBy(() -> Attributions.create("gradshap", Map.of()).explain(
                ExplanationTarget.of(NETWORKS.get(0), random(16, FRAMES, 1)), Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("normal");
    }
}
