package io.auscult.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auscult.data.DatasetScanner;
import io.auscult.data.ScanResult;
import io.auscult.data.UnusableFile;
import io.auscult.detect.BandScoreEvaluation;
import io.auscult.detect.DataSelection;
import io.auscult.detect.DetectorEvaluation;
import io.auscult.detect.Evaluation;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.AtomicFile;
import io.auscult.metrics.DcaseSummary;
import io.auscult.metrics.SectionScores;
import io.auscult.engine.BackgroundTask;
import io.auscult.store.DcaseResultFiles;
import io.auscult.store.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code auscult evaluate --model M --data DIR}: AUC, pAUC and decisions on a labelled test set. */
@Command(name = "evaluate", description = {
    "Evaluate a model on the labelled test clips of its machine type: AUC and pAUC (max FPR 0.1)",
    "per id/section, their harmonic means, and precision/recall/F1 at the model's threshold.",
    "With --out: DCASE-style anomaly_score_/decision_result_ CSVs, summary.csv and summary.json."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE.auscult", description = "Model file.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset folder (or CSV list).")
    Path data;

    @Option(names = "--machine", paramLabel = "TYPE", description = "Machine type (default: the model's).")
    String machine;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Folder for result files.")
    Path out;

    @Option(names = "--band-score", description = {
            "Also score the test clips by their worst mel band: each band's error",
            "standardised by its mean and spread over the normal training clips, then",
            "the largest (an analysis: the model's score, threshold and decisions stay",
            "its own; train --score band makes a model score this way). Writes",
            "summary_band.csv with --out."})
    boolean bandScore;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScanResult scan = new DatasetScanner().scan(data);
        Evaluation ev;
        BandScoreEvaluation.Result band = null;
        try (TrainedDetector detector = ModelFile.read(model, Networks.LOADER)) {
            String type = machine != null ? machine : detector.provenance().config().get("machine");
            if (type == null) {
                throw new IllegalArgumentException(model + " does not say which machine it is for; pass --machine");
            }
            ev = ComputeRun.run(err, BackgroundTask.of("evaluate", (progress, cancel) ->
                    DetectorEvaluation.evaluate(detector, scan, DataSelection.machine(type), progress, cancel)));
            if (bandScore) {
                band = ComputeRun.run(err, BackgroundTask.of("band score", (progress, cancel) ->
                        BandScoreEvaluation.evaluate(detector, scan, DataSelection.machine(type), progress, cancel)));
            }
        }
        printSections(stdout, ev.sections(), ev.harmonicAuc(), ev.harmonicPauc());
        ev.domains().ifPresent(dcase -> printDomains(stdout, dcase));
        printKinds(stdout, ev.kinds());
        if (band != null) {
            printBand(stdout, band);
        }
        var d = ev.decisions();
        stdout.printf("%nAt the threshold: precision %.4f, recall %.4f, F1 %.4f (TP %d, FP %d, TN %d, FN %d)%n",
                d.precision(), d.recall(), d.f1(), d.truePositives(), d.falsePositives(), d.trueNegatives(),
                d.falseNegatives());
        if (out != null) {
            DcaseResultFiles.write(out, ev.files().stream().map(f -> new DcaseResultFiles.Row(f.recording().path(),
                    f.recording().labels(), f.score(), f.anomalous())).toList());
            StringBuilder csv = new StringBuilder("machine,section,normal,anomaly,auc,pauc\n");
            ev.sections().forEach(s -> csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6f,%.6f%n",
                    s.machineType(), s.section(), s.normals(), s.anomalies(), s.auc(), s.pauc())));
            csv.append(String.format(Locale.ROOT, "harmonic mean,,,,%.6f,%.6f%n", ev.harmonicAuc(), ev.harmonicPauc()));
            AtomicFile.write(out.resolve("summary.csv"), o -> o.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
            AtomicFile.writeString(out.resolve("summary.json"), Json.line(summaryJson(ev)) + "\n");
            if (ev.domains().isPresent()) {
                AtomicFile.writeString(out.resolve("summary_domains.csv"), domainsCsv(ev.domains().get()));
            }
            if (!ev.kinds().isEmpty()) {
                AtomicFile.writeString(out.resolve("summary_kinds.csv"), kindsCsv(ev.kinds()));
            }
            if (band != null) {
                AtomicFile.writeString(out.resolve("summary_band.csv"), bandCsv(band));
            }
            stdout.printf("Results in %s%n", out);
        }
        for (UnusableFile f : ev.failed()) {
            err.println("auscult evaluate: " + f.path() + ": " + f.reason());
        }
        stdout.flush();
        return ev.failed().isEmpty() ? 0 : 1;
    }

    private static ObjectNode summaryJson(Evaluation ev) {
        ObjectNode root = Json.object();
        ArrayNode sections = root.putArray("sections");
        for (Evaluation.Section s : ev.sections()) {
            sections.addObject().put("machine", s.machineType()).put("section", s.section()).put("normal", s.normals())
                    .put("anomaly", s.anomalies()).put("auc", s.auc()).put("pauc", s.pauc());
        }
        root.put("harmonicMeanAuc", ev.harmonicAuc());
        root.put("harmonicMeanPauc", ev.harmonicPauc());
        ev.domains().ifPresent(dcase -> {
            ObjectNode node = root.putObject("domains");
            ArrayNode rows = node.putArray("sections");
            for (SectionScores s : dcase.sections()) {
                rows.addObject().put("machine", s.machineType()).put("section", s.section())
                        .put("aucSource", s.aucSource()).put("aucTarget", s.aucTarget()).put("pauc", s.pauc());
            }
            var o = dcase.overall();
            node.put("officialScore", o.officialScore()).put("harmonicMeanAucSource", o.hmeanAucSource())
                    .put("harmonicMeanAucTarget", o.hmeanAucTarget()).put("harmonicMeanPauc", o.hmeanPauc());
        });
        if (!ev.kinds().isEmpty()) {
            ArrayNode kinds = root.putArray("anomalyKinds");
            for (Evaluation.KindRow k : ev.kinds()) {
                kinds.addObject().put("kind", k.kind()).put("normal", k.normals()).put("anomaly", k.anomalies())
                        .put("auc", k.auc()).put("pauc", k.pauc());
            }
        }
        var d = ev.decisions();
        root.putObject("decisions").put("precision", d.precision()).put("recall", d.recall()).put("f1", d.f1())
                .put("truePositives", d.truePositives()).put("falsePositives", d.falsePositives())
                .put("trueNegatives", d.trueNegatives()).put("falseNegatives", d.falseNegatives());
        return root;
    }

    /** The DCASE 2021+ view: AUC per domain (all anomalies against each domain's normals). */
    private static void printDomains(PrintWriter stdout, DcaseSummary dcase) {
        stdout.println();
        stdout.println("By domain (DCASE 2021+: each domain's normal clips against all anomalies):");
        TextTable t = new TextTable("machine", "section", "AUC source", "AUC target", "pAUC");
        for (SectionScores s : dcase.sections()) {
            t.row(s.machineType(), s.section(), f4(s.aucSource()), f4(s.aucTarget()), f4(s.pauc()));
        }
        t.rule();
        var o = dcase.overall();
        t.row("harmonic mean", "", f4(o.hmeanAucSource()), f4(o.hmeanAucTarget()), f4(o.hmeanPauc()));
        t.print(stdout);
        stdout.printf("Official score (harmonic mean of all source AUCs, target AUCs and pAUCs): %.4f%n",
                o.officialScore());
    }

    /** Which kinds of anomaly the detector finds, where the data name them (a synthetic set). */
    private static void printKinds(PrintWriter stdout, List<Evaluation.KindRow> kinds) {
        if (kinds.isEmpty()) {
            return;
        }
        stdout.println();
        stdout.println("By anomaly kind (each kind's clips against all normal test clips):");
        kindTable(kinds).print(stdout);
    }

    /** The same figures for the band score (see {@link BandScoreEvaluation}). */
    private static void printBand(PrintWriter stdout, BandScoreEvaluation.Result band) {
        stdout.println();
        stdout.printf("Band score (the worst mel band's error, standardised over %d normal training clips):%n",
                band.trainingClips());
        printSections(stdout, band.sections(), band.harmonicAuc(), band.harmonicPauc());
        if (!band.kinds().isEmpty()) {
            stdout.println();
            kindTable(band.kinds()).print(stdout);
        }
    }

    /** AUC and pAUC per machine type and id/section, then their harmonic means. */
    private static void printSections(PrintWriter stdout, List<Evaluation.Section> sections, double harmonicAuc,
                                      double harmonicPauc) {
        TextTable t = new TextTable("machine", "id/section", "normal", "anomaly", "AUC", "pAUC");
        for (Evaluation.Section s : sections) {
            t.row(s.machineType(), s.section(), s.normals(), s.anomalies(), f4(s.auc()), f4(s.pauc()));
        }
        t.rule();
        t.row("harmonic mean", "", "", "", f4(harmonicAuc), f4(harmonicPauc));
        t.print(stdout);
    }

    private static TextTable kindTable(List<Evaluation.KindRow> kinds) {
        TextTable t = new TextTable("anomaly kind", "normal", "anomaly", "AUC", "pAUC");
        kinds.forEach(k -> t.row(k.kind(), k.normals(), k.anomalies(), f4(k.auc()), f4(k.pauc())));
        return t;
    }

    private static String bandCsv(BandScoreEvaluation.Result band) {
        StringBuilder csv = new StringBuilder("machine,section,anomaly_kind,normal,anomaly,auc,pauc\n");
        band.sections().forEach(s -> csv.append(String.format(Locale.ROOT, "%s,%s,,%d,%d,%.6f,%.6f%n",
                s.machineType(), s.section(), s.normals(), s.anomalies(), s.auc(), s.pauc())));
        band.kinds().forEach(k -> csv.append(String.format(Locale.ROOT, ",,%s,%d,%d,%.6f,%.6f%n", k.kind(),
                k.normals(), k.anomalies(), k.auc(), k.pauc())));
        csv.append(String.format(Locale.ROOT, "harmonic mean,,,,,%.6f,%.6f%n", band.harmonicAuc(), band.harmonicPauc()));
        return csv.toString();
    }

    private static String kindsCsv(List<Evaluation.KindRow> kinds) {
        StringBuilder csv = new StringBuilder("anomaly_kind,normal,anomaly,auc,pauc\n");
        kinds.forEach(k -> csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6f,%.6f%n", k.kind(), k.normals(),
                k.anomalies(), k.auc(), k.pauc())));
        return csv.toString();
    }

    private static String domainsCsv(DcaseSummary dcase) {
        StringBuilder csv = new StringBuilder("machine,section,auc_source,auc_target,pauc\n");
        for (SectionScores s : dcase.sections()) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f%n", s.machineType(), s.section(),
                    s.aucSource(), s.aucTarget(), s.pauc()));
        }
        var o = dcase.overall();
        csv.append(String.format(Locale.ROOT, "harmonic mean,,%.6f,%.6f,%.6f%n", o.hmeanAucSource(),
                o.hmeanAucTarget(), o.hmeanPauc()));
        csv.append(String.format(Locale.ROOT, "official score,,,,%.6f%n", o.officialScore()));
        return csv.toString();
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
