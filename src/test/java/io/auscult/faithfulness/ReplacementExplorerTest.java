package io.auscult.faithfulness;

import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.detect.Networks;
import io.auscult.detect.Reconstruction;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.ScoreGradient;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.explain.AttributionMap;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.store.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The slider engine on the shipped demo detectors (fan AE, MAE and dense) and an anomalous demo
 * clip, cut to its first 96 frames (3 s) to keep the test fast: the curve it gives is the one
 * {@link FaithfulnessMeasure#measure} gives, and each budget of the slider scores what the
 * curve scores at that budget.
 */
class ReplacementExplorerTest {

    private static final Path CLIP = Path.of("samples/fan/test/anomaly_id_00_00000000.wav");
    private static final int FRAMES = 96;
    /**
     * Two random orders (not the default 5) keep the test fast; the reference code is the same.
     */
    private static final FaithfulnessMeasure MEASURE =
            new FaithfulnessMeasure(ReplacementPerturbation.standard(), 2, 7);
    /**
     * at(k) scores x_k alone, the curve scores it in a batch of up to 8: oneDNN may pick another
     * kernel for another batch shape, and float sums in another order differ in the last bits
     * (about 1e-7 relative for a mean over 12k bins). 1e-6 relative leaves a margin of ten over
     * that and still fails on any real difference (a wrong mask moves the score by far more).
     */
    private static final double BATCH_TOLERANCE = 1e-6;

    private static TrainedDetector detector(String kind) throws IOException {
        return ModelFile.read(Path.of("samples/models/fan-" + kind + ".auscult"), Networks.LOADER);
    }

    private static Spectrogram input(TrainedDetector d) throws Exception {
        Spectrogram full = d.standardiser().apply(new LogMelExtractor(d.features())
                .extract(AudioLoader.load(CLIP, ChannelChoice.MEAN, d.features().sampleRate())));
        return new Spectrogram(Arrays.copyOf(full.values(), FRAMES * full.mels()), FRAMES, full.mels(), full.hop(),
                full.sampleRate(), full.bandCentresHz());
    }

    private static double[] errorMap(ReconstructionNetwork network, Spectrogram input) {
        return ReplacementClip.toDoubles(network.reconstruct(List.of(input)).get(0).errorMap().values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ae", "mae", "dense"})
    void theCurveIsTheMeasuresAndEachBudgetScoresWhatTheCurveScores(String kind) throws Exception {
        try (TrainedDetector d = detector(kind)) {
            ReconstructionNetwork network = d.reconstruction().orElseThrow();
            Spectrogram input = input(d);
            double[] map = errorMap(network, input);
            ReplacementUnits units = ReplacementUnits.bins(input.frames(), input.mels());
            ReplacementExplorer explorer = ReplacementExplorer.prepare(network, input, map, units, MEASURE);

            // The measure's own path, as a comparison run takes it.
            Reconstruction rec = network.reconstruct(List.of(input)).get(0);
            ReplacementClip clip = ReplacementClip.of(input, rec);
            NetworkScorer scorer = new NetworkScorer(network, input);
            RandomReference reference = MEASURE.reference(clip, units, scorer, Cancellation.NEVER);
            Faithfulness expected = MEASURE.measure(clip, units, map, reference, scorer);

            Faithfulness actual = explorer.faithfulness(Cancellation.NEVER);
            assertThat(explorer.faithfulness(Cancellation.NEVER)).as("computed once").isSameAs(actual);
            assertThat(explorer.computedFaithfulness()).containsSame(actual);
            // Same code, same inputs, same batch shapes: equal up to run-to-run noise, which a
            // deterministic forward pass does not have; 1e-9 relative only absorbs the unexpected.
            assertThat(actual.curve().area()).isCloseTo(expected.curve().area(),
                    within(1e-9 * Math.abs(expected.curve().area())));
            assertThat(actual.gain()).isCloseTo(expected.gain(), within(1e-9 * Math.abs(expected.curve().area())));
            assertThat(actual.reference().meanArea()).isCloseTo(reference.meanArea(),
                    within(1e-9 * Math.abs(reference.meanArea())));
            double[] expectedDrops = expected.curve().drops();
            double[] actualDrops = actual.curve().drops();
            for (int i = 0; i < expectedDrops.length; i++) {
                assertThat(actualDrops[i]).as("d(k_%d)", i).isCloseTo(expectedDrops[i], within(1e-9));
            }

            assertThat(explorer.scoreInput()).isEqualTo(rec.score());
            float[] mapAsFloats = network.reconstruct(List.of(input)).get(0).errorMap().values();
            ReplacementExplorer fromMap = ReplacementExplorer.prepare(network, input,
                    new AttributionMap("error", Map.of(), input.withValues(mapAsFloats), rec.score(),
                            OptionalDouble.empty()), units, MEASURE);
            assertThat(fromMap.order()).as("an AttributionMap orders as its values do").isEqualTo(explorer.order());
            assertThat(explorer.order()).isEqualTo(UnitOrder.byAttribution(map));
            assertThat(explorer.reconstruction().values()).containsExactly(rec.reconstruction().values());
            assertThat(explorer.scoreReconstruction()).isCloseTo(actual.curve().scoreReconstruction(),
                    within(BATCH_TOLERANCE * Math.abs(actual.curve().scoreReconstruction())));

            ReplacementCurve curve = actual.curve();
            double[] k = curve.fractions();
            double[] scores = curve.scores();
            int[] n = curve.units();
            for (int i = 0; i < k.length; i++) {
                ReplacementExplorer.Step step = explorer.at(k[i]);
                assertThat(step.fraction()).isEqualTo(k[i]);
                assertThat(step.unitsReplaced()).as("n_k at k = %s", k[i]).isEqualTo(n[i]);
                assertThat(step.score()).as("s(x_k) at k = %s", k[i])
                        .isCloseTo(scores[i], within(BATCH_TOLERANCE * Math.abs(scores[i])));
                assertThat(step.drop()).isEqualTo((explorer.scoreInput() - step.score())
                        / (explorer.scoreInput() - explorer.scoreReconstruction()));
                assertThat(step.replaced()).containsExactly(
                        ReplacementPerturbation.replacedBins(units, explorer.order(), n[i]));
                assertThat(step.binsReplaced()).isEqualTo(n[i]);
            }
            assertThat(explorer.at(0).drop()).isEqualTo(0.0);
            assertThat(explorer.at(1).drop()).isEqualTo(1.0);
        }
    }

    @Test
    void perturbedInputMixesInputAndReconstructionByTheOrder() throws Exception {
        try (TrainedDetector d = detector("ae")) {
            Spectrogram input = input(d);
            double[] map = errorMap(d.reconstruction().orElseThrow(), input);
            ReplacementUnits units = ReplacementUnits.patches(input.frames(), input.mels(), 8, 4);
            ReplacementExplorer explorer = ReplacementExplorer.prepare(d.reconstruction().orElseThrow(), input, map, units, MEASURE);
            ReplacementExplorer.Step step = explorer.at(0.37);
            int n = BudgetGrid.unitsAt(0.37, units.count());
            assertThat(step.unitsReplaced()).isEqualTo(n);
            double[] expected = ReplacementPerturbation.perturbedInputs(explorer.clip(), units, explorer.order(),
                    new int[] {n}).get(0);
            float[] actual = step.perturbed().values();
            for (int i = 0; i < actual.length; i++) {
                assertThat((double) actual[i]).isEqualTo(expected[i]);
                assertThat(actual[i]).isEqualTo(step.replaced()[i] ? explorer.reconstruction().values()[i]
                        : input.values()[i]);
            }
            // 128 bands x 96 frames tile exactly into 16 x 24 patches of 8 x 4 bins.
            assertThat(units.count()).isEqualTo(16 * 24);
            assertThat(step.binsReplaced()).isEqualTo(n * 8 * 4);
            assertThat(step.perturbed().frames()).isEqualTo(input.frames());
            assertThat(step.perturbed().hop()).isEqualTo(input.hop());
        }
    }

    @Test
    void scoresAreCachedByUnitCountAndTheEndsNeedNoNetworkCall() throws Exception {
        try (TrainedDetector d = detector("ae")) {
            Spectrogram input = input(d);
            CountingNetwork network = new CountingNetwork(d.reconstruction().orElseThrow());
            double[] map = errorMap(d.reconstruction().orElseThrow(), input);
            ReplacementExplorer explorer = ReplacementExplorer.prepare(network, input, map,
                    ReplacementUnits.bins(input.frames(), input.mels()), MEASURE);
            assertThat(network.calls).as("x and x_hat, one call each").isEqualTo(2);

            assertThat(explorer.cachedAt(0.3)).isEmpty();
            ReplacementExplorer.Step first = explorer.at(0.3);
            assertThat(network.calls).isEqualTo(3);
            assertThat(network.inputs).as("one input per step").isEqualTo(3);
            ReplacementExplorer.Step again = explorer.at(0.3);
            assertThat(network.calls).as("cached").isEqualTo(3);
            assertThat(again.score()).isEqualTo(first.score());
            assertThat(explorer.cachedAt(0.3)).isPresent().get()
                    .extracting(ReplacementExplorer.Step::score).isEqualTo(first.score());
            // A k with the same n_k reuses the score too (n_k = ceil(k N)).
            int total = input.frames() * input.mels();
            double sameUnits = (BudgetGrid.unitsAt(0.3, total) - 0.5) / total;
            assertThat(explorer.at(sameUnits).score()).isEqualTo(first.score());
            assertThat(network.calls).isEqualTo(3);

            assertThat(explorer.at(0).score()).isEqualTo(explorer.scoreInput());
            assertThat(explorer.at(1).score()).isEqualTo(explorer.scoreReconstruction());
            assertThat(network.calls).as("k = 0 and k = 1 are known").isEqualTo(3);

            for (double bad : new double[] {-0.01, 1.01, Double.NaN}) {
                assertThatThrownBy(() -> explorer.at(bad)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("[0, 1]");
            }
        }
    }

    @Test
    void aPaintedRegionIsReplacedAndScoredLikeTheSameMaskOfTheSlider() throws Exception {
        try (TrainedDetector d = detector("ae")) {
            Spectrogram input = input(d);
            CountingNetwork network = new CountingNetwork(d.reconstruction().orElseThrow());
            double[] map = errorMap(d.reconstruction().orElseThrow(), input);
            ReplacementExplorer explorer = ReplacementExplorer.prepare(network, input, map,
                    ReplacementUnits.bins(input.frames(), input.mels()), MEASURE);
            int bins = input.frames() * input.mels();

            ReplacementExplorer.Step none = explorer.region(new boolean[bins]);
            assertThat(none.score()).isEqualTo(explorer.scoreInput());
            assertThat(none.drop()).isEqualTo(0.0);
            assertThat(none.fraction()).isEqualTo(0.0);
            boolean[] all = new boolean[bins];
            Arrays.fill(all, true);
            ReplacementExplorer.Step everything = explorer.region(all);
            assertThat(everything.drop()).isEqualTo(1.0);
            assertThat(everything.perturbed().values()).containsExactly(explorer.reconstruction().values());
            assertThat(network.calls).as("the empty and the full region need no network call").isEqualTo(2);

            ReplacementExplorer.Step slider = explorer.at(0.25);
            ReplacementExplorer.Step painted = explorer.region(slider.replaced());
            assertThat(painted.score()).as("same input, alone both times")
                    .isCloseTo(slider.score(), within(1e-12 * Math.abs(slider.score())));
            assertThat(painted.fraction()).isEqualTo(BudgetGrid.unitsAt(0.25, bins) / (double) bins);
            assertThat(painted.perturbed().values()).containsExactly(slider.perturbed().values());

            // A rectangle: frames 10..29, bands 20..59.
            boolean[] rect = new boolean[bins];
            for (int f = 10; f < 30; f++) {
                for (int m = 20; m < 60; m++) {
                    rect[f * input.mels() + m] = true;
                }
            }
            ReplacementExplorer.Step r = explorer.region(rect);
            assertThat(r.unitsReplaced()).isEqualTo(20 * 40);
            assertThat(r.fraction()).isEqualTo(800.0 / bins);
            assertThat(r.perturbed().get(15, 30)).isEqualTo(explorer.reconstruction().get(15, 30));
            assertThat(r.perturbed().get(15, 70)).isEqualTo(input.get(15, 70));
            assertThat(r.drop()).isEqualTo((explorer.scoreInput() - r.score())
                    / (explorer.scoreInput() - explorer.scoreReconstruction()));

            assertThatThrownBy(() -> explorer.region(new boolean[bins - 1]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region has " + (bins - 1));
        }
    }

    @Test
    void aCancelledCurveIsNotCachedAndCanBeComputedLater() throws Exception {
        try (TrainedDetector d = detector("dense")) {
            Spectrogram input = input(d);
            double[] map = errorMap(d.reconstruction().orElseThrow(), input);
            ReplacementExplorer explorer = ReplacementExplorer.prepare(d.reconstruction().orElseThrow(), input, map,
                    ReplacementUnits.bins(input.frames(), input.mels()), MEASURE);
            Cancellation cancel = new Cancellation();
            cancel.cancel();
            assertThatThrownBy(() -> explorer.faithfulness(cancel)).isInstanceOf(CancelledException.class);
            assertThat(explorer.computedFaithfulness()).isEmpty();
            assertThat(explorer.faithfulness(Cancellation.NEVER).curve().drops()[20]).isEqualTo(1.0);
        }
    }

    @Test
    void badInputIsRefusedWithAMessage() throws Exception {
        try (TrainedDetector d = detector("dense")) {
            Spectrogram input = input(d);
            double[] map = errorMap(d.reconstruction().orElseThrow(), input);
            assertThatThrownBy(() -> ReplacementExplorer.prepare(d.reconstruction().orElseThrow(), input, map,
                    ReplacementUnits.bins(input.frames() - 1, input.mels()), MEASURE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("95 x 128");
            assertThatThrownBy(() -> ReplacementExplorer.prepare(d.reconstruction().orElseThrow(), input, Arrays.copyOf(map, 10),
                    ReplacementUnits.bins(input.frames(), input.mels()), MEASURE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attribution map has 10");
        }
    }

    /** Counts the network calls and inputs scored through it. */
    private static final class CountingNetwork implements ReconstructionNetwork {
        private final ReconstructionNetwork delegate;
        int calls;
        int inputs;

        CountingNetwork(ReconstructionNetwork delegate) {
            this.delegate = delegate;
        }

        @Override
        public String kind() {
            return delegate.kind();
        }

        @Override
        public int mels() {
            return delegate.mels();
        }

        @Override
        public List<Reconstruction> reconstruct(List<Spectrogram> in) {
            calls++;
            inputs += in.size();
            return delegate.reconstruct(in);
        }

        @Override
        public List<ScoreGradient> scoreGradients(List<Spectrogram> in) {
            throw new UnsupportedOperationException("not used by the explorer");
        }

        @Override
        public void save(OutputStream out) throws IOException {
            delegate.save(out);
        }

        @Override
        public void close() {
            // the detector owns the network
        }
    }
}
