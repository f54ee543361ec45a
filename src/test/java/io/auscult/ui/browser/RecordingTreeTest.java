package io.auscult.ui.browser;

import io.auscult.data.DatasetScanner;
import io.auscult.data.ScanResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingTreeTest {

    private static ScanResult samples;

    @BeforeAll
    static void scan() throws Exception {
        samples = new DatasetScanner().scan(Path.of("samples"));
    }

    @Test
    void samplesGroupByMachineIdSplitAndCondition() {
        BrowserNode root = RecordingTree.of(samples, "");
        assertThat(root.children()).extracting(BrowserNode::label)
                .containsExactly("fan (20)", "pump (20)", "slider (20)", "valve (20)");
        BrowserNode fan = root.children().get(0);
        BrowserNode id = fan.children().get(0);
        assertThat(id.label()).isEqualTo("id_00 (20)");
        assertThat(id.children()).extracting(BrowserNode::label).containsExactly("test (8)", "train (12)");
        BrowserNode test = id.children().get(0);
        assertThat(test.children()).extracting(BrowserNode::label).containsExactly("anomaly (4)", "normal (4)");
        assertThat(test.children().get(0).children().get(0).label()).isEqualTo("anomaly_id_00_00000000.wav");
        assertThat(root.leafCount()).isEqualTo(80);
    }

    @Test
    void filterKeepsRecordingsMatchingEveryWord() {
        BrowserNode root = RecordingTree.of(samples, "pump ANOMALY");
        assertThat(root.leafCount()).isEqualTo(4);
        assertThat(root.recordings()).allSatisfy(r -> {
            assertThat(r.labels().machineType()).isEqualTo("pump");
            assertThat(r.path().getFileName().toString()).startsWith("anomaly_");
        });
        assertThat(RecordingTree.of(samples, "no-such-thing").children()).isEmpty();
    }

    @Test
    void badFilesAreListedWithTheirReason(@TempDir Path dir) throws Exception {
        Path train = Files.createDirectories(dir.resolve("fan/train"));
        Files.copy(Path.of("samples/fan/train/normal_id_00_00000000.wav"), train.resolve("normal_id_00_00000000.wav"));
        Files.writeString(train.resolve("normal_id_00_00000001.wav"), "not a wav file at all");
        BrowserNode root = RecordingTree.of(new DatasetScanner().scan(dir), "");
        BrowserNode bad = root.children().get(root.children().size() - 1);
        assertThat(bad.label()).isEqualTo(RecordingTree.UNUSABLE_GROUP + " (1)");
        BrowserNode file = bad.children().get(0);
        assertThat(file.unusable()).isPresent();
        assertThat(file.label()).startsWith("normal_id_00_00000001.wav — ")
                .contains(file.unusable().get().reason());
        assertThat(file.unusable().get().reason()).isNotBlank();
        assertThat(root.leafCount()).isEqualTo(2);
    }
}
