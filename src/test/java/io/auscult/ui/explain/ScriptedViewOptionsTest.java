package io.auscult.ui.explain;

import io.auscult.ui.LaunchOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code auscult gui --view explain|perturb|present|grid|compare --clip --detector --method --k}. */
class ScriptedViewOptionsTest {

    @Test
    void theExplanationScreensAndTheirOptionsAreParsed() {
        LaunchOptions o = LaunchOptions.parse("--demo", "--view", "perturb", "--clip", "pump/test/anomaly",
                "--detector", "pump-mae", "--method", "ig", "--k", "0.05");
        assertThat(o.view()).contains("perturb");
        assertThat(o.select()).contains("pump/test/anomaly");
        assertThat(o.detector()).contains("pump-mae");
        assertThat(o.method()).contains("ig");
        assertThat(o.k()).isEqualTo(0.05);
        for (String v : LaunchOptions.VIEWS) {
            assertThat(LaunchOptions.parse("--view", v).view()).contains(v);
        }
        assertThat(LaunchOptions.parse("--demo").k()).as("the default budget").isEqualTo(0.1);
    }

    @Test
    void aBudgetOutsideZeroToOneOrNotANumberIsRefusedWithTheValue() {
        assertThatThrownBy(() -> LaunchOptions.parse("--k", "1.5")).hasMessageContaining("1.5");
        assertThatThrownBy(() -> LaunchOptions.parse("--k", "ten")).hasMessageContaining("ten");
        assertThatThrownBy(() -> LaunchOptions.parse("--view", "roc")).hasMessageContaining("explain");
    }
}
