package io.auscult.explain;

import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.nn.ConvStateTensor;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.auscult.explain.ExplainFixtures.assertClose;
import static io.auscult.explain.ExplainFixtures.assertMapClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Integrated Gradients against tiny_conv_ae.ig.json: quadrature, maps, sums, deltas, completeness. */
class IntegratedGradientsFixtureTest {

    private static final Map<String, ConvStateTensor> FX = ExplainFixtures.read("tiny_conv_ae.ig.json");
    private static ReconstructionNetwork net;

    @BeforeAll
    static void open() {
        net = ExplainFixtures.tinyConvAe();
    }

    @AfterAll
    static void close() {
        net.close();
    }

    private static String fixtureRule(String rule) {
        return rule.equals("trapezoid") ? "trapezoid_exact" : rule;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gausslegendre", "trapezoid", "riemann_trapezoid"})
    void quadratureMatchesTheFixtureTo1e14(String rule) {
        PathQuadrature q = PathQuadrature.of(rule, 64);
        // Absolute 1e-14 (the README's check): the Gauss-Legendre end weights are ~1e-3 and carry
        // ~1e-15 of rounding from the Newton iteration, so a relative test would be unfair.
        double[] expectedA = FX.get(fixtureRule(rule) + ".alphas").data();
        double[] expectedW = FX.get(fixtureRule(rule) + ".weights").data();
        for (int i = 0; i < 64; i++) {
            assertThat(q.alphas()[i]).as(rule + " alpha " + i).isCloseTo(expectedA[i], within(1e-14));
            assertThat(q.weights()[i]).as(rule + " weight " + i).isCloseTo(expectedW[i], within(1e-14));
        }
    }

    @ParameterizedTest(name = "{0} baseline, {1}")
    @CsvSource({"zeros, gausslegendre", "zeros, trapezoid", "zeros, riemann_trapezoid",
            "reconstruction, gausslegendre", "reconstruction, trapezoid", "reconstruction, riemann_trapezoid"})
    void attributionSumAndDeltaMatchPyTorch(String baseline, String rule) {
        AttributionMap a = Attributions.create("ig", Map.of("steps", "64", "baseline", baseline, "rule", rule))
                .explain(ExplanationTarget.of(net, ExplainFixtures.spectrogram(FX.get("x"))), Progress.NONE,
                        Cancellation.NEVER);
        String key = baseline + "." + fixtureRule(rule);
        assertMapClose(key + " attribution", a.values(), FX.get(key + ".attribution"));
        double sum = 0;
        for (float v : a.values().values()) {
            sum += v;
        }
        assertClose(key + " sum", new double[] {sum}, FX.get(key + ".sum").data(), ExplainFixtures.RTOL);
        // The README: compare the delta absolutely, 1e-4 x |s(x) - s(x')| for float32 (a small
        // difference of large numbers); our float I/O is well inside that.
        double gap = a.score() - FX.get(baseline + ".score_baseline").data()[0];
        assertThat(a.completenessDelta()).isPresent();
        assertThat(Math.abs(a.completenessDelta().getAsDouble() - FX.get(key + ".delta").data()[0]))
                .isLessThanOrEqualTo(1e-4 * Math.abs(gap));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeros", "reconstruction"})
    void gaussLegendreIsCompleteWithinOnePercentAt64Steps(String baseline) {
        AttributionMap a = Attributions.create("ig", Map.of("steps", "64", "baseline", baseline))
                .explain(ExplanationTarget.of(net, ExplainFixtures.spectrogram(FX.get("x"))), Progress.NONE,
                        Cancellation.NEVER);
        double gap = a.score() - FX.get(baseline + ".score_baseline").data()[0];
        // Fixture: +0.053 % (zeros), -0.317 % (reconstruction): far inside the 1 %.
        assertThat(Math.abs(a.completenessDelta().getAsDouble())).isLessThanOrEqualTo(0.01 * Math.abs(gap));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 64})
    void batchSizeDoesNotChangeTheMap(int batch) {
        ExplanationTarget t = ExplanationTarget.of(net, ExplainFixtures.spectrogram(FX.get("x")));
        AttributionMap ref = Attributions.create("ig", Map.of("steps", "16")).explain(t, Progress.NONE,
                Cancellation.NEVER);
        AttributionMap b = Attributions.create("ig", Map.of("steps", "16", "batch", Integer.toString(batch)))
                .explain(t, Progress.NONE, Cancellation.NEVER);
        // Same network, same per-example arithmetic (eval mode keeps examples independent): equal to
        // float rounding of the double network.
        assertClose("batch " + batch, ExplainFixtures.melsByFrames(b.values()),
                ExplainFixtures.melsByFrames(ref.values()), 1e-6);
    }
}
