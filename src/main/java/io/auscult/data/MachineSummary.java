package io.auscult.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recordings of one machine type: all together, and per machine id or section.
 *
 * @param machineType the machine type, or {@link Labels#UNKNOWN}
 * @param total       counts over every recording of this type
 * @param byMachineId counts per machine id / section, in name order; unmodifiable
 */
public record MachineSummary(String machineType, GroupSummary total, Map<String, GroupSummary> byMachineId) {

    public MachineSummary {
        Objects.requireNonNull(machineType, "machineType");
        Objects.requireNonNull(total, "total");
        byMachineId = Collections.unmodifiableMap(new LinkedHashMap<>(byMachineId));
    }

    /** The machine ids or sections of this type, in name order ("id_00", "section_01"...). */
    public List<String> machineIds() {
        return List.copyOf(byMachineId.keySet());
    }
}
