package io.auscult.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a summary table of a scanned dataset shows: counts over everything, per machine type and
 * per machine id / section, and the files that could not be used. Data, not text: the caller
 * formats it.
 *
 * @param root     the scanned folder or list
 * @param layout   its layout
 * @param total    counts over all recordings
 * @param machines one entry per machine type, in name order (case-insensitive, then exact)
 * @param unusable the files the scan could not use, with reasons
 */
public record DatasetSummary(Path root, DatasetLayout layout, GroupSummary total, List<MachineSummary> machines,
                             List<UnusableFile> unusable) {

    /** Names sort as a reader expects ("fan" before "ToyCar"), then exactly, so the order is total. */
    static final Comparator<String> NAME_ORDER =
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    public DatasetSummary {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(total, "total");
        machines = List.copyOf(machines);
        unusable = List.copyOf(unusable);
    }

    public static DatasetSummary of(ScanResult scan) {
        Map<String, Map<String, List<Recording>>> byType = new TreeMap<>(NAME_ORDER);
        for (Recording r : scan.recordings()) {
            byType.computeIfAbsent(r.labels().machineType(), k -> new TreeMap<>(NAME_ORDER))
                    .computeIfAbsent(r.labels().machineId(), k -> new ArrayList<>())
                    .add(r);
        }
        List<MachineSummary> machines = new ArrayList<>(byType.size());
        byType.forEach((type, ids) -> {
            List<Recording> all = new ArrayList<>();
            Map<String, GroupSummary> perId = new LinkedHashMap<>();
            ids.forEach((id, recordings) -> {
                all.addAll(recordings);
                perId.put(id, GroupSummary.of(recordings));
            });
            machines.add(new MachineSummary(type, GroupSummary.of(all), perId));
        });
        return new DatasetSummary(scan.root(), scan.layout(), GroupSummary.of(scan.recordings()), machines,
                scan.unusable());
    }

    /** The summary of one machine type, if the dataset has it. */
    public Optional<MachineSummary> machine(String machineType) {
        return machines.stream().filter(m -> m.machineType().equals(machineType)).findFirst();
    }
}
