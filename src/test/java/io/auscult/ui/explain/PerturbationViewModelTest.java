package io.auscult.ui.explain;

import io.auscult.audio.AudioClip;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.engine.Cancellation;
import io.auscult.faithfulness.Faithfulness;
import io.auscult.faithfulness.FaithfulnessMeasure;
import io.auscult.faithfulness.ReplacementClip;
import io.auscult.faithfulness.ReplacementExplorer;
import io.auscult.faithfulness.ReplacementUnits;
import io.auscult.faithfulness.NetworkScorer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The budget slider, listening and the painted region, on the demo fan AE and a demo anomaly. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerturbationViewModelTest {

    @TempDir
    static Path dir;
    private ExplainFixture f;
    private double[] map;

    @BeforeAll
    void load() throws Exception {
        f = new ExplainFixture(dir);
        f.explain.methodProperty().set("error");
        f.explain.overlayOnProperty().set(true);
        float[] v = f.explain.mapProperty().get().values().values();
        map = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            map[i] = v[i];
        }
    }

    @AfterAll
    void close() {
        f.close();
    }

    @Test
    void eachSliderStepShowsTheScoreAndDropTheFaithfulnessModuleComputes() {
        PerturbationViewModel vm = f.perturbation;
        vm.unitsProperty().set(PerturbationViewModel.Units.BINS);
        vm.kProperty().set(0.1);
        vm.activeProperty().set(true);
        ReplacementExplorer reference = ReplacementExplorer.prepare(f.model.detector().reconstruction().orElseThrow(), f.context.input(),
                map, ReplacementUnits.bins(f.context.input().frames(), f.context.input().mels()),
                FaithfulnessMeasure.standard(0));
        ReplacementExplorer.Step expected = reference.at(0.1);
        ReplacementExplorer.Step shown = vm.stepProperty().get();
        assertThat(shown.unitsReplaced()).isEqualTo(expected.unitsReplaced());
        // The same one-input network call on the same input: the same score to float precision.
        assertThat(shown.score()).isCloseTo(expected.score(), within(1e-6 * Math.abs(expected.score())));
        assertThat(shown.drop()).isCloseTo(expected.drop(), within(1e-5));
        assertThat(shown.drop()).as("the error map's top 10 % remove much of the score").isGreaterThan(0.2);
        assertThat(vm.replacedProperty().get()).isEqualTo(shown.replaced());
        assertThat(f.explain.pictureProperty().get()).isEqualTo(ExplainViewModel.Picture.PERTURBED);

        // The curve is the faithfulness module's curve of the same map.
        Faithfulness curve = vm.curveProperty().get();
        assertThat(curve).isNotNull();
        ReplacementClip clip = reference.clip();
        FaithfulnessMeasure measure = FaithfulnessMeasure.standard(0);
        NetworkScorer scorer = new NetworkScorer(f.model.detector().reconstruction().orElseThrow(), f.context.input());
        ReplacementUnits units = ReplacementUnits.bins(f.context.input().frames(), f.context.input().mels());
        Faithfulness direct = measure.measure(clip, units, map, measure.reference(clip, units, scorer,
                Cancellation.NEVER), scorer);
        assertThat(curve.curve().drops()).containsExactly(direct.curve().drops(), within(1e-9));
        assertThat(curve.gain()).isCloseTo(direct.gain(), within(1e-9));
        assertThat(vm.readoutProperty().get()).contains("k = 10.0 %").contains("gain");

        // Moving on scores once more; coming back is served from the cache.
        int steps = vm.networkSteps();
        vm.kProperty().set(0.3);
        assertThat(vm.networkSteps()).isEqualTo(steps + 1);
        assertThat(vm.stepProperty().get().drop()).isGreaterThan(shown.drop());
        vm.kProperty().set(0.1);
        assertThat(vm.networkSteps()).isEqualTo(steps + 1);
        assertThat(vm.stepProperty().get().score()).isEqualTo(shown.score());

        vm.activeProperty().set(false);
        assertThat(vm.replacedProperty().get()).isNull();
        assertThat(f.explain.pictureProperty().get()).isEqualTo(ExplainViewModel.Picture.ORIGINAL);
    }

    @Test
    void patchesReplaceWholePatches() {
        PerturbationViewModel vm = f.perturbation;
        vm.unitsProperty().set(PerturbationViewModel.Units.PATCHES);
        vm.kProperty().set(0.05);
        vm.activeProperty().set(true);
        ReplacementExplorer.Step s = vm.stepProperty().get();
        int frames = f.context.input().frames();
        ReplacementUnits units = ReplacementUnits.patches(frames, f.context.input().mels(), 16, 8);
        assertThat(s.unitsReplaced()).isEqualTo((int) Math.ceil(0.05 * units.count() - 1e-9));
        vm.activeProperty().set(false);
        vm.unitsProperty().set(PerturbationViewModel.Units.BINS);
    }

    @Test
    void theRepairedVersionIsRenderedAudioOfTheClipsLength() {
        PerturbationViewModel vm = f.perturbation;
        vm.kProperty().set(0.1);
        vm.activeProperty().set(true);
        AtomicReference<AudioClip> played = new AtomicReference<>();
        vm.listen(PerturbationViewModel.Version.REPAIRED, played::set);
        AudioClip repaired = played.get();
        assertThat(repaired).isNotNull();
        assertThat(repaired.length()).isEqualTo(f.context.audio().length());
        double diff = 0;
        for (int i = 0; i < repaired.length(); i++) {
            diff += Math.abs(repaired.samples()[i] - f.context.audio().samples()[i]);
        }
        assertThat(diff / repaired.length()).as("the repaired clip differs from the original").isGreaterThan(1e-5);
        vm.listen(PerturbationViewModel.Version.ORIGINAL, played::set);
        assertThat(played.get()).isSameAs(f.context.audio());
        vm.activeProperty().set(false);
    }

    @Test
    void hearRepairedAppliesTheBudgetAndPlaysTheRepairOnceItIsScored() {
        PerturbationViewModel vm = f.perturbation;
        vm.activeProperty().set(false);
        vm.kProperty().set(0.1);
        AtomicReference<AudioClip> played = new AtomicReference<>();
        vm.hearRepaired(played::set);
        assertThat(vm.activeProperty().get()).isTrue();
        assertThat(vm.stepProperty().get().fraction()).isEqualTo(0.1);
        assertThat(played.get()).isNotNull();
        assertThat(played.get()).isNotSameAs(f.context.audio());
        assertThat(played.get().length()).isEqualTo(f.context.audio().length());
        vm.activeProperty().set(false);
    }

    @Test
    void aPaintedRegionIsReplacedAndSavedAsTheClipsAnnotationOnce() throws Exception {
        RegionPainter painter = f.painter;
        painter.clear();
        painter.addRectangle(10, 30, 20, 40);
        painter.addRectangle(25, 35, 30, 50); // overlaps the first
        boolean[] region = painter.regionProperty().get();
        int marked = 0;
        for (boolean b : region) {
            marked += b ? 1 : 0;
        }
        assertThat(marked).isEqualTo(20 * 20 + 10 * 20 - 5 * 10);
        f.perturbation.replaceRegion(region);
        ReplacementExplorer.Step s = f.perturbation.stepProperty().get();
        assertThat(s.binsReplaced()).isEqualTo(marked);
        assertThat(s.score()).isNotEqualTo(f.context.score());

        Path saved = painter.saveAsAnnotation().orElseThrow();
        assertThat(saved).isEqualTo(AnomalyMaskCsv.besideWav(f.context.recording().path()));
        assertThat(AnomalyMaskCsv.read(saved).cells()).isEqualTo(region);
        assertThat(f.spectrogram.maskProperty().get().cells()).isEqualTo(region);
        assertThat(f.explain.groundTruth(f.context).orElseThrow().cells()).as("the clip's truth from now on")
                .isEqualTo(region);
        byte[] before = Files.readAllBytes(saved);
        painter.addRectangle(0, 5, 0, 5);
        assertThat(painter.saveAsAnnotation()).as("an existing mask is never overwritten").isEmpty();
        assertThat(Files.readAllBytes(saved)).isEqualTo(before);
        assertThat(List.of(f.tasks.messageProperty().get())).anyMatch(m -> m.contains("already exists"));
    }
}
