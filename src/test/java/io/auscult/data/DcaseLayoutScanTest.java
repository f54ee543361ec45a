package io.auscult.data;

import static io.auscult.data.Condition.ANOMALY;
import static io.auscult.data.Condition.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DcaseLayoutScanTest {

    @TempDir
    Path dir;

    private final DatasetScanner scanner = new DatasetScanner();

    private static Labels labels(String machine, String id, Domain domain, Split split, Condition condition) {
        return new Labels(machine, id, domain, split, condition, Map.of());
    }

    private static Recording only(ScanResult result, String fileName) {
        List<Recording> hits = result.recordings().stream()
                .filter(r -> r.path().getFileName().toString().equals(fileName)).toList();
        assertThat(hits).as("recordings named " + fileName).hasSize(1);
        return hits.get(0);
    }

    private Path dcase2020Tree() {
        Path root = dir.resolve("dev_data");
        TinyWavs.put(root, "fan/train/normal_id_00_00000000.wav");
        TinyWavs.put(root, "fan/train/normal_id_02_00000001.wav");
        TinyWavs.put(root, "fan/test/anomaly_id_00_00000000.wav");
        TinyWavs.put(root, "fan/test/normal_id_02_00000003.wav");
        TinyWavs.put(root, "ToyCar/test/anomaly_id_01_00000042.wav");
        return root;
    }

    @Test
    void dcase2020RootWithSeveralMachinesIsLabelledFieldByField() throws Exception {
        ScanResult result = scanner.scan(dcase2020Tree());

        assertThat(result.layout()).isEqualTo(DatasetLayout.DCASE2020);
        assertThat(result.unusable()).isEmpty();
        assertThat(result.recordings()).hasSize(5);
        assertThat(only(result, "normal_id_00_00000000.wav").labels())
                .isEqualTo(labels("fan", "id_00", Domain.UNKNOWN, Split.TRAIN, NORMAL));
        assertThat(only(result, "anomaly_id_00_00000000.wav").labels())
                .isEqualTo(labels("fan", "id_00", Domain.UNKNOWN, Split.TEST, ANOMALY));
        assertThat(only(result, "normal_id_02_00000003.wav").labels())
                .isEqualTo(labels("fan", "id_02", Domain.UNKNOWN, Split.TEST, NORMAL));
        assertThat(only(result, "anomaly_id_01_00000042.wav").labels())
                .isEqualTo(labels("ToyCar", "id_01", Domain.UNKNOWN, Split.TEST, ANOMALY));
    }

    @Test
    void headerFactsAreReadForEveryRecording() throws Exception {
        ScanResult result = scanner.scan(dcase2020Tree());

        assertThat(result.recordings()).allSatisfy(r -> {
            assertThat(r.info().sampleRate()).isEqualTo(TinyWavs.RATE);
            assertThat(r.info().frames()).isEqualTo(TinyWavs.SAMPLES);
            assertThat(r.info().channels()).isEqualTo(1);
            assertThat(r.mask()).isEmpty();
            assertThat(r.path()).isAbsolute();
        });
    }

    @Test
    void pointingAtOneMachineFolderOrAtItsTrainFolderKeepsTheMachineName() throws Exception {
        Path root = dcase2020Tree();

        ScanResult machine = scanner.scan(root.resolve("fan"));
        assertThat(machine.recordings()).hasSize(4)
                .allSatisfy(r -> assertThat(r.labels().machineType()).isEqualTo("fan"));

        ScanResult train = scanner.scan(root.resolve("fan/train"));
        assertThat(train.layout()).isEqualTo(DatasetLayout.DCASE2020);
        assertThat(train.recordings()).extracting(Recording::labels).containsExactly(
                labels("fan", "id_00", Domain.UNKNOWN, Split.TRAIN, NORMAL),
                labels("fan", "id_02", Domain.UNKNOWN, Split.TRAIN, NORMAL));
    }

    @Test
    void dcase2020EvaluationTestFilesHaveUnknownCondition() throws Exception {
        Path root = dir.resolve("eval_data");
        TinyWavs.put(root, "pump/test/id_05_00000000.wav");
        TinyWavs.put(root, "pump/train/normal_id_05_00000000.wav");

        ScanResult result = scanner.scan(root);

        assertThat(result.layout()).isEqualTo(DatasetLayout.DCASE2020);
        assertThat(only(result, "id_05_00000000.wav").labels())
                .isEqualTo(labels("pump", "id_05", Domain.UNKNOWN, Split.TEST, Condition.UNKNOWN));
        assertThat(only(result, "normal_id_05_00000000.wav").labels())
                .isEqualTo(labels("pump", "id_05", Domain.UNKNOWN, Split.TRAIN, NORMAL));
    }

    @Test
    void dcase2021DevelopmentSetWithSourceAndTargetTestFolders() throws Exception {
        Path root = dir.resolve("dev_data");
        TinyWavs.put(root, "fan/train/section_00_source_train_normal_0000_strength_1_ambient.wav");
        TinyWavs.put(root, "gearbox/train/section_00_target_train_normal_0002_0_g_25_mm_2000_mV_none.wav");
        TinyWavs.put(root, "ToyCar/train/section_01_source_train_normal_0000_A1Spd28VMic1.wav");
        TinyWavs.put(root, "pump/train/section_02_source_train_normal_0000_pattern_00_no_pump.wav");
        TinyWavs.put(root, "fan/source_test/section_00_source_test_anomaly_0099.wav");
        TinyWavs.put(root, "fan/target_test/section_01_target_test_normal_0000.wav");

        ScanResult result = scanner.scan(root);

        assertThat(result.layout()).isEqualTo(DatasetLayout.DCASE2021);
        assertThat(result.recordings()).hasSize(6);
        Labels fanTrain = only(result, "section_00_source_train_normal_0000_strength_1_ambient.wav").labels();
        assertThat(fanTrain).isEqualTo(new Labels("fan", "section_00", Domain.SOURCE, Split.TRAIN, NORMAL,
                Map.of(Labels.RAW_ATTRIBUTES, "strength_1_ambient")));
        assertThat(only(result, "section_00_target_train_normal_0002_0_g_25_mm_2000_mV_none.wav").labels())
                .isEqualTo(new Labels("gearbox", "section_00", Domain.TARGET, Split.TRAIN, NORMAL,
                        Map.of(Labels.RAW_ATTRIBUTES, "0_g_25_mm_2000_mV_none")));
        assertThat(only(result, "section_01_source_train_normal_0000_A1Spd28VMic1.wav").labels().attributes())
                .containsExactly(entry(Labels.RAW_ATTRIBUTES, "A1Spd28VMic1"));
        // Looks like pairs, so read as pairs (documented limit of the 2021 names).
        assertThat(only(result, "section_02_source_train_normal_0000_pattern_00_no_pump.wav").labels().attributes())
                .containsExactly(entry("pattern", "00"), entry("no", "pump"));
        assertThat(only(result, "section_00_source_test_anomaly_0099.wav").labels())
                .isEqualTo(labels("fan", "section_00", Domain.SOURCE, Split.TEST, ANOMALY));
        assertThat(only(result, "section_01_target_test_normal_0000.wav").labels())
                .isEqualTo(labels("fan", "section_01", Domain.TARGET, Split.TEST, NORMAL));
    }

    @Test
    void dcase2021EvaluationTestFilesKeepDomainAndSplitButNotCondition() throws Exception {
        Path root = dir.resolve("eval_data");
        TinyWavs.put(root, "valve/source_test/section_03_source_test_0000.wav");
        TinyWavs.put(root, "valve/target_test/section_04_target_test_0199.wav");

        ScanResult result = scanner.scan(root);

        assertThat(result.recordings()).extracting(Recording::labels).containsExactly(
                labels("valve", "section_03", Domain.SOURCE, Split.TEST, Condition.UNKNOWN),
                labels("valve", "section_04", Domain.TARGET, Split.TEST, Condition.UNKNOWN));
    }

    @Test
    void dcase2022NamesCarryKeyValueAttributesAndEvaluationNamesDropDomain() throws Exception {
        Path root = dir.resolve("dcase2022");
        TinyWavs.put(root, "dev_data/fan/test/section_00_source_test_normal_0001_m-n_X.wav");
        TinyWavs.put(root, "dev_data/bearing/test/section_01_target_test_anomaly_0000_vel_4_loc_A.wav");
        TinyWavs.put(root, "eval_data/fan/test/section_03_test_0000.wav");

        ScanResult result = scanner.scan(root);

        assertThat(result.layout()).isEqualTo(DatasetLayout.DCASE2021);
        Labels fan = only(result, "section_00_source_test_normal_0001_m-n_X.wav").labels();
        assertThat(fan).isEqualTo(new Labels("fan", "section_00", Domain.SOURCE, Split.TEST, NORMAL,
                Map.of("m-n", "X")));
        Labels bearing = only(result, "section_01_target_test_anomaly_0000_vel_4_loc_A.wav").labels();
        assertThat(bearing.machineType()).isEqualTo("bearing");
        assertThat(bearing.condition()).isEqualTo(ANOMALY);
        assertThat(bearing.attributes()).containsExactly(entry("vel", "4"), entry("loc", "A"));
        assertThat(only(result, "section_03_test_0000.wav").labels())
                .isEqualTo(labels("fan", "section_03", Domain.UNKNOWN, Split.TEST, Condition.UNKNOWN));
    }

    @Test
    void dcase2023ToyCarAttributesStayInOrderAndUnlabelledTestNamesAreUnknown() throws Exception {
        Path root = dir.resolve("dcase2023t2/dev_data/raw");
        TinyWavs.put(root, "ToyCar/train/section_00_source_train_normal_0000_car_A1_spd_28V_mic_1.wav");
        TinyWavs.put(root, "ToyCar/test/section_00_target_test_anomaly_0003_car_B2_spd_31V_mic_1_noise_1.wav");
        TinyWavs.put(root, "gearbox/train/section_00_source_train_normal_0007_volt_1.5_wt_0.25.wav");
        TinyWavs.put(root, "slider/train/section_00_source_train_normal_0000_.wav");
        TinyWavs.put(root, "ToyDrone/test/section_00_0000.wav");

        ScanResult result = scanner.scan(root);

        Labels car = only(result, "section_00_source_train_normal_0000_car_A1_spd_28V_mic_1.wav").labels();
        assertThat(car.machineType()).isEqualTo("ToyCar");
        assertThat(car.machineId()).isEqualTo("section_00");
        assertThat(car.domain()).isEqualTo(Domain.SOURCE);
        assertThat(car.split()).isEqualTo(Split.TRAIN);
        assertThat(car.condition()).isEqualTo(NORMAL);
        assertThat(car.attributes()).containsExactly(entry("car", "A1"), entry("spd", "28V"), entry("mic", "1"));
        assertThat(only(result, "section_00_target_test_anomaly_0003_car_B2_spd_31V_mic_1_noise_1.wav")
                .labels().attributes()).containsExactly(
                entry("car", "B2"), entry("spd", "31V"), entry("mic", "1"), entry("noise", "1"));
        assertThat(only(result, "section_00_source_train_normal_0007_volt_1.5_wt_0.25.wav").labels().attributes())
                .containsExactly(entry("volt", "1.5"), entry("wt", "0.25"));
        assertThat(only(result, "section_00_source_train_normal_0000_.wav").labels().attributes()).isEmpty();
        // The split of "section_00_0000" comes from its folder, the rest is not stated anywhere.
        assertThat(only(result, "section_00_0000.wav").labels())
                .isEqualTo(labels("ToyDrone", "section_00", Domain.UNKNOWN, Split.TEST, Condition.UNKNOWN));
    }

    @Test
    void dcase2024NoAttributeMeansNoAttributes() throws Exception {
        Path root = dir.resolve("dcase2024");
        TinyWavs.put(root, "bearing/train/section_00_source_train_normal_0000_noAttribute.wav");
        TinyWavs.put(root, "ToothBrush/train/section_00_target_train_normal_0001_noAttributes.wav");
        TinyWavs.put(root, "3DPrinter/test/section_00_source_test_0001.wav");

        ScanResult result = scanner.scan(root);

        assertThat(only(result, "section_00_source_train_normal_0000_noAttribute.wav").labels())
                .isEqualTo(labels("bearing", "section_00", Domain.SOURCE, Split.TRAIN, NORMAL));
        assertThat(only(result, "section_00_target_train_normal_0001_noAttributes.wav").labels())
                .isEqualTo(labels("ToothBrush", "section_00", Domain.TARGET, Split.TRAIN, NORMAL));
        assertThat(only(result, "section_00_source_test_0001.wav").labels())
                .isEqualTo(labels("3DPrinter", "section_00", Domain.SOURCE, Split.TEST, Condition.UNKNOWN));
    }

    @Test
    void theNameWinsOverTheFolderAndAFileOutsideASplitFolderHasNoMachine() throws Exception {
        Path root = dir.resolve("odd");
        TinyWavs.put(root, "fan/test/section_00_source_train_normal_0000_a_1.wav");
        TinyWavs.put(root, "loose/section_00_target_test_anomaly_0000.wav");

        ScanResult result = scanner.scan(root);

        assertThat(only(result, "section_00_source_train_normal_0000_a_1.wav").labels().split())
                .isEqualTo(Split.TRAIN);
        assertThat(only(result, "section_00_target_test_anomaly_0000.wav").labels())
                .isEqualTo(labels(Labels.UNKNOWN, "section_00", Domain.TARGET, Split.TEST, ANOMALY));
    }

    @Test
    void unknownNamesInADcaseTreeStayUnknownAndMakeTheLayoutMixed() throws Exception {
        Path root = dir.resolve("dev_data");
        TinyWavs.put(root, "fan/train/normal_id_00_00000000.wav");
        TinyWavs.put(root, "fan/train/my_recording.wav");
        TinyWavs.put(root, "fan/train/normal_00000000.wav");
        TinyWavs.put(root, "fan/train/section_x_source_train_normal_0000.wav");

        ScanResult result = scanner.scan(root);

        assertThat(result.layout()).isEqualTo(DatasetLayout.MIXED);
        assertThat(result.recordings()).hasSize(4);
        for (String unknown : List.of("my_recording.wav", "normal_00000000.wav",
                "section_x_source_train_normal_0000.wav")) {
            assertThat(only(result, unknown).labels()).as(unknown).isEqualTo(Labels.unknown());
        }
        assertThat(only(result, "normal_id_00_00000000.wav").labels().split()).isEqualTo(Split.TRAIN);
    }

    @Test
    void recordingsComeSortedByPathAndTwoScansAreEqual() throws Exception {
        Path root = dir.resolve("dev_data");
        for (int i = 29; i >= 0; i--) {
            TinyWavs.put(root, String.format("pump/train/normal_id_%02d_%08d.wav", i % 3, i));
            TinyWavs.put(root, String.format("fan/test/anomaly_id_%02d_%08d.wav", i % 2, i));
        }

        ScanResult first = scanner.scan(root);
        ScanResult second = scanner.scan(root);

        assertThat(first.recordings()).hasSize(60);
        assertThat(first.recordings()).extracting(Recording::path).isSorted();
        assertThat(second).isEqualTo(first);
    }
}
