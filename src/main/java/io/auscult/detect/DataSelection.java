package io.auscult.detect;

import io.auscult.data.Domain;
import io.auscult.data.Recording;

import java.util.Objects;
import java.util.Set;

/**
 * Which recordings of a dataset a detector is for: one machine type, optionally some machine
 * ids or sections, optionally some domains. Empty sets mean "all".
 */
public record DataSelection(String machineType, Set<String> machineIds, Set<Domain> domains) {

    public DataSelection {
        Objects.requireNonNull(machineType, "machineType");
        if (machineType.isBlank()) {
            throw new IllegalArgumentException("machine type must not be blank");
        }
        machineIds = Set.copyOf(machineIds);
        domains = Set.copyOf(domains);
    }

    public static DataSelection machine(String machineType) {
        return new DataSelection(machineType, Set.of(), Set.of());
    }

    public boolean includes(Recording r) {
        return r.labels().machineType().equals(machineType)
                && (machineIds.isEmpty() || machineIds.contains(r.labels().machineId()))
                && (domains.isEmpty() || domains.contains(r.labels().domain()));
    }
}
