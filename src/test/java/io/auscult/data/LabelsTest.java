package io.auscult.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void attributesKeepTheirOrderAndCannotBeChanged() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("spd", "28V");
        given.put("car", "A1");
        Labels labels = new Labels("ToyCar", "section_00", Domain.SOURCE, Split.TRAIN, Condition.NORMAL, given);
        given.put("mic", "1");

        assertThat(labels.attributes()).containsExactly(entry("spd", "28V"), entry("car", "A1"));
        assertThatThrownBy(() -> labels.attributes().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void blankNamesAreRefusedWithTheValue() {
        assertThatThrownBy(() -> new Labels(" ", "id_00", Domain.UNKNOWN, Split.UNKNOWN, Condition.UNKNOWN, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("machine type must not be blank, was ' '");
    }

    @Test
    void conditionWordsIncludeMimiisAbnormalInAnyCase() {
        assertThat(Condition.parse("Abnormal")).isEqualTo(Optional.of(Condition.ANOMALY));
        assertThat(Condition.parse(" ANOMALY ")).isEqualTo(Optional.of(Condition.ANOMALY));
        assertThat(Condition.parse("normal")).isEqualTo(Optional.of(Condition.NORMAL));
        assertThat(Condition.parse("unknown")).isEqualTo(Optional.of(Condition.UNKNOWN));
        assertThat(Condition.parse("ok")).isEmpty();
        assertThat(Domain.parse("Target")).isEqualTo(Optional.of(Domain.TARGET));
        assertThat(Split.parse("TEST")).isEqualTo(Optional.of(Split.TEST));
        assertThat(Split.parse("eval")).isEmpty();
    }
}
