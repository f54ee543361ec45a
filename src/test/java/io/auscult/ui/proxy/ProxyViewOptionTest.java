package io.auscult.ui.proxy;

import io.auscult.ui.LaunchOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code auscult gui --view proxy}: parsed, and an unknown view named in the message. */
class ProxyViewOptionTest {

    @Test
    void viewProxyIsParsedAndAnythingElseIsRefusedByName() {
        assertThat(LaunchOptions.parse("samples", "--view", "proxy").view()).contains("proxy");
        assertThat(LaunchOptions.parse("samples").view()).isEmpty();
        assertThatThrownBy(() -> LaunchOptions.parse("--view", "roc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'roc'");
    }
}
