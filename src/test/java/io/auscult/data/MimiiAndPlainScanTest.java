package io.auscult.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MimiiAndPlainScanTest {

    @TempDir
    Path dir;

    private final DatasetScanner scanner = new DatasetScanner();

    @Test
    void mimiiLabelsComeFromTheFoldersWithSnrAsAttribute() throws Exception {
        Path root = dir.resolve("mimii");
        TinyWavs.put(root, "6_dB_fan/fan/id_00/abnormal/00000012.wav");
        TinyWavs.put(root, "-6_dB_fan/fan/id_02/normal/00000000.wav");
        TinyWavs.put(root, "0_dB_slider/slider/id_04/normal/00000001.wav");

        ScanResult result = scanner.scan(root);

        // Sorted by path: "-6_dB_fan" < "0_dB_slider" < "6_dB_fan".
        assertThat(result.layout()).isEqualTo(DatasetLayout.MIMII);
        assertThat(result.unusable()).isEmpty();
        assertThat(result.recordings()).extracting(Recording::labels).containsExactly(
                new Labels("fan", "id_02", Domain.UNKNOWN, Split.UNKNOWN, Condition.NORMAL, Map.of("snr", "-6_dB")),
                new Labels("slider", "id_04", Domain.UNKNOWN, Split.UNKNOWN, Condition.NORMAL, Map.of("snr", "0_dB")),
                new Labels("fan", "id_00", Domain.UNKNOWN, Split.UNKNOWN, Condition.ANOMALY, Map.of("snr", "6_dB")));
    }

    @Test
    void mimiiUnpackedWithoutItsSnrFolderHasNoSnr() throws Exception {
        Path root = dir.resolve("unpacked");
        TinyWavs.put(root, "valve/id_06/abnormal/00000003.wav");

        ScanResult result = scanner.scan(root.resolve("valve/id_06"));

        assertThat(result.layout()).isEqualTo(DatasetLayout.MIMII);
        assertThat(result.recordings()).singleElement().extracting(Recording::labels).isEqualTo(
                new Labels("valve", "id_06", Domain.UNKNOWN, Split.UNKNOWN, Condition.ANOMALY, Map.of()));
    }

    @Test
    void anSnrFolderOfAnotherMachineIsNotTakenAsThisOnesSnr() throws Exception {
        Path root = dir.resolve("moved");
        TinyWavs.put(root, "6_dB_pump/fan/id_00/normal/00000000.wav");

        ScanResult result = scanner.scan(root);

        assertThat(result.recordings()).singleElement().satisfies(r -> {
            assertThat(r.labels().machineType()).isEqualTo("fan");
            assertThat(r.labels().attributes()).isEmpty();
        });
    }

    @Test
    void plainFolderIsScannedRecursivelyWithEverythingUnknown() throws Exception {
        Path root = dir.resolve("recordings");
        TinyWavs.put(root, "monday/press_1.wav");
        TinyWavs.put(root, "monday/late/press_2.WAV", 44_100);
        TinyWavs.put(root, "test/normal/clip.wav");

        ScanResult result = scanner.scan(root);

        assertThat(result.layout()).isEqualTo(DatasetLayout.PLAIN);
        assertThat(result.recordings()).hasSize(3)
                .allSatisfy(r -> assertThat(r.labels()).isEqualTo(Labels.unknown()));
        assertThat(result.recordings()).extracting(r -> r.info().sampleRate()).contains(44_100);
    }

    @Test
    void emptyFolderIsAPlainDatasetWithNothingInIt() throws Exception {
        Path root = dir.resolve("empty");
        Files.createDirectories(root);

        ScanResult result = scanner.scan(root);

        assertThat(result.layout()).isEqualTo(DatasetLayout.PLAIN);
        assertThat(result.recordings()).isEmpty();
        assertThat(result.unusable()).isEmpty();
    }

    @Test
    void aSingleWavFileCanBeScannedAndKeepsItsLabels() throws Exception {
        Path file = TinyWavs.put(dir, "dev/fan/test/anomaly_id_00_00000007.wav");

        ScanResult result = scanner.scan(file);

        assertThat(result.layout()).isEqualTo(DatasetLayout.DCASE2020);
        assertThat(result.recordings()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo(file);
            assertThat(r.labels().condition()).isEqualTo(Condition.ANOMALY);
        });
    }

    @Test
    void mimiiAndDcaseSideBySideIsMixedAndEachKeepsItsOwnLabels() throws Exception {
        Path root = dir.resolve("all");
        TinyWavs.put(root, "mimii/6_dB_fan/fan/id_00/normal/00000000.wav");
        TinyWavs.put(root, "dcase/fan/train/section_00_source_train_normal_0000_a_1.wav");

        ScanResult result = scanner.scan(root);

        assertThat(result.layout()).isEqualTo(DatasetLayout.MIXED);
        assertThat(result.recordings()).extracting(r -> r.labels().machineId())
                .containsExactly("section_00", "id_00");
        assertThat(result.recordings().get(0).labels().attributes()).containsExactly(entry("a", "1"));
    }
}
