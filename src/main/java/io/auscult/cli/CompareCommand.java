package io.auscult.cli;

import io.auscult.data.Condition;
import io.auscult.data.DatasetScanner;
import io.auscult.data.Recording;
import io.auscult.data.ScanResult;
import io.auscult.data.Split;
import io.auscult.data.UnusableFile;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.BackgroundTask;
import io.auscult.explain.Attribution;
import io.auscult.explain.Attributions;
import io.auscult.faithfulness.ComparisonClip;
import io.auscult.faithfulness.ComparisonDetector;
import io.auscult.faithfulness.ComparisonReport;
import io.auscult.faithfulness.ComparisonRow;
import io.auscult.faithfulness.ComparisonRun;
import io.auscult.faithfulness.SanityResult;
import io.auscult.store.ComparisonReportFiles;
import io.auscult.store.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code auscult compare --models a,b --methods all --data DIR --out report/}: the comparison table. */
@Command(name = "compare", description = {
    "Compare detectors x attribution methods over the test clips of one machine type (issue 5): faithfulness",
    "area and gain (mean and 95 %% CI over clips), drops at 1/5/10 %%, localisation against ground-truth masks,",
    "the cascading-randomisation sanity check and the time per map. Writes summary.csv, clips.csv, curves.csv,",
    "sanity.csv, summary.json, PNG figures and a self-contained report.html into the output folder."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--models", required = true, split = ",", paramLabel = "A.auscult,B.auscult",
            description = "Model files (named by their file stem in the table).")
    List<Path> models;

    @Option(names = "--methods", defaultValue = "all", split = ",", paramLabel = "all|NAME,...",
            description = "Methods with default parameters: all (default) or a list of error, saliency, smoothgrad, "
                    + "ig, gradshap, gradcam, occlusion.")
    List<String> methods;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset folder.")
    Path data;

    @Option(names = "--machine", paramLabel = "TYPE", description = "Machine type (default: the first model's).")
    String machine;

    @Option(names = "--clips", defaultValue = "anomalous", paramLabel = "anomalous|all",
            description = "Which test clips to explain (default ${DEFAULT-VALUE}).")
    String which;

    @Option(names = "--max-clips", defaultValue = "0", paramLabel = "N", description = "At most N clips (0 = all).")
    int maxClips;

    @Option(names = "--sanity-clips", defaultValue = "1", paramLabel = "N",
            description = "Clips the sanity check runs on per detector x method (default ${DEFAULT-VALUE}; 0 = none).")
    int sanityClips;

    @Option(names = "--reference-clips", defaultValue = "4", paramLabel = "N",
            description = "Normal training clips used as GradientSHAP / IG-mean baselines (default ${DEFAULT-VALUE}).")
    int references;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Mixin
    FaithfulnessOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!which.equals("anomalous") && !which.equals("all")) {
            throw new IllegalArgumentException("--clips must be 'anomalous' or 'all', not '" + which + "'");
        }
        List<Attribution> attributions = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String m : methods) {
            if (m.trim().equalsIgnoreCase("all")) {
                names.addAll(Attributions.methods());
            } else {
                names.add(m.trim().toLowerCase(Locale.ROOT));
            }
        }
        for (String m : names) {
            attributions.add(Attributions.create(m, Map.of()));
        }
        ScanResult scan = new DatasetScanner().scan(data);
        List<TrainedDetector> loaded = new ArrayList<>();
        try {
            List<ComparisonDetector> detectors = new ArrayList<>();
            Set<String> used = new LinkedHashSet<>();
            for (Path m : models) {
                TrainedDetector d = ModelFile.read(m, Networks.LOADER);
                loaded.add(d);
                String name = FaithfulnessCommand.stem(m);
                for (int i = 2; !used.add(name); i++) {
                    name = FaithfulnessCommand.stem(m) + "-" + i;
                }
                detectors.add(new ComparisonDetector(name, d));
            }
            String type = machine != null ? machine : loaded.get(0).provenance().config().get("machine");
            if (type == null) {
                throw new IllegalArgumentException(models.get(0) + " does not say which machine it is for; pass --machine");
            }
            List<ComparisonClip> clips = new ArrayList<>();
            List<Path> refs = new ArrayList<>();
            for (Recording r : scan.recordings()) {
                if (!r.labels().machineType().equals(type)) {
                    continue;
                }
                boolean anomalous = r.labels().condition() == Condition.ANOMALY;
                if (r.labels().split() == Split.TEST && (which.equals("all") || anomalous)
                        && (maxClips <= 0 || clips.size() < maxClips)) {
                    clips.add(new ComparisonClip(r.path(), anomalous, r.mask()));
                } else if (r.labels().split() == Split.TRAIN && r.labels().condition() != Condition.ANOMALY
                        && refs.size() < references) {
                    refs.add(r.path());
                }
            }
            if (clips.isEmpty()) {
                throw new IllegalArgumentException(data + " has no " + (which.equals("all") ? "" : "anomalous ")
                        + "test clips of machine type '" + type + "'");
            }
            ComparisonRun run = new ComparisonRun(options.settings(sanityClips));
            ComparisonReport report = ComputeRun.run(err, BackgroundTask.of("compare",
                    (progress, cancel) -> run.run(detectors, attributions, clips, refs, progress, cancel)));
            String title = "Auscult comparison: " + type + ", " + clips.size() + " clip(s), "
                    + String.join(" vs ", used);
            List<Path> written = ComparisonReportFiles.write(out, report, title);

            TextTable table = new TextTable("detector", "method", "clips", "area", "gain", "95% CI", "d@1%", "d@5%",
                    "d@10%", "loc AUROC", "rel.mass", "temp.AUROC", "sanity", "ms/clip");
            for (ComparisonRow r : report.rows()) {
                table.row(r.detector(), r.method(), r.clips(), f3(r.area().mean()), f3(r.gain().mean()),
                        Double.isFinite(r.gain().low()) ? "[" + f3(r.gain().low()) + ", " + f3(r.gain().high()) + "]" : "",
                        f3(r.dropAt1().mean()), f3(r.dropAt5().mean()), f3(r.dropAt10().mean()),
                        f3(r.pixelAuroc().mean()), f3(r.relevanceMass().mean()), f3(r.temporalAuroc().mean()),
                        r.sanity().map(SanityResult::verdict).orElse(""),
                        Double.isFinite(r.explainMillis()) ? String.format(Locale.ROOT, "%.1f", r.explainMillis()) : "");
            }
            table.print(stdout);
            for (ComparisonRow r : report.rows()) {
                if (!r.note().isEmpty()) {
                    stdout.println(r.detector() + " / " + r.method() + ": " + r.note());
                }
            }
            stdout.println("Wrote " + written.size() + " files into " + out + " (open " + written.get(written.size() - 1)
                    + ")");
            stdout.flush();
            for (UnusableFile f : report.failed()) {
                err.println("auscult compare: " + f.path() + ": " + f.reason());
            }
            return report.failed().isEmpty() ? 0 : 1;
        } finally {
            loaded.forEach(TrainedDetector::close);
        }
    }

    private static String f3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
    }
}
