package io.auscult.data;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DCASE 2021–2024 Task 2 names. Labelled files (development sets, additional training sets):
 * {@code section_00_source_train_normal_0000_<attributes>.wav}; 2021 test files carry no
 * attributes ({@code section_00_target_test_anomaly_0042.wav}). Unlabelled evaluation test files
 * drop what they hide: {@code section_03_source_test_0000.wav} (2021),
 * {@code section_03_test_0000.wav} (2022, 2023), {@code section_00_0000.wav} (2023, 2024).
 *
 * <p>What the name states wins; the folder ({@code train}, {@code test}, {@code source_test},
 * {@code target_test}) fills in the split and domain the name leaves out, and the folder above it
 * gives the machine type.
 */
final class Dcase2021Names {

    private static final Pattern NAME = Pattern.compile(
            "(section_\\d+)(?:_(source|target))?(?:_(train|test))?(?:_(normal|anomaly))?_\\d+(?:_(.*))?");

    private Dcase2021Names() {
    }

    static Optional<Labels> recognise(Path file, String stem) {
        Matcher m = NAME.matcher(stem);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<DcaseSplitFolder> folder = DcaseSplitFolder.of(file);
        Domain domain = m.group(2) != null ? Domain.parse(m.group(2)).orElseThrow()
                : folder.map(DcaseSplitFolder::domain).orElse(Domain.UNKNOWN);
        Split split = m.group(3) != null ? Split.parse(m.group(3)).orElseThrow()
                : folder.map(DcaseSplitFolder::split).orElse(Split.UNKNOWN);
        Condition condition = m.group(4) != null ? Condition.parse(m.group(4)).orElseThrow() : Condition.UNKNOWN;
        String machine = folder.map(DcaseSplitFolder::machineType).orElse(Labels.UNKNOWN);
        return Optional.of(new Labels(machine, m.group(1), domain, split, condition,
                DcaseAttributes.parse(m.group(5))));
    }
}
