package io.auscult.ui;

import javafx.application.Application;

/**
 * The workbench's main class. It does not extend {@link Application}: with JavaFX on the class
 * path (not the module path) the JDK's launcher refuses a main class that does, so this one
 * hands over to {@link WorkbenchApp}. {@code mvn javafx:run} and {@code auscult gui} both
 * start here.
 */
public final class WorkbenchLauncher {

    /**
     * JavaFX logs "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'"
     * at every start from the class path, which is how Auscult runs (ND4J's module descriptors
     * are broken). It is not actionable for a user, so that logger only passes errors. Held in
     * a field: java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private WorkbenchLauncher() {
    }

    public static void main(String[] args) {
        int code = launch(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Starts the workbench and returns when its window is closed (or, with
     * {@code --screenshot}, once the PNG is written): 0 on success, 1 if the screenshot could
     * not be written.
     *
     * @throws IllegalArgumentException for bad options
     * @throws IllegalStateException    when no display can be opened, with what to do
     */
    public static int launch(String[] args) {
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        useDirectRegionBackgrounds();
        LaunchOptions options = LaunchOptions.parse(args);
        WorkbenchApp.options = options;
        try {
            Application.launch(WorkbenchApp.class);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("DISPLAY")) {
                throw new IllegalStateException("no display to open the workbench window on (DISPLAY is not set). "
                        + "Run it in a desktop session, or headless under Xvfb: xvfb-run -a ./auscult gui ...", e);
            }
            throw e;
        }
        return WorkbenchApp.exitCode;
    }

    /**
     * Draws region backgrounds directly rather than from Prism's cache (unless the user set
     * {@code prism.disableRegionCaching} already). Prism caches every background with more than
     * one fill (most of the theme's panes, tabs and buttons) as a small image and stretches it
     * over the region. On a GPU that is cheap; in the software pipeline (no GPU, remote
     * desktops, Xvfb) the stretch runs per pixel and was two thirds of repainting the spectrogram's
     * area after a zoom or a new recording: 26-53 ms, about 10-20 ms without the cache (async-profiler
     * and the pulse logger; docs/performance.md, session 9). Filling two or three rectangles
     * costs a GPU nothing either. Must run before the toolkit starts: Prism reads it once.
     */
    static void useDirectRegionBackgrounds() {
        if (System.getProperty("prism.disableRegionCaching") == null) {
            System.setProperty("prism.disableRegionCaching", "true");
        }
    }

    /** What the last {@code --screenshot} run measured: start-up times and the longest UI stall. */
    public static String report() {
        return WorkbenchApp.report;
    }
}
