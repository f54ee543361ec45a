package io.auscult.ui.explain;

import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.Attributions;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.explain.ExplanationTarget;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The explanation state without a stage, on the demo fan AE and a demo anomaly. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainViewModelTest {

    @TempDir
    static Path dir;
    private ExplainFixture f;

    @BeforeAll
    void load() throws Exception {
        f = new ExplainFixture(dir);
    }

    @AfterAll
    void close() {
        f.close();
    }

    private AttributionMap direct(String method, Map<String, String> parameters) {
        return Attributions.create(method, parameters).explain(
                ExplanationTarget.of(f.model.detector().network(), f.context.input()), Progress.NONE, Cancellation.NEVER);
    }

    @Test
    void theMapOnScreenIsTheMethodsOwnMapAndSwitchingBackComesFromTheCache() {
        ExplainViewModel vm = f.explain;
        vm.methodProperty().set("saliency");
        vm.overlayOnProperty().set(true);
        AttributionMap saliency = vm.mapProperty().get();
        assertThat(saliency).isNotNull();
        assertThat(saliency.method()).isEqualTo("saliency");
        assertThat(saliency.values().values()).containsExactly(direct("saliency", Map.of()).values().values(),
                within(1e-6f));
        int computed = vm.computations();
        vm.methodProperty().set("error");
        assertThat(vm.mapProperty().get().method()).isEqualTo("error");
        assertThat(vm.computations()).isEqualTo(computed + 1);
        vm.methodProperty().set("saliency");
        assertThat(vm.mapProperty().get()).as("the same map, from the cache").isSameAs(saliency);
        assertThat(vm.computations()).isEqualTo(computed + 1);
        assertThat(vm.compute()).as("compute() of a cached map says so").isTrue();
    }

    @Test
    void parametersChangeTheKeyAndTheDefaultTextIsTheDefaultKey() {
        ExplainViewModel vm = f.explain;
        vm.methodProperty().set("ig");
        vm.overlayOnProperty().set(true);
        AttributionMap defaults = vm.mapProperty().get();
        assertThat(defaults.parameters()).containsEntry("steps", "50");
        vm.setParameter("ig", "steps", "8");
        AttributionMap eight = vm.mapProperty().get();
        assertThat(eight.parameters()).containsEntry("steps", "8");
        assertThat(eight.values().values()).containsExactly(direct("ig", Map.of("steps", "8")).values().values(),
                within(1e-6f));
        int computed = vm.computations();
        vm.setParameter("ig", "steps", "50");
        assertThat(vm.parametersOf("ig")).isEmpty();
        assertThat(vm.mapProperty().get()).isSameAs(defaults);
        assertThat(vm.computations()).isEqualTo(computed);
        assertThatThrownBy(() -> vm.setParameter("ig", "steps", "many")).hasMessageContaining("steps");
        assertThat(vm.parametersOf("ig")).isEmpty();
    }

    @Test
    void displayNormalisationIsAppliedOwnOrSharedAcrossTheClipsMethods() {
        // A view model of its own, so that its cache holds exactly the two maps of this test.
        ExplainViewModel vm = new ExplainViewModel(f.tasks, f.spectrogram, m -> List.of());
        vm.setContext(f.context);
        vm.displayModeProperty().set(DisplayNormalisation.Mode.SIGNED);
        vm.clipPercentileProperty().set(95);
        vm.methodProperty().set("error");
        vm.overlayOnProperty().set(true);
        AttributionMap error = vm.mapProperty().get();
        vm.methodProperty().set("saliency");
        AttributionMap saliency = vm.mapProperty().get();
        DisplayNormalisation n = new DisplayNormalisation(DisplayNormalisation.Mode.SIGNED, 95);
        assertThat(vm.overlay().mapProperty().get().values()).containsExactly(n.apply(saliency).values(),
                within(0f));
        assertThat(vm.overlay().signedProperty().get()).isTrue();
        assertThat(vm.scale()).isEqualTo(n.scaleOf(List.of(saliency)));
        assertThat(vm.scaleTextProperty().get()).contains("own scale over 1 map");

        vm.sharedScaleProperty().set(true);
        assertThat(vm.scale()).isEqualTo(n.scaleOf(List.of(saliency, error)));
        assertThat(vm.scale()).isNotEqualTo(n.scaleOf(List.of(saliency)));
        assertThat(vm.overlay().mapProperty().get().values())
                .containsExactly(n.applyShared(List.of(saliency, error)).get(0).values(), within(0f));
        assertThat(vm.scaleTextProperty().get()).contains("shared scale over 2 maps");
    }

    @Test
    void picturesShowTheReconstructionAndTheDifferenceInDecibels() {
        ExplainViewModel vm = f.explain;
        vm.pictureProperty().set(ExplainViewModel.Picture.RECONSTRUCTION);
        Spectrogram shown = f.spectrogram.spectrogramProperty().get();
        Spectrogram expected = f.model.detector().standardiser().invert(f.context.reconstruction().reconstruction());
        assertThat(shown.values()).containsExactly(expected.values(), within(0f));
        vm.pictureProperty().set(ExplainViewModel.Picture.DIFFERENCE);
        float[] d = f.spectrogram.spectrogramProperty().get().values();
        int i = 1234;
        assertThat(d[i]).isCloseTo(Math.abs(f.context.logMelDb().values()[i] - expected.values()[i]), within(1e-5f));
        assertThat(f.spectrogram.floorDbProperty().get()).isZero();
        vm.pictureProperty().set(ExplainViewModel.Picture.ORIGINAL);
        assertThat(f.spectrogram.spectrogramProperty().get()).isSameAs(f.context.logMelDb());
    }

    @Test
    void theFrameProfileIsTheSumOverBandsOfTheShownMap() {
        ExplainViewModel vm = f.explain;
        vm.methodProperty().set("error");
        vm.overlayOnProperty().set(true);
        Spectrogram shown = vm.overlay().mapProperty().get();
        float[] profile = f.spectrogram.frameErrorsProperty().get();
        assertThat(f.spectrogram.curveLabelProperty().get()).isEqualTo(ExplainViewModel.PROFILE_CURVE);
        double sum = 0;
        for (int m = 0; m < shown.mels(); m++) {
            sum += Math.abs(shown.get(40, m));
        }
        assertThat(profile[40]).isCloseTo((float) sum, within(1e-3f));
        vm.overlayOnProperty().set(false);
        assertThat(f.spectrogram.curveLabelProperty().get()).isEqualTo("error");
        assertThat(f.spectrogram.colorMapProperty().get()).as("the user's colour map is back").isNotEqualTo("gray");
    }
}
