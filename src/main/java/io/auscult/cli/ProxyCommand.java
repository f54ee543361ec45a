package io.auscult.cli;

import io.auscult.data.DatasetScanner;
import io.auscult.data.ScanResult;
import io.auscult.engine.AtomicFile;
import io.auscult.engine.BackgroundTask;
import io.auscult.proxy.AlignmentTest;
import io.auscult.proxy.EncoderWeights;
import io.auscult.proxy.LabGrid;
import io.auscult.proxy.LabReport;
import io.auscult.proxy.ModelResult;
import io.auscult.proxy.Pretraining;
import io.auscult.proxy.ProxyLab;
import io.auscult.proxy.ProxyTaskKind;
import io.auscult.proxy.StageCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code auscult proxy}: the proxy-task lab. */
@Command(name = "proxy", sortOptions = false, subcommands = ProxyCommand.Pretrain.class, description = {
    "Train proxy tasks (reconstruction, classification, separation, contrastive; plus the shipped",
    "pretrained encoder) over a grid of capacities and checkpoints, judge each model's",
    "embeddings by linear-probe and Mahalanobis AUC, and test with corrected statistics whether",
    "the proxy metric predicts detection. Writes models.csv, alignment.csv, stages.csv,",
    "lab.json, report.html and one scatter PNG per task into --out."})
final class ProxyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // Not "required" for picocli: that would also demand them before the pretrain subcommand.
    @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder (or CSV list); required.")
    Path data;

    @Option(names = "--tasks", paramLabel = "LIST", split = ",", defaultValue = "all",
            description = "Tasks: reconstruction, classification, separation, contrastive, pretrained or all "
                    + "(default ${DEFAULT-VALUE}).")
    List<String> tasks;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Folder for the results; required.")
    Path out;

    @Option(names = "--quick", description = "The quick grid (1 capacity x 4 checkpoints) instead of the default "
            + "(2 capacities x 5 checkpoints).")
    boolean quick;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (data == null || out == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option"
                    + (data == null && out == null ? "s: '--data=DIR', '--out=DIR'" : data == null ? ": '--data=DIR'"
                    : ": '--out=DIR'"));
        }
        Set<ProxyTaskKind> chosen = EnumSet.noneOf(ProxyTaskKind.class);
        for (String t : tasks) {
            if (t.trim().equalsIgnoreCase("all")) {
                chosen.addAll(EnumSet.allOf(ProxyTaskKind.class));
            } else {
                chosen.add(ProxyTaskKind.parse(t));
            }
        }
        ScanResult scan = new DatasetScanner().scan(data);
        ProxyLab.Request request = new ProxyLab.Request(chosen, quick ? LabGrid.QUICK : LabGrid.DEFAULT, seed);
        ProxyLab.Result result = ComputeRun.run(err, BackgroundTask.of("proxy lab", (progress, cancel) -> {
            ProxyLab.Result r = ProxyLab.run(scan, request, progress, cancel);
            cancel.throwIfCancelled();
            return r;
        }));
        List<Path> written = LabReport.write(result, out);
        TextTable models = new TextTable("model", "proxy metric", "value", "LP AUC", "MD AUC", "direct AUC");
        for (ModelResult m : result.models()) {
            models.row(m.model(), m.task().metricName(), fmt(m.proxyMetric()), fmt(m.lpAuc()), fmt(m.mdAuc()),
                    fmt(m.directAuc()));
        }
        models.print(stdout);
        long rejected = result.alignment().tests().stream().filter(AlignmentTest::reject).count();
        stdout.printf(Locale.ROOT, "%d correlation tests, %d survive Benjamini-Hochberg at %.2f%n",
                result.alignment().tests().size(), rejected, 0.05);
        for (StageCheck s : result.alignment().stages()) {
            stdout.printf(Locale.ROOT, "%s stage %d: %s%n", s.task().word(), s.stage(), s.verdict().word());
        }
        for (Path p : written) {
            stdout.printf("Wrote %s%n", p);
        }
        stdout.flush();
        return 0;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    /** {@code auscult proxy pretrain}: regenerates the shipped pretrained encoder. */
    @Command(name = "pretrain", sortOptions = false, description = {
        "Regenerate the encoder of the 'pretrained' task: writes a broad synthetic corpus",
        "(4 machine types x 4 ids x 16 clips of 5 s, seed 2026) into a temporary folder, trains",
        "machine-id classification on it (widths 16/32/64, 20 epochs) and saves the encoder.",
        "The shipped file is  auscult proxy pretrain --out resources/proxy/pretrained-encoder.bin"})
    static final class Pretrain implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Encoder file to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path work = Files.createTempDirectory("auscult-pretrain");
            try {
                EncoderWeights weights = ComputeRun.run(spec.commandLine().getErr(),
                        BackgroundTask.of("pretrain encoder", (progress, cancel) ->
                                Pretraining.run(work.resolve("corpus"), progress, cancel)));
                AtomicFile.write(out, weights::write);
                spec.commandLine().getOut().printf("Saved the pretrained encoder (widths %s, embedding %d) to %s%n",
                        weights.widths(), weights.embeddingDimension(), out);
                spec.commandLine().getOut().flush();
                return 0;
            } finally {
                try (Stream<Path> walk = Files.walk(work)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
