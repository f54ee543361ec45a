package io.auscult.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DCASE 2020 Task 2 names: {@code normal_id_00_00000000.wav}, {@code anomaly_id_00_00000123.wav},
 * and the unlabelled evaluation test files {@code id_05_00000000.wav}. The split and the machine
 * type come from the folders ({@code <machine>/train}, {@code <machine>/test}); 2020 had no
 * domains, so the domain is unknown.
 */
final class Dcase2020Names {

    private static final Pattern NAME = Pattern.compile("(?:(normal|anomaly)_)?(id_\\d+)_\\d+");

    private Dcase2020Names() {
    }

    static Optional<Labels> recognise(Path file, String stem) {
        Matcher m = NAME.matcher(stem);
        if (!m.matches()) {
            return Optional.empty();
        }
        Condition condition = m.group(1) == null ? Condition.UNKNOWN
                : m.group(1).equals("normal") ? Condition.NORMAL : Condition.ANOMALY;
        Optional<DcaseSplitFolder> folder = DcaseSplitFolder.of(file);
        String machine = folder.map(DcaseSplitFolder::machineType).orElse(Labels.UNKNOWN);
        Split split = folder.map(DcaseSplitFolder::split).orElse(Split.UNKNOWN);
        return Optional.of(new Labels(machine, m.group(2), Domain.UNKNOWN, split, condition, Map.of()));
    }
}
