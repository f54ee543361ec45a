package io.auscult.ui.browser;

import io.auscult.data.Labels;
import io.auscult.data.Recording;
import io.auscult.data.ScanResult;
import io.auscult.data.UnusableFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the recordings tree of a scan: machine type, then machine id or section, then split,
 * then condition, then the files; the files a scan could not use go in a last group, each
 * with its reason. A filter keeps the recordings whose path or labels contain every word
 * typed (case-insensitive), and the groups that still hold something.
 */
public final class RecordingTree {

    /** Label of the group of files the scan could not use. */
    public static final String UNUSABLE_GROUP = "Not usable";

    private RecordingTree() {
    }

    public static BrowserNode of(ScanResult scan, String filter) {
        String[] words = filter == null ? new String[0]
                : filter.trim().toLowerCase(Locale.ROOT).split("\\s+");
        Map<String, Map<String, Map<String, Map<String, List<BrowserNode>>>>> groups = new TreeMap<>();
        for (Recording r : scan.recordings()) {
            Labels l = r.labels();
            if (!matches(text(scan.root(), r), words)) {
                continue;
            }
            groups.computeIfAbsent(l.machineType(), k -> new TreeMap<>())
                    .computeIfAbsent(l.machineId(), k -> new TreeMap<>())
                    .computeIfAbsent(l.split().word(), k -> new TreeMap<>())
                    .computeIfAbsent(l.condition().word(), k -> new ArrayList<>())
                    .add(BrowserNode.leaf(r));
        }
        List<BrowserNode> machines = new ArrayList<>();
        groups.forEach((machine, ids) -> {
            List<BrowserNode> idNodes = new ArrayList<>();
            ids.forEach((id, splits) -> {
                List<BrowserNode> splitNodes = new ArrayList<>();
                splits.forEach((split, conditions) -> {
                    List<BrowserNode> conditionNodes = new ArrayList<>();
                    conditions.forEach((condition, files) -> conditionNodes.add(
                            BrowserNode.group(condition + " (" + files.size() + ")", files)));
                    splitNodes.add(counted(split, conditionNodes));
                });
                idNodes.add(counted(id, splitNodes));
            });
            machines.add(counted(machine, idNodes));
        });
        List<BrowserNode> bad = new ArrayList<>();
        for (UnusableFile f : scan.unusable()) {
            if (matches((relative(scan.root(), f.path()) + " " + f.reason()).toLowerCase(Locale.ROOT), words)) {
                bad.add(BrowserNode.bad(f));
            }
        }
        if (!bad.isEmpty()) {
            machines.add(BrowserNode.group(UNUSABLE_GROUP + " (" + bad.size() + ")", bad));
        }
        return BrowserNode.group(scan.root().getFileName() == null ? scan.root().toString()
                : scan.root().getFileName().toString(), machines);
    }

    private static BrowserNode counted(String label, List<BrowserNode> children) {
        BrowserNode g = BrowserNode.group(label, children);
        return BrowserNode.group(label + " (" + g.leafCount() + ")", children);
    }

    private static String text(Path root, Recording r) {
        Labels l = r.labels();
        return String.join(" ", relative(root, r.path()), l.machineType(), l.machineId(), l.split().word(),
                l.condition().word(), l.domain().word()).toLowerCase(Locale.ROOT);
    }

    private static boolean matches(String text, String[] words) {
        for (String w : words) {
            if (!w.isEmpty() && !text.contains(w)) {
                return false;
            }
        }
        return true;
    }

    static String relative(Path root, Path file) {
        try {
            return root.relativize(file).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
