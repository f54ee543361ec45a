package io.auscult.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSummaryTest {

    @TempDir
    Path dir;

    private final DatasetScanner scanner = new DatasetScanner();

    private Path dataset() throws Exception {
        Path root = dir.resolve("dev_data");
        // ToyCar: section_00 with 2 source train, 1 target train, 1 source test normal, 2 target test anomaly.
        TinyWavs.put(root, "ToyCar/train/section_00_source_train_normal_0000_car_A1.wav");
        TinyWavs.put(root, "ToyCar/train/section_00_source_train_normal_0001_car_A1.wav");
        TinyWavs.put(root, "ToyCar/train/section_00_target_train_normal_0000_car_B1.wav");
        TinyWavs.put(root, "ToyCar/test/section_00_source_test_normal_0000_car_A1.wav");
        TinyWavs.put(root, "ToyCar/test/section_00_target_test_anomaly_0000_car_B1.wav");
        TinyWavs.put(root, "ToyCar/test/section_00_target_test_anomaly_0001_car_B1.wav", 22_050);
        // ToyCar section_01: one unlabelled evaluation clip.
        TinyWavs.put(root, "ToyCar/test/section_01_0000.wav");
        // fan: one train clip, and an anomaly with its mask.
        TinyWavs.put(root, "fan/train/section_02_source_train_normal_0000_m-n_W.wav");
        TinyWavs.put(root, "fan/test/section_02_source_test_anomaly_0000_m-n_W.wav");
        TinyWavs.text(root, "fan/test/section_02_source_test_anomaly_0000_m-n_W.mask.csv", "frame,band\n");
        // And a file that cannot be used.
        Files.writeString(root.resolve("fan/test/section_02_source_test_normal_0001_m-n_W.wav"), "not audio");
        return root;
    }

    @Test
    void countsPerMachineTypeAndSectionByDomainSplitAndCondition() throws Exception {
        DatasetSummary summary = DatasetSummary.of(scanner.scan(dataset()));

        assertThat(summary.layout()).isEqualTo(DatasetLayout.DCASE2021);
        assertThat(summary.machines()).extracting(MachineSummary::machineType).containsExactly("fan", "ToyCar");

        MachineSummary car = summary.machine("ToyCar").orElseThrow();
        assertThat(car.machineIds()).containsExactly("section_00", "section_01");
        GroupSummary all = car.total();
        assertThat(all.recordings()).isEqualTo(7);
        assertThat(all.count(Split.TRAIN)).isEqualTo(3);
        assertThat(all.count(Split.TEST)).isEqualTo(4);
        assertThat(all.count(Domain.SOURCE)).isEqualTo(3);
        assertThat(all.count(Domain.TARGET)).isEqualTo(3);
        assertThat(all.count(Domain.UNKNOWN)).isEqualTo(1);
        assertThat(all.count(Condition.NORMAL)).isEqualTo(4);
        assertThat(all.count(Condition.ANOMALY)).isEqualTo(2);
        assertThat(all.count(Condition.UNKNOWN)).isEqualTo(1);
        assertThat(all.count(Split.TEST, Condition.ANOMALY)).isEqualTo(2);
        assertThat(all.count(Domain.SOURCE, Split.TRAIN, Condition.NORMAL)).isEqualTo(2);
        assertThat(all.sampleRates()).containsExactly(16_000, 22_050);
        assertThat(all.channelCounts()).containsExactly(1);
        assertThat(all.withMask()).isZero();

        GroupSummary section01 = car.byMachineId().get("section_01");
        assertThat(section01.cells()).containsExactly(
                new GroupSummary.Cell(Domain.UNKNOWN, Split.TEST, Condition.UNKNOWN, 1));
    }

    @Test
    void durationsMasksAndUnusableFilesAreSummed() throws Exception {
        DatasetSummary summary = DatasetSummary.of(scanner.scan(dataset()));

        double tiny = TinyWavs.SAMPLES / (double) TinyWavs.RATE;
        double expected = 8 * tiny + TinyWavs.SAMPLES / 22_050.0;
        assertThat(summary.total().recordings()).isEqualTo(9);
        assertThat(summary.total().durationSeconds()).isCloseTo(expected, offset(1e-12));
        MachineSummary fan = summary.machine("fan").orElseThrow();
        assertThat(fan.total().withMask()).isEqualTo(1);
        assertThat(fan.total().durationSeconds()).isCloseTo(2 * tiny, offset(1e-12));
        assertThat(summary.unusable()).singleElement()
                .satisfies(u -> assertThat(u.reason()).startsWith("is not a WAV (RIFF) file"));
    }

    @Test
    void cellsAreInEnumOrderAndSumToTheTotal() throws Exception {
        DatasetSummary summary = DatasetSummary.of(scanner.scan(dataset()));

        GroupSummary total = summary.total();
        assertThat(total.cells().stream().mapToInt(GroupSummary.Cell::recordings).sum())
                .isEqualTo(total.recordings());
        assertThat(total.cells()).isSortedAccordingTo(Comparator.comparing(GroupSummary.Cell::domain)
                .thenComparing(GroupSummary.Cell::split).thenComparing(GroupSummary.Cell::condition));
    }

    @Test
    void recordingsWithoutAMachineAreSummarisedUnderUnknown() throws Exception {
        Path root = dir.resolve("plain");
        TinyWavs.put(root, "a.wav");
        TinyWavs.put(root, "b.wav");

        DatasetSummary summary = DatasetSummary.of(scanner.scan(root));

        assertThat(summary.machines()).singleElement().satisfies(m -> {
            assertThat(m.machineType()).isEqualTo(Labels.UNKNOWN);
            assertThat(m.machineIds()).containsExactly(Labels.UNKNOWN);
            assertThat(m.total().count(Condition.UNKNOWN)).isEqualTo(2);
        });
    }
}
