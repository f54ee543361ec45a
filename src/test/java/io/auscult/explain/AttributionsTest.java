package io.auscult.explain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry the comparison run and the command line create methods from. */
class AttributionsTest {

    @Test
    void listsTheSevenMethodsOfTheDesign() {
        assertThat(Attributions.methods())
                .containsExactly("error", "saliency", "smoothgrad", "ig", "gradshap", "gradcam", "occlusion");
    }

    @Test
    void everyListedMethodIsCreatedWithDefaultsAndKeepsItsName() {
        for (String m : Attributions.methods()) {
            assertThat(Attributions.create(m, Map.of()).method()).isEqualTo(m);
        }
    }

    @Test
    void defaultsFollowTheDesign() {
        assertThat(Attributions.create("ig", Map.of()).parameters())
                .containsEntry("steps", "50").containsEntry("baseline", "reconstruction")
                .containsEntry("rule", "gausslegendre");
        assertThat(Attributions.create("smoothgrad", Map.of()).parameters())
                .containsEntry("samples", "25").containsEntry("sigma", "0.15").containsEntry("over", "saliency");
        assertThat(Attributions.create("occlusion", Map.of()).parameters())
                .containsEntry("patch_mels", "16").containsEntry("patch_frames", "8");
    }

    @Test
    void parametersAreReadAndPassedToTheInnerMethod() {
        Attribution sg = Attributions.create("SmoothGrad", Map.of("over", "ig", "steps", "8", "samples", "3"));
        assertThat(sg.parameters()).containsEntry("over", "ig").containsEntry("steps", "8")
                .containsEntry("samples", "3");
        assertThat(Attributions.create("ig", Map.of("baseline", "zeros", "rule", "trapezoid", "steps", "64"))
                .parameters()).containsEntry("baseline", "zeros").containsEntry("rule", "trapezoid")
                .containsEntry("steps", "64");
    }

    @Test
    void unknownMethodIsRefusedNamingTheMethods() {
        assertThatThrownBy(() -> Attributions.create("lime", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lime")
                .hasMessageContaining("saliency");
    }

    @Test
    void unknownParameterAndBadValuesAreRefusedNamingThem() {
        assertThatThrownBy(() -> Attributions.create("ig", Map.of("stpes", "8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ig'")
                .hasMessageContaining("stpes");
        assertThatThrownBy(() -> Attributions.create("ig", Map.of("steps", "-3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps").hasMessageContaining("-3");
        assertThatThrownBy(() -> Attributions.create("ig", Map.of("baseline", "noise")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseline")
                .hasMessageContaining("reconstruction");
        assertThatThrownBy(() -> Attributions.create("saliency", Map.of("steps", "3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("saliency");
        assertThatThrownBy(() -> Attributions.create("smoothgrad", Map.of("over", "gradcam")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over");
    }
}
