package io.auscult.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColorMapTest {

    @Test
    void everyShippedMapLoadsWith256OpaqueEntries() {
        for (String name : ColorMap.NAMES) {
            ColorMap map = ColorMap.named(name);
            for (int i = 0; i < 256; i++) {
                assertThat(map.argb(i) >>> 24).isEqualTo(0xFF);
            }
        }
    }

    @Test
    void magmaRunsFromNearBlackToPaleYellowAndClampsOutsideTheScale() {
        ColorMap magma = ColorMap.named("MAGMA");
        assertThat(luminance(magma.argb(0))).isLessThan(10);
        assertThat(luminance(magma.argb(255))).isGreaterThan(200);
        assertThat(magma.argb(-500, -80, 0)).isEqualTo(magma.argb(0));
        assertThat(magma.argb(42, -80, 0)).isEqualTo(magma.argb(255));
        int previous = -1;
        for (int i = 0; i < 256; i += 16) { // perceptually uniform: brightness only grows
            int l = luminance(magma.argb(i));
            assertThat(l).isGreaterThanOrEqualTo(previous);
            previous = l;
        }
    }

    @Test
    void eachMapIsReadOnceWhateverTheNamesCase() {
        assertThat(ColorMap.named("viridis")).isSameAs(ColorMap.named("VIRIDIS")).isSameAs(ColorMap.named("Viridis"));
        assertThat(ColorMap.named("viridis")).isNotSameAs(ColorMap.named("magma"));
    }

    @Test
    void anUnknownNameListsTheChoices() {
        assertThatThrownBy(() -> ColorMap.named("jet")).hasMessageContaining("jet").hasMessageContaining("viridis");
    }

    private static int luminance(int argb) {
        return (int) (0.2126 * (argb >> 16 & 0xFF) + 0.7152 * (argb >> 8 & 0xFF) + 0.0722 * (argb & 0xFF));
    }
}
