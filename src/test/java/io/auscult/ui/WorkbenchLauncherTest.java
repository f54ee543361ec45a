package io.auscult.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkbenchLauncherTest {

    private static final String KEY = "prism.disableRegionCaching";
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(KEY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(KEY);
        } else {
            System.setProperty(KEY, saved);
        }
    }

    @Test
    void regionBackgroundsAreDrawnDirectlyUnlessTheUserChoseOtherwise() {
        System.clearProperty(KEY);
        WorkbenchLauncher.useDirectRegionBackgrounds();
        assertThat(System.getProperty(KEY)).isEqualTo("true");

        System.setProperty(KEY, "false");
        WorkbenchLauncher.useDirectRegionBackgrounds();
        assertThat(System.getProperty(KEY)).isEqualTo("false");
    }
}
