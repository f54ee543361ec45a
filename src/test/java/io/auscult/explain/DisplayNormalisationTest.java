package io.auscult.explain;

import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Display normalisation: which part of a map, percentile clipping, per-map versus shared scale. */
class DisplayNormalisationTest {

    private static AttributionMap map(float... v) {
        return new AttributionMap("test", Map.of(), new Spectrogram(v, v.length, 1, 160, 16000, new double[] {100}),
                1.0, OptionalDouble.empty());
    }

    @Test
    void signedKeepsSignsAbsoluteAndPositiveDoNot() {
        AttributionMap m = map(-2, 1, 0, 4);
        assertThat(new DisplayNormalisation(DisplayNormalisation.Mode.SIGNED, 100).apply(m).values())
                .containsExactly(-0.5f, 0.25f, 0f, 1f);
        assertThat(new DisplayNormalisation(DisplayNormalisation.Mode.ABSOLUTE, 100).apply(m).values())
                .containsExactly(0.5f, 0.25f, 0f, 1f);
        assertThat(new DisplayNormalisation(DisplayNormalisation.Mode.POSITIVE, 100).apply(m).values())
                .containsExactly(0f, 0.25f, 0f, 1f);
    }

    @Test
    void percentileClippingStopsOneExtremeBinFromWashingOutTheRest() {
        // |values| sorted 1..9 and 100: the 80th percentile (linear) is 8.2; 100 clips to 1.
        AttributionMap m = map(1, 2, 3, 4, 5, 6, 7, 8, 9, 100);
        float[] v = new DisplayNormalisation(DisplayNormalisation.Mode.ABSOLUTE, 80).apply(m).values();
        assertThat((double) v[0]).isCloseTo(1 / 8.2, within(1e-6));
        assertThat(v[9]).isEqualTo(1f);
    }

    @Test
    void sharedScaleKeepsTheMapsProportionsToEachOther() {
        List<Spectrogram> shared = new DisplayNormalisation(DisplayNormalisation.Mode.ABSOLUTE, 100)
                .applyShared(List.of(map(1, 2), map(4, 8)));
        assertThat(shared.get(0).values()).containsExactly(0.125f, 0.25f);
        assertThat(shared.get(1).values()).containsExactly(0.5f, 1f);
        // Per map, both would reach 1.
        assertThat(DisplayNormalisation.DEFAULT.apply(map(1, 2)).values()[1]).isEqualTo(1f);
        // The scale found once and applied to one map gives that map's shared picture.
        DisplayNormalisation signed = new DisplayNormalisation(DisplayNormalisation.Mode.SIGNED, 100);
        List<AttributionMap> maps = List.of(map(-1, 2), map(4, -8));
        assertThat(signed.scaleOf(maps)).isEqualTo(8.0);
        assertThat(signed.applyAt(maps.get(0), signed.scaleOf(maps)).values()).containsExactly(-0.125f, 0.25f);
    }

    @Test
    void allZeroMapsStayZeroAndBadSettingsAreRefused() {
        assertThat(DisplayNormalisation.DEFAULT.apply(map(0, 0)).values()).containsExactly(0f, 0f);
        assertThatThrownBy(() -> new DisplayNormalisation(DisplayNormalisation.Mode.SIGNED, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentile");
        assertThatThrownBy(() -> DisplayNormalisation.Mode.of("log"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signed");
    }
}
