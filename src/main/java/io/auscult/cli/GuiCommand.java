package io.auscult.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code auscult gui}: opens the workbench window. The window lives in {@code io.auscult.ui},
 * which the command line must not depend on (DESIGN.md: cli uses everything but ui, so the
 * command line runs where JavaFX cannot); the launcher is therefore found by name at run time.
 */
@Command(name = "gui", description = {
    "Open the workbench window. --demo opens the bundled demo: samples/ with its pre-trained models,",
    "a scored test set and the top anomaly on screen. --screenshot writes a PNG of the window once",
    "it is idle, then exits (needs a display; headless: xvfb-run -a ./auscult gui --demo --screenshot F.png)."})
final class GuiCommand implements Callable<Integer> {

    static final String LAUNCHER = "io.auscult.ui.WorkbenchLauncher";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PATH",
            description = "A dataset folder, CSV list, WAV file, .auscult model or .auscult-project to open.")
    Path open;

    @Option(names = "--demo", description = "Open the bundled demo (samples/ and samples/models/).")
    boolean demo;

    @Option(names = "--screenshot", paramLabel = "FILE.png", description = "Write the window as PNG once idle, then exit.")
    Path screenshot;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1600x1000",
            description = "Window size (default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--samples", paramLabel = "DIR", description = "Demo dataset (default: samples/ of the installation).")
    Path samples;

    @Option(names = "--models", paramLabel = "DIR", description = "Demo models (default: SAMPLES/models).")
    Path models;

    @Option(names = "--select", paramLabel = "TEXT", description = "Show the first recording whose path contains TEXT.")
    String select;

    @Option(names = "--view", paramLabel = "VIEW", description = "Once the data is open, prepare a screen: "
            + "explain (the overlay of --method on the clip), perturb (the top --k of the map replaced by the "
            + "reconstruction), present (presentation mode), grid (detectors x methods), compare (methods over "
            + "the test set), proxy (the proxy lab's quick grid), proxy-open (that lab's selected model opened in "
            + "the workbench, --detector choosing the model by name, --method explaining it); with --screenshot, "
            + "the picture is of that screen.")
    String view;

    @Option(names = "--clip", paramLabel = "TEXT", description = "Same as --select.")
    String clip;

    @Option(names = "--method", paramLabel = "M[,M...]", description = "Attribution method(s) of --view "
            + "explain/perturb/grid (default: saliency).")
    String method;

    @Option(names = "--detector", paramLabel = "TEXT", description = "Show the clip with the loaded model whose "
            + "name contains TEXT (e.g. pump-mae).")
    String detector;

    @Option(names = "--k", paramLabel = "FRACTION", description = "Replaced fraction of --view perturb (default 0.1).")
    Double k;

    @Override
    public Integer call() throws Exception {
        if (open != null && !Files.exists(open)) {
            throw new IllegalArgumentException(open + ": no such file or folder");
        }
        List<String> args = new ArrayList<>();
        if (open != null) {
            args.add(open.toString());
        }
        if (demo) {
            args.add("--demo");
        }
        if (screenshot != null) {
            args.addAll(List.of("--screenshot", screenshot.toAbsolutePath().toString()));
        }
        args.addAll(List.of("--size", size));
        if (samples != null) {
            args.addAll(List.of("--samples", samples.toString()));
        }
        if (models != null) {
            args.addAll(List.of("--models", models.toString()));
        }
        if (select != null) {
            args.addAll(List.of("--select", select));
        }
        if (clip != null) {
            args.addAll(List.of("--clip", clip));
        }
        if (view != null) {
            args.addAll(List.of("--view", view));
        }
        if (method != null) {
            args.addAll(List.of("--method", method));
        }
        if (detector != null) {
            args.addAll(List.of("--detector", detector));
        }
        if (k != null) {
            args.addAll(List.of("--k", Double.toString(k)));
        }
        Method launch;
        try {
            launch = Class.forName(LAUNCHER).getMethod("launch", String[].class);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalStateException("the workbench is not part of this installation (JavaFX missing): "
                    + e.getMessage(), e);
        }
        int code;
        try {
            code = (Integer) launch.invoke(null, (Object) args.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException("the workbench failed to start: " + cause, cause);
        }
        if (screenshot != null) {
            if (code == 0) {
                spec.commandLine().getOut().println("Wrote " + screenshot.toAbsolutePath());
                Object report = Class.forName(LAUNCHER).getMethod("report").invoke(null);
                spec.commandLine().getOut().println(report);
            } else {
                spec.commandLine().getErr().println("auscult gui: could not write " + screenshot);
            }
            spec.commandLine().getOut().flush();
        }
        return code;
    }
}
