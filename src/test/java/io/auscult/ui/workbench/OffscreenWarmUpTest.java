package io.auscult.ui.workbench;

import io.auscult.data.DatasetScanner;
import io.auscult.data.ScanResult;
import io.auscult.ui.spectrogram.SpectrogramView;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.TreeCell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up builds and lays out its throwaway panels on a thread that is not the user
 * interface thread (as the application runs it), with the demo's recordings in the tree and
 * table and a spectrogram drawn at about the window's size.
 */
class OffscreenWarmUpTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void theThrowawayPanelsAreLaidOutOffTheUserInterfaceThread() throws Exception {
        assertThat(Platform.isFxApplicationThread()).isFalse();
        ScanResult samples = new DatasetScanner().scan(Path.of("samples"));
        Scene scene = OffscreenWarmUp.run(samples, 1280, 800, WorkbenchView.stylesheet());

        SpectrogramView spectrogram = (SpectrogramView) scene.lookup(".spectrogram-view");
        // Width: 80 % of 1280 px, less the browser's quarter and the axes; height: 60 % of the
        // centre less the axes and the error curve. Only "drawn at a real size" is asserted.
        assertThat(spectrogram.imageWidth()).isGreaterThan(300);
        assertThat(spectrogram.imageHeight()).isGreaterThan(100);
        // The table's rows and the tree's cells were made and filled (the skins' work). How
        // many fit depends on the fonts' row heights, so only "some" is asserted.
        assertThat(scene.getRoot().lookupAll(".table-row-cell").stream().map(n -> (TableRow<?>) n)
                .filter(r -> r.getItem() != null).count()).isPositive();
        assertThat(scene.getRoot().lookupAll(".tree-cell").stream().map(n -> (TreeCell<?>) n)
                .filter(c -> c.getItem() != null).count()).isPositive();
    }

    @Test
    void withoutADatasetThePanelsAreStillLaidOut() {
        Scene scene = OffscreenWarmUp.run(null, 1280, 800, WorkbenchView.stylesheet());
        assertThat(((SpectrogramView) scene.lookup(".spectrogram-view")).imageWidth()).isGreaterThan(300);
    }
}
