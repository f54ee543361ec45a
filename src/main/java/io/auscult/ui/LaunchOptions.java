package io.auscult.ui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the workbench was asked to start: what to open, and whether to write a screenshot
 * and exit (for documentation and scripted figures).
 *
 * @param open       a dataset folder, CSV list, WAV file, project or model to open
 * @param demo       open the bundled demo (samples/ and its models)
 * @param samples    the demo dataset folder
 * @param models     the folder of demo models
 * @param screenshot write a PNG of the main window once idle, then exit
 * @param width      window width in pixels
 * @param height     window height in pixels
 * @param select     a recording (path, or name fragment) to show once the demo is open
 * @param view       a window to open once idle: {@code proxy} runs the proxy lab's quick grid
 *                   on the open dataset (the screenshot is then of that window)
 */
public record LaunchOptions(Optional<Path> open, boolean demo, Path samples, Path models,
                            Optional<Path> screenshot, int width, int height, Optional<String> select,
                            Optional<String> view) {

    public static final int DEFAULT_WIDTH = 1600;
    public static final int DEFAULT_HEIGHT = 1000;

    public LaunchOptions {
        if (width < 640 || height < 480 || width > 8000 || height > 8000) {
            throw new IllegalArgumentException("window size " + width + "x" + height
                    + " is outside 640x480 .. 8000x8000");
        }
        if (view.isPresent() && !view.get().equals("proxy")) {
            throw new IllegalArgumentException("--view knows only 'proxy', not '" + view.get() + "'");
        }
    }

    /** The installation's samples folder ({@code auscult.home} property, else the working folder). */
    public static Path home() {
        return Path.of(System.getProperty("auscult.home", ".")).toAbsolutePath().normalize();
    }

    /**
     * Reads {@code [PATH] [--demo] [--screenshot FILE.png] [--size WxH] [--samples DIR]
     * [--models DIR] [--select NAME] [--view proxy]}.
     */
    public static LaunchOptions parse(String... args) {
        Path open = null;
        boolean demo = false;
        Path samples = home().resolve("samples");
        Path models = null;
        Path screenshot = null;
        String select = null;
        String view = null;
        int w = DEFAULT_WIDTH;
        int h = DEFAULT_HEIGHT;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--demo" -> demo = true;
                case "--screenshot" -> screenshot = Path.of(value(args, ++i, a));
                case "--samples" -> samples = Path.of(value(args, ++i, a));
                case "--models" -> models = Path.of(value(args, ++i, a));
                case "--select" -> select = value(args, ++i, a);
                case "--view" -> view = value(args, ++i, a);
                case "--size" -> {
                    String s = value(args, ++i, a);
                    String[] p = s.toLowerCase(java.util.Locale.ROOT).split("x");
                    try {
                        w = Integer.parseInt(p[0].trim());
                        h = Integer.parseInt(p[1].trim());
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("--size wants WIDTHxHEIGHT, e.g. 1600x1000, not " + s);
                    }
                }
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    open = Path.of(a);
                }
            }
        }
        return new LaunchOptions(Optional.ofNullable(open), demo, samples,
                models != null ? models : samples.resolve("models"), Optional.ofNullable(screenshot), w, h,
                Optional.ofNullable(select), Optional.ofNullable(view));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
