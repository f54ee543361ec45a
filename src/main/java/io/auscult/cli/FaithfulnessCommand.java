package io.auscult.cli;

import io.auscult.data.UnusableFile;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.AtomicFile;
import io.auscult.engine.BackgroundTask;
import io.auscult.explain.Attribution;
import io.auscult.explain.Attributions;
import io.auscult.faithfulness.ClipEvaluation;
import io.auscult.faithfulness.ComparisonClip;
import io.auscult.faithfulness.ComparisonDetector;
import io.auscult.faithfulness.ComparisonReport;
import io.auscult.faithfulness.ComparisonRun;
import io.auscult.faithfulness.ReplacementCurve;
import io.auscult.store.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code auscult faithfulness --model M --method X FILES|DIR --out curves.csv}: replacement curves per clip. */
@Command(name = "faithfulness", description = {
    "Reconstruction-replacement faithfulness curves of one attribution method (DESIGN.md, 'Faithfulness'):",
    "for each clip, the highest-attributed k of the input is replaced by the model's reconstruction and",
    "the clip re-scored, k = 0, 0.05, ..., 1. CSV with one row per clip x k: file,method,k,n_k,score,drop,",
    "random_mean_drop,area,random_mean_area,gain. Bad files are listed at the end; exit code 1 if any failed."})
final class FaithfulnessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE.auscult", description = "Model file.")
    Path model;

    @Option(names = "--method", required = true, paramLabel = "NAME",
            description = "error, saliency, smoothgrad, ig, gradshap, gradcam or occlusion.")
    String method;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A method parameter, e.g. steps=64 (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--references", paramLabel = "FILES|DIR", split = ",",
            description = "Normal recordings: GradientSHAP's baselines and IG's 'mean' baseline.")
    List<Path> normal = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "FILES|DIR", description = "WAV files or folders.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "curves.csv", description = "The CSV to write.")
    Path out;

    @Mixin
    FaithfulnessOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Attribution attribution = Attributions.create(method, params);
        List<ComparisonClip> clips = new ArrayList<>();
        for (Path f : ScoreCommand.expand(inputs)) {
            Path mask = AnomalyMaskCsv.besideWav(f);
            boolean hasMask = Files.isRegularFile(mask);
            clips.add(new ComparisonClip(f, hasMask, hasMask ? Optional.of(mask) : Optional.empty()));
        }
        List<Path> references = ScoreCommand.expand(normal);
        ComparisonReport report;
        try (TrainedDetector detector = ModelFile.read(model, Networks.LOADER)) {
            ComparisonRun run = new ComparisonRun(options.settings(0));
            report = ComputeRun.run(err, BackgroundTask.of(
                    "faithfulness", (progress, cancel) -> run.run(List.of(new ComparisonDetector(stem(model), detector)),
                            List.of(attribution), clips, references, progress, cancel)));
        }
        StringBuilder csv = new StringBuilder("file,method,k,n_k,score,drop,random_mean_drop,area,random_mean_area,gain\n");
        for (ClipEvaluation e : report.clips()) {
            ReplacementCurve c = e.faithfulness().curve();
            double[] k = c.fractions();
            int[] n = c.units();
            double[] s = c.scores();
            double[] d = c.drops();
            double[] r = e.faithfulness().reference().meanDrops();
            for (int i = 0; i < k.length; i++) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%.4g,%d,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g%n", e.file(),
                        e.method(), k[i], n[i], s[i], d[i], r[i], c.area(), e.faithfulness().reference().meanArea(),
                        e.faithfulness().gain()));
            }
        }
        AtomicFile.write(out, o -> o.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
        int curves = report.clips().size();
        stdout.printf(Locale.ROOT, "Wrote the %s curves of %d clip(s) into %s", attribution.method(), curves, out);
        if (curves > 0) {
            var row = report.rows().get(0);
            stdout.printf(Locale.ROOT, " (mean area %.4f, gain %.4f)", row.area().mean(), row.gain().mean());
        }
        stdout.println();
        stdout.flush();
        String note = report.rows().isEmpty() ? "" : report.rows().get(0).note();
        if (!note.isEmpty()) {
            err.println("auscult faithfulness: " + note);
        }
        for (UnusableFile f : report.failed()) {
            err.println("auscult faithfulness: " + f.path() + ": " + f.reason());
        }
        return report.failed().isEmpty() && note.isEmpty() ? 0 : 1;
    }

    static String stem(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(ModelFile.EXTENSION) ? name.substring(0, name.length() - ModelFile.EXTENSION.length())
                : name;
    }
}
