package io.auscult.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class DcaseAttributesTest {

    @Test
    void toyCarTailIsReadAsOrderedPairs() {
        assertThat(DcaseAttributes.parse("car_A1_spd_28V_mic_1"))
                .containsExactly(entry("car", "A1"), entry("spd", "28V"), entry("mic", "1"));
    }

    @Test
    void valuesKeepDotsAndMinusSigns() {
        assertThat(DcaseAttributes.parse("volt_1.5_wt_0.25_snr_-6"))
                .containsExactly(entry("volt", "1.5"), entry("wt", "0.25"), entry("snr", "-6"));
    }

    @Test
    void keysMayHoldHyphens() {
        // DCASE 2022 fan: section_00_source_test_normal_0000_m-n_W.wav
        assertThat(DcaseAttributes.parse("m-n_W")).containsExactly(entry("m-n", "W"));
    }

    @Test
    void noAttributeWordsAndEmptyTailMeanNoAttributes() {
        assertThat(DcaseAttributes.parse("noAttribute")).isEmpty();
        assertThat(DcaseAttributes.parse("noAttributes")).isEmpty();
        assertThat(DcaseAttributes.parse("")).isEmpty();
        assertThat(DcaseAttributes.parse(null)).isEmpty();
    }

    @Test
    void freeText2021TailsAreKeptWholeNotSplitIntoInventedPairs() {
        assertThat(DcaseAttributes.parse("strength_1_ambient"))
                .containsExactly(entry(Labels.RAW_ATTRIBUTES, "strength_1_ambient"));
        assertThat(DcaseAttributes.parse("A1Spd28VMic1"))
                .containsExactly(entry(Labels.RAW_ATTRIBUTES, "A1Spd28VMic1"));
        // Even number of tokens, but keys would start with digits.
        assertThat(DcaseAttributes.parse("0_g_25_mm"))
                .containsExactly(entry(Labels.RAW_ATTRIBUTES, "0_g_25_mm"));
    }

    @Test
    void emptyTokensOrRepeatedKeysAreNotPairs() {
        assertThat(DcaseAttributes.parse("car__spd_28V"))
                .containsExactly(entry(Labels.RAW_ATTRIBUTES, "car__spd_28V"));
        assertThat(DcaseAttributes.parse("mic_1_mic_2"))
                .containsExactly(entry(Labels.RAW_ATTRIBUTES, "mic_1_mic_2"));
    }
}
