package io.auscult.ui;

import java.nio.file.Path;
import java.util.List;
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
 * @param view       a screen to prepare once idle: {@code explain} (the overlay of {@code method}),
 *                   {@code perturb} (the top {@code k} replaced by the reconstruction),
 *                   {@code present} (presentation mode), {@code grid}, {@code compare}, or
 *                   {@code proxy} (runs the proxy lab's quick grid on the open dataset); the
 *                   screenshot is then of that screen
 * @param method     the attribution method(s) of the explain, perturb and grid views (comma-separated)
 * @param k          the replaced fraction of the perturb view
 * @param detector   which loaded model shows the clip (a fragment of its name, e.g. "pump-mae")
 */
public record LaunchOptions(Optional<Path> open, boolean demo, Path samples, Path models,
                            Optional<Path> screenshot, int width, int height, Optional<String> select,
                            Optional<String> view, Optional<String> method, double k,
                            Optional<String> detector) {

    /** The screens {@code --view} can prepare. */
    public static final List<String> VIEWS = List.of("explain", "perturb", "present", "grid", "compare", "proxy",
            "proxy-open");

    /** Compatibility: no method, the default budget. */
    public LaunchOptions(Optional<Path> open, boolean demo, Path samples, Path models, Optional<Path> screenshot,
                         int width, int height, Optional<String> select, Optional<String> view) {
        this(open, demo, samples, models, screenshot, width, height, select, view, Optional.empty(), 0.1,
                Optional.empty());
    }

    public static final int DEFAULT_WIDTH = 1600;
    public static final int DEFAULT_HEIGHT = 1000;

    public LaunchOptions {
        if (width < 640 || height < 480 || width > 8000 || height > 8000) {
            throw new IllegalArgumentException("window size " + width + "x" + height
                    + " is outside 640x480 .. 8000x8000");
        }
        if (view.isPresent() && !VIEWS.contains(view.get())) {
            throw new IllegalArgumentException("--view must be one of " + VIEWS + ", not '" + view.get() + "'");
        }
        if (!(k >= 0 && k <= 1)) {
            throw new IllegalArgumentException("--k is a fraction in [0, 1], not " + k);
        }
    }

    /** The installation's samples folder ({@code auscult.home} property, else the working folder). */
    public static Path home() {
        return Path.of(System.getProperty("auscult.home", ".")).toAbsolutePath().normalize();
    }

    /**
     * Reads {@code [PATH] [--demo] [--screenshot FILE.png] [--size WxH] [--samples DIR]
     * [--models DIR] [--select NAME | --clip NAME] [--view VIEW] [--method M] [--k FRACTION]}.
     */
    public static LaunchOptions parse(String... args) {
        Path open = null;
        boolean demo = false;
        Path samples = home().resolve("samples");
        Path models = null;
        Path screenshot = null;
        String select = null;
        String view = null;
        String method = null;
        String detector = null;
        double k = 0.1;
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
                case "--clip" -> select = value(args, ++i, a);
                case "--method" -> method = value(args, ++i, a);
                case "--detector" -> detector = value(args, ++i, a);
                case "--k" -> {
                    String v = value(args, ++i, a);
                    try {
                        k = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--k wants a fraction such as 0.1, not " + v);
                    }
                }
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
                Optional.ofNullable(select), Optional.ofNullable(view), Optional.ofNullable(method), k,
                Optional.ofNullable(detector));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
