package io.auscult.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auscult.data.Condition;
import io.auscult.data.DatasetScanException;
import io.auscult.data.DatasetScanner;
import io.auscult.data.DatasetSummary;
import io.auscult.data.Domain;
import io.auscult.data.GroupSummary;
import io.auscult.data.MachineSummary;
import io.auscult.data.ScanResult;
import io.auscult.data.Split;
import io.auscult.data.UnusableFile;
import io.auscult.engine.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code auscult scan DIR|LIST.csv}: what a dataset holds, and which files cannot be used. */
@Command(name = "scan", description = {
    "Recognise a dataset (DCASE 2020, DCASE 2021-2024, MIMII, a plain folder of WAVs or a CSV list",
    "path,condition[,machine,section]) and summarise it: machines, ids/sections, domains, splits,",
    "conditions, ground-truth masks, and the files that cannot be used (with the reason)."})
final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR|LIST.csv", description = "dataset folder, one of its machine folders, or a CSV list")
    Path root;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws DatasetScanException {
        PrintWriter out = spec.commandLine().getOut();
        ScanResult scan;
        try (ProgressBar bar = ProgressBar.forCommand(spec.commandLine().getErr(), "scan")) {
            scan = new DatasetScanner().scan(root, bar, Cancellation.NEVER);
        }
        DatasetSummary summary = DatasetSummary.of(scan);
        if (json) {
            out.println(Json.line(toJson(summary)));
        } else {
            print(summary, out);
        }
        out.flush();
        return summary.unusable().isEmpty() ? 0 : 1;
    }

    static void print(DatasetSummary s, PrintWriter out) {
        GroupSummary all = s.total();
        out.printf("%s: %s, %d recording%s, %s%s%n", s.root(), layoutName(s), all.recordings(),
                all.recordings() == 1 ? "" : "s", duration(all.durationSeconds()),
                all.sampleRates().isEmpty() ? "" : ", " + all.sampleRates().stream().map(r -> r + " Hz")
                        .collect(Collectors.joining(" / ")));
        if (all.recordings() > 0) {
            boolean domains = all.count(Domain.SOURCE) + all.count(Domain.TARGET) > 0;
            out.println();
            TextTable table = domains
                    ? new TextTable("machine", "id/section", "train", "test normal", "test anomaly", "unlabelled",
                        "source", "target", "masks", "duration")
                    : new TextTable("machine", "id/section", "train", "test normal", "test anomaly", "unlabelled",
                        "masks", "duration");
            for (MachineSummary m : s.machines()) {
                for (Map.Entry<String, GroupSummary> id : m.byMachineId().entrySet()) {
                    addRow(table, domains, m.machineType(), id.getKey(), id.getValue());
                }
            }
            table.rule();
            addRow(table, domains, "all", "", all);
            table.print(out);
        }
        if (!s.unusable().isEmpty()) {
            out.println();
            out.printf("%d file%s cannot be used:%n", s.unusable().size(), s.unusable().size() == 1 ? "" : "s");
            for (UnusableFile u : s.unusable()) {
                out.println("  " + u.path() + ": " + u.reason());
            }
        }
    }

    private static void addRow(TextTable table, boolean domains, String machine, String id, GroupSummary g) {
        int train = g.count(Split.TRAIN);
        int testNormal = g.count(Split.TEST, Condition.NORMAL);
        int testAnomaly = g.count(Split.TEST, Condition.ANOMALY);
        int other = g.recordings() - train - testNormal - testAnomaly;
        if (domains) {
            table.row(machine, id, train, testNormal, testAnomaly, other, g.count(Domain.SOURCE),
                    g.count(Domain.TARGET), g.withMask(), duration(g.durationSeconds()));
        } else {
            table.row(machine, id, train, testNormal, testAnomaly, other, g.withMask(), duration(g.durationSeconds()));
        }
    }

    private static String layoutName(DatasetSummary s) {
        return switch (s.layout()) {
            case DCASE2020 -> "DCASE 2020 Task 2 layout";
            case DCASE2021 -> "DCASE 2021-2024 Task 2 layout";
            case MIMII -> "MIMII layout";
            case PLAIN -> "plain folder of WAV files";
            case CSV_LIST -> "CSV list";
            case MIXED -> "mixed layouts";
        };
    }

    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format("%.1f s", seconds);
        }
        if (seconds < 7200) {
            return String.format("%.1f min", seconds / 60);
        }
        return String.format("%.1f h", seconds / 3600);
    }

    static ObjectNode toJson(DatasetSummary s) {
        ObjectNode root = Json.object();
        root.put("root", s.root().toString());
        root.put("layout", s.layout().name());
        root.set("total", group(s.total()));
        ArrayNode machines = root.putArray("machines");
        for (MachineSummary m : s.machines()) {
            ObjectNode node = machines.addObject();
            node.put("machineType", m.machineType());
            node.set("total", group(m.total()));
            ObjectNode ids = node.putObject("ids");
            m.byMachineId().forEach((id, g) -> ids.set(id, group(g)));
        }
        ArrayNode unusable = root.putArray("unusable");
        for (UnusableFile u : s.unusable()) {
            unusable.addObject().put("path", u.path().toString()).put("reason", u.reason());
        }
        return root;
    }

    private static ObjectNode group(GroupSummary g) {
        ObjectNode node = Json.object();
        node.put("recordings", g.recordings());
        node.put("durationSeconds", g.durationSeconds());
        node.put("withMask", g.withMask());
        ArrayNode rates = node.putArray("sampleRates");
        g.sampleRates().forEach(rates::add);
        ArrayNode channels = node.putArray("channelCounts");
        g.channelCounts().forEach(channels::add);
        ArrayNode cells = node.putArray("counts");
        for (GroupSummary.Cell c : g.cells()) {
            cells.addObject().put("domain", c.domain().word()).put("split", c.split().word())
                    .put("condition", c.condition().word()).put("recordings", c.recordings());
        }
        return node;
    }
}
