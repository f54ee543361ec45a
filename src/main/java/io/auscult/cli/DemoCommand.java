package io.auscult.cli;

import io.auscult.audio.AudioFormatException;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.data.Condition;
import io.auscult.data.DatasetScanException;
import io.auscult.data.DatasetScanner;
import io.auscult.data.DatasetSummary;
import io.auscult.data.Recording;
import io.auscult.data.ScanResult;
import io.auscult.data.Split;
import io.auscult.data.synth.AnomalyEvent;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.data.synth.SynthManifestReader;
import io.auscult.detect.DataSelection;
import io.auscult.detect.DetectorEvaluation;
import io.auscult.detect.Evaluation;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.BackgroundTask;
import io.auscult.engine.Cancellation;
import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.store.ModelFile;
import io.auscult.store.SpectrogramImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code auscult demo}: the bundled demo on the command line. Scans {@code samples/}, lists
 * the true anomalies, and renders log-mel figures with the ground-truth regions outlined.
 * (The workbench window takes over this command once the GUI exists.)
 */
@Command(name = "demo", description = {
    "Run the bundled demo: scan samples/, list its anomalies with their ground truth, and write",
    "log-mel figures (true anomaly regions outlined) for one normal and every anomalous test clip."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--samples", paramLabel = "DIR", description = "Demo dataset (default: samples/ of the installation).")
    Path samples;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "demo-output",
            description = "Folder for the figures (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws DatasetScanException, IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = samples != null ? samples : Path.of(System.getProperty("auscult.home", "."), "samples");
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no demo dataset at " + root + "; pass --samples DIR");
        }
        stdout.println("Auscult demo: synthetic machine sounds with known anomaly regions");
        stdout.println();
        ScanResult scan;
        try (ProgressBar bar = ProgressBar.forCommand(err, "scan")) {
            scan = new DatasetScanner().scan(root, bar, Cancellation.NEVER);
        }
        ScanCommand.print(DatasetSummary.of(scan), stdout);

        Map<String, AnomalyEvent> truth = SynthManifestReader.anomalies(root);
        List<Recording> chosen = figuresToDraw(scan);
        stdout.println();
        stdout.println("Test-set anomalies (ground truth from manifest.json):");
        TextTable table = new TextTable("file", "kind", "time (s)", "frequency (Hz)", "strength", "mask");
        for (Recording r : chosen) {
            if (r.labels().condition() == Condition.ANOMALY) {
                AnomalyEvent e = truth.get(relative(root, r.path()));
                table.row(relative(root, r.path()), e == null ? "?" : e.kind().word(),
                        e == null ? "?" : String.format("%.2f-%.2f", e.startSeconds(), e.endSeconds()),
                        e == null ? "?" : frequency(e), e == null ? "?" : String.format("%.3g", e.strength()),
                        r.mask().isPresent() ? "yes" : "-");
            }
        }
        table.print(stdout);
        printDetection(root, scan, stdout, err);

        Files.createDirectories(out);
        LogMelExtractor extractor = new LogMelExtractor(FeatureSpec.DCASE);
        int failed = 0;
        List<String> written = new ArrayList<>();
        try (ProgressBar bar = ProgressBar.forCommand(err, "figures")) {
            for (int i = 0; i < chosen.size(); i++) {
                Recording r = chosen.get(i);
                bar.report(i / (double) chosen.size(), r.path().getFileName().toString());
                try {
                    written.add(drawFigure(root, r, truth.get(relative(root, r.path())), extractor));
                } catch (AudioFormatException | IOException e) {
                    failed++;
                    err.println("auscult demo: " + e.getMessage());
                }
            }
            bar.report(1, "done");
        }
        stdout.println();
        stdout.printf("%d figures in %s (log-mel dB; cyan outline = true anomaly region):%n", written.size(),
                out.toAbsolutePath().normalize());
        written.forEach(name -> stdout.println("  " + name));
        stdout.println();
        stdout.println("Next: ./auscult features FILE --out F.png   |   ./auscult scan DIR   |   ./auscult --help");
        stdout.flush();
        return failed == 0 ? 0 : 1;
    }

    /**
     * How the bundled demo models (samples/models, trained on these clips) do on the test clips:
     * the detection half of the demo, with nothing to train.
     */
    private static void printDetection(Path root, ScanResult scan, PrintWriter stdout, PrintWriter err) {
        Path models = root.resolve("models");
        List<Path> files = new ArrayList<>();
        for (String machine : DatasetSummary.of(scan).machines().stream().map(m -> m.machineType()).toList()) {
            for (String kind : List.of("ae", "mae", "dense")) {
                Path model = models.resolve(machine + "-" + kind + ".auscult");
                if (Files.isRegularFile(model)) {
                    files.add(model);
                }
            }
        }
        if (files.isEmpty()) {
            return;
        }
        stdout.println();
        stdout.println("Detection with the bundled demo models (" + models + ", trained on the 12 normal clips):");
        TextTable t = new TextTable("model", "AUC", "pAUC", "F1 at threshold", "flagged anomalies");
        List<Object[]> rows = ComputeRun.run(err, BackgroundTask.of("demo models", (progress, cancel) -> {
            List<Object[]> out = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                try (TrainedDetector d = ModelFile.read(f, Networks.LOADER)) {
                    Evaluation ev = DetectorEvaluation.evaluate(d, scan,
                            DataSelection.machine(d.provenance().config().get("machine")),
                            progress.slice(i / (double) files.size(), (i + 1.0) / files.size()), cancel);
                    var c = ev.decisions();
                    out.add(new Object[] {f.getFileName().toString().replaceFirst("\\.auscult$", ""),
                            String.format(Locale.ROOT, "%.3f", ev.harmonicAuc()),
                            String.format(Locale.ROOT, "%.3f", ev.harmonicPauc()),
                            String.format(Locale.ROOT, "%.2f", c.f1()),
                            c.truePositives() + " of " + (c.truePositives() + c.falseNegatives())});
                } catch (IOException e) {
                    out.add(new Object[] {f.getFileName().toString(), "-", "-", "-", e.getMessage()});
                }
            }
            return out;
        }));
        rows.forEach(t::row);
        t.print(stdout);
        stdout.println("Score your own: ./auscult score --model " + models.resolve("fan-mae.auscult") + " FILES");
    }

    /** One normal test clip per machine type, then every anomalous test clip, in scan order. */
    private static List<Recording> figuresToDraw(ScanResult scan) {
        Set<String> machinesWithNormal = new LinkedHashSet<>();
        List<Recording> chosen = new ArrayList<>();
        for (Recording r : scan.recordings()) {
            if (r.labels().split() != Split.TEST) {
                continue;
            }
            if (r.labels().condition() == Condition.NORMAL && machinesWithNormal.add(r.labels().machineType())) {
                chosen.add(r);
            } else if (r.labels().condition() == Condition.ANOMALY) {
                chosen.add(r);
            }
        }
        return chosen;
    }

    private String drawFigure(Path root, Recording r, AnomalyEvent event, LogMelExtractor extractor)
            throws AudioFormatException, IOException {
        Spectrogram logMel = extractor.extract(AudioLoader.load(r.path(), ChannelChoice.MEAN, FeatureSpec.DCASE.sampleRate()));
        String stem = r.path().getFileName().toString().replaceFirst("\\.wav$", "");
        String title = relative(root, r.path()) + (event == null ? "  (normal)"
                : "  (" + event.kind().word() + ", " + String.format("%.1f-%.1f s", event.startSeconds(),
                event.endSeconds()) + ")");
        SpectrogramImage.Options options = SpectrogramImage.Options.titled(title);
        if (r.mask().isPresent()) {
            options = options.withMask(AnomalyMaskCsv.read(r.mask().get()).cells());
        }
        String name = r.labels().machineType() + "-" + stem + ".png";
        SpectrogramImage.writePng(logMel, options, out.resolve(name));
        return name;
    }

    private static String frequency(AnomalyEvent e) {
        return Math.abs(e.highHz() - e.lowHz()) < 1 ? String.format("%.0f", e.lowHz())
                : String.format("%.0f-%.0f", e.lowHz(), e.highHz());
    }

    private static String relative(Path root, Path file) {
        return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }
}
