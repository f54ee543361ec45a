package io.auscult.store;

import io.auscult.data.Labels;
import io.auscult.engine.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-file results in the layout of the DCASE Task 2 submissions, which the official
 * evaluator reads: for every machine type and id/section,
 * {@code anomaly_score_<machine>_<id>_test.csv} (rows {@code file_name,anomaly_score}) and
 * {@code decision_result_<machine>_<id>_test.csv} (rows {@code file_name,decision}, 1 =
 * anomalous), no header, file names without folders, in the order given.
 */
public final class DcaseResultFiles {

    /** One scored test file. */
    public record Row(Path file, Labels labels, double score, boolean anomalous) {
    }

    private DcaseResultFiles() {
    }

    /** Writes the files into {@code dir} (atomically each) and returns their paths. */
    public static List<Path> write(Path dir, List<Row> rows) throws IOException {
        Map<String, List<Row>> groups = new TreeMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(safe(r.labels().machineType()) + "_" + safe(r.labels().machineId()),
                    k -> new ArrayList<>()).add(r);
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
            StringBuilder scores = new StringBuilder();
            StringBuilder decisions = new StringBuilder();
            for (Row r : g.getValue()) {
                String name = r.file().getFileName().toString();
                scores.append(name).append(',').append(r.score()).append('\n');
                decisions.append(name).append(',').append(r.anomalous() ? 1 : 0).append('\n');
            }
            Path scoreFile = dir.resolve("anomaly_score_" + g.getKey() + "_test.csv");
            Path decisionFile = dir.resolve("decision_result_" + g.getKey() + "_test.csv");
            AtomicFile.write(scoreFile, out -> out.write(scores.toString().getBytes(StandardCharsets.UTF_8)));
            AtomicFile.write(decisionFile, out -> out.write(decisions.toString().getBytes(StandardCharsets.UTF_8)));
            written.add(scoreFile);
            written.add(decisionFile);
        }
        return written;
    }

    /** File-name-safe: letters, digits, '-', '_' and '.' stay; anything else becomes '-'. */
    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
