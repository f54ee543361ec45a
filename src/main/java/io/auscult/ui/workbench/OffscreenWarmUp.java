package io.auscult.ui.workbench;

import io.auscult.data.DatasetScanException;
import io.auscult.data.DatasetScanner;
import io.auscult.data.Recording;
import io.auscult.data.ScanResult;
import io.auscult.data.Split;
import io.auscult.data.synth.AnomalyMask;
import io.auscult.features.Spectrogram;
import io.auscult.ui.browser.BrowserView;
import io.auscult.ui.browser.RecordingTree;
import io.auscult.ui.results.ResultRow;
import io.auscult.ui.results.ResultsView;
import io.auscult.ui.results.ResultsViewModel;
import io.auscult.ui.spectrogram.SpectrogramView;
import io.auscult.ui.spectrogram.SpectrogramViewModel;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a throwaway copy of the window's busiest panels (recordings tree, results table
 * with its plots, spectrogram) once, on a background thread, while the demo's models load.
 *
 * <p>Why: the first time a filled table, tree or spectrogram is laid out, the code runs
 * interpreted and its classes load; that first time was most of the user interface thread's
 * work in the longest pauses while the demo opened (issue 6: no stall over 100 ms). After this
 * warm-up the compiler has compiled those paths, so the window's own first showing costs that
 * thread about half as much (measured: docs/performance.md, "Workbench GUI"). Nodes that are
 * not in a showing window may be built, styled and laid out on any thread (JavaFX's threading
 * rule; the style manager locks its shared caches), so the user interface thread does none of
 * this work. Nothing of it is kept, and a failure only means no warm-up.
 */
public final class OffscreenWarmUp {

    /** Frames and bands of a 10-s demo clip's log-mel (hop 512 at 16 kHz, 128 bands). */
    static final int FRAMES = 313;
    static final int MELS = 128;

    private OffscreenWarmUp() {
    }

    /**
     * Starts the warm-up on a daemon thread of its own and returns at once. {@code samples},
     * if not null, is the dataset the window is about to show (the tree and table are then
     * filled with its recordings); the panels are sized for a {@code width x height} window.
     */
    public static Thread startInBackground(Path samples, double width, double height, String stylesheet) {
        Thread t = new Thread(() -> {
            try {
                run(samples == null ? null : new DatasetScanner().scan(samples), width, height, stylesheet);
            } catch (DatasetScanException | RuntimeException e) {
                // Only a missed speed-up: the window opens the dataset itself and reports problems.
            }
        }, "auscult-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /**
     * Builds, styles and lays out the panels once and returns the throwaway scene (for tests).
     * Call on any thread but with no window showing this scene.
     */
    static Scene run(ScanResult scan, double width, double height, String stylesheet) {
        List<Recording> tests = scan == null ? List.of() : scan.recordings().stream()
                .filter(r -> r.labels().split() == Split.TEST).toList();
        ResultsViewModel results = new ResultsViewModel();
        ResultsView resultsView = new ResultsView(results, r -> { }, s -> { });
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < tests.size() && rows.size() < 12; i++) {
            Recording r = tests.get(i);
            rows.add(new ResultRow(r, r.path().getFileName().toString(), 0.5 + 0.01 * i));
        }
        results.show("warm-up", rows, 0.55);
        BrowserView browser = new BrowserView(new SimpleObjectProperty<>(scan == null ? null
                : RecordingTree.of(scan, "")), new SimpleStringProperty(""), new SimpleObjectProperty<>(), r -> { });
        SpectrogramViewModel spectrogram = new SpectrogramViewModel();
        spectrogram.show("warm-up", madeUpLogMel(), madeUpMask(), madeUpErrors());
        SpectrogramView spectrogramView = new SpectrogramView(spectrogram);
        SplitPane centre = new SplitPane(spectrogramView, resultsView);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.6);
        SplitPane main = new SplitPane(browser, centre);
        main.setDividerPositions(0.25);
        // About the window's size without its side panel: the spectrogram's pixel loops then
        // run as often as in the window's first showing, enough for the compiler to act.
        Scene scene = new Scene(main, Math.max(800, width * 0.8), Math.max(600, height - 80));
        scene.getStylesheets().add(stylesheet);
        main.applyCss();
        main.layout();
        return scene;
    }

    /** A log-mel with structure (bands falling off, a few strong lines, slow change over time). */
    static Spectrogram madeUpLogMel() {
        float[] values = new float[FRAMES * MELS];
        double[] centres = new double[MELS];
        for (int m = 0; m < MELS; m++) {
            // Mel-spaced centres up to about 8 kHz, as the demo's front end has them.
            centres[m] = 700 * (Math.pow(10, (m + 1) * 2840.0 / 2595 / (MELS + 1)) - 1);
        }
        for (int f = 0; f < FRAMES; f++) {
            for (int m = 0; m < MELS; m++) {
                values[f * MELS + m] = (float) (-10 - 0.5 * m + (m % 16 == 0 ? 20 : 0) - 5 * Math.sin(f * 0.1));
            }
        }
        return new Spectrogram(values, FRAMES, MELS, 512, 16_000, centres);
    }

    private static AnomalyMask madeUpMask() {
        boolean[] cells = new boolean[FRAMES * MELS];
        for (int f = 100; f < 160; f++) {
            for (int m = 30; m < 60; m++) {
                cells[f * MELS + m] = true;
            }
        }
        return new AnomalyMask(cells, FRAMES, MELS);
    }

    private static float[] madeUpErrors() {
        float[] errors = new float[FRAMES];
        for (int f = 0; f < FRAMES; f++) {
            errors[f] = (float) (0.5 + 0.4 * Math.sin(f * 0.05));
        }
        return errors;
    }
}
