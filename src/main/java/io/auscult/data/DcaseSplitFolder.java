package io.auscult.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder a DCASE file lies in: {@code train} or {@code test} (2020, 2022–2024), or
 * {@code source_test} / {@code target_test} (2021 development and evaluation sets). The folder
 * above it is named after the machine type.
 */
record DcaseSplitFolder(Split split, Domain domain, String machineType) {

    /** The split folder of {@code file}, and the machine folder above it, if the file lies in one. */
    static Optional<DcaseSplitFolder> of(Path file) {
        Path parent = file.getParent();
        if (parent == null || parent.getFileName() == null) {
            return Optional.empty();
        }
        Path machineFolder = parent.getParent();
        if (machineFolder == null || machineFolder.getFileName() == null) {
            return Optional.empty();
        }
        String machine = machineFolder.getFileName().toString();
        return switch (parent.getFileName().toString()) {
            case "train" -> Optional.of(new DcaseSplitFolder(Split.TRAIN, Domain.UNKNOWN, machine));
            case "test" -> Optional.of(new DcaseSplitFolder(Split.TEST, Domain.UNKNOWN, machine));
            case "source_test" -> Optional.of(new DcaseSplitFolder(Split.TEST, Domain.SOURCE, machine));
            case "target_test" -> Optional.of(new DcaseSplitFolder(Split.TEST, Domain.TARGET, machine));
            default -> Optional.empty();
        };
    }
}
