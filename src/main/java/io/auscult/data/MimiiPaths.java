package io.auscult.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MIMII paths: {@code 6_dB_fan/fan/id_00/abnormal/00000012.wav}. The labels are in the folders:
 * machine type, machine id, {@code normal}/{@code abnormal}, and, when the archive was unpacked
 * into its own {@code <snr>_<machine>} folder, the signal-to-noise ratio ({@code -6_dB},
 * {@code 0_dB}, {@code 6_dB}) kept as the attribute {@code snr}. MIMII has no train/test split
 * and no domains.
 */
final class MimiiPaths {

    private static final Pattern CLIP = Pattern.compile("\\d+");
    private static final Pattern ID = Pattern.compile("id_\\d+");
    private static final Pattern SNR_FOLDER = Pattern.compile("(-?\\d+_dB)_(.+)");

    private MimiiPaths() {
    }

    static Optional<Labels> recognise(Path file, String stem) {
        if (!CLIP.matcher(stem).matches()) {
            return Optional.empty();
        }
        Path conditionFolder = file.getParent();
        Path idFolder = conditionFolder == null ? null : conditionFolder.getParent();
        Path machineFolder = idFolder == null ? null : idFolder.getParent();
        if (machineFolder == null || machineFolder.getFileName() == null) {
            return Optional.empty();
        }
        Condition condition = switch (conditionFolder.getFileName().toString()) {
            case "normal" -> Condition.NORMAL;
            case "abnormal" -> Condition.ANOMALY;
            default -> null;
        };
        String id = idFolder.getFileName().toString();
        if (condition == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        String machine = machineFolder.getFileName().toString();
        Map<String, String> attributes = new LinkedHashMap<>();
        Path snrFolder = machineFolder.getParent();
        if (snrFolder != null && snrFolder.getFileName() != null) {
            Matcher snr = SNR_FOLDER.matcher(snrFolder.getFileName().toString());
            if (snr.matches() && snr.group(2).equals(machine)) {
                attributes.put("snr", snr.group(1));
            }
        }
        return Optional.of(new Labels(machine, id, Domain.UNKNOWN, Split.UNKNOWN, condition, attributes));
    }
}
