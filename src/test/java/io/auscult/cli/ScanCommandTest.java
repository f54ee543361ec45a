package io.auscult.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ScanCommandTest {

    @Test
    void listsTheDemoSetCorrectly() {
        CliRun run = CliRun.of("scan", "samples");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("DCASE 2020 Task 2 layout, 80 recordings, 13.3 min, 16000 Hz");
        for (String machine : new String[] {"fan", "pump", "slider", "valve"}) {
            assertThat(run.out()).containsPattern(machine + " +id_00 +12 +4 +4 +0 +15 +5 +4 +3.3 min");
        }
        assertThat(run.out()).containsPattern("all +48 +16 +16 +0 +60 +20 +16 +13.3 min");
        assertThat(run.out()).doesNotContain("cannot be used");
    }

    @Test
    void jsonCountsEveryCellOfTheDemoSet() throws Exception {
        CliRun run = CliRun.of("scan", "samples", "--json");
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("layout").asText()).isEqualTo("DCASE2020");
        assertThat(root.at("/total/recordings").asInt()).isEqualTo(80);
        assertThat(root.at("/total/withMask").asInt()).isEqualTo(16);
        assertThat(root.get("machines")).hasSize(4);
        assertThat(root.at("/machines/0/machineType").asText()).isEqualTo("fan");
        assertThat(root.at("/machines/0/ids/id_00/recordings").asInt()).isEqualTo(20);
        assertThat(root.get("unusable")).isEmpty();
    }

    @Test
    void unusableFilesAreListedWithTheirReasonAndTheRestIsScanned(@TempDir Path dir) throws Exception {
        Path train = Files.createDirectories(dir.resolve("fan/train"));
        Files.copy(Path.of("samples/fan/train/normal_id_00_00000000.wav"), train.resolve("normal_id_00_00000000.wav"));
        Files.copy(Path.of("../shared/fixtures/wav/err_riff_not_wave.wav"), train.resolve("normal_id_00_00000001.wav"));
        CliRun run = CliRun.of("scan", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("1 recording", "1 file cannot be used:", "normal_id_00_00000001.wav",
                "not a WAVE audio file");
    }

    @Test
    void aMissingFolderIsAClearError() {
        CliRun run = CliRun.of("scan", "no/such/folder");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no/such/folder").doesNotContain("\tat ");
    }
}
