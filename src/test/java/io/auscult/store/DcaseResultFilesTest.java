package io.auscult.store;

import io.auscult.data.Condition;
import io.auscult.data.Domain;
import io.auscult.data.Labels;
import io.auscult.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DcaseResultFilesTest {

    private static DcaseResultFiles.Row row(String machine, String id, String name, double score, boolean anomalous) {
        return new DcaseResultFiles.Row(Path.of("data", machine, "test", name),
                new Labels(machine, id, Domain.SOURCE, Split.TEST, Condition.UNKNOWN, Map.of()), score, anomalous);
    }

    @Test
    void onePairOfFilesPerMachineAndSectionWithoutHeadersInTheGivenOrder(@TempDir Path dir) throws Exception {
        List<Path> written = DcaseResultFiles.write(dir, List.of(
                row("fan", "section_00", "section_00_0001.wav", 0.75, true),
                row("fan", "section_00", "section_00_0000.wav", 0.25, false),
                row("valve", "id_02", "anomaly_id_02_00000003.wav", 1.5, true)));
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly(
                "anomaly_score_fan_section_00_test.csv", "decision_result_fan_section_00_test.csv",
                "anomaly_score_valve_id_02_test.csv", "decision_result_valve_id_02_test.csv");
        assertThat(Files.readAllLines(dir.resolve("anomaly_score_fan_section_00_test.csv")))
                .containsExactly("section_00_0001.wav,0.75", "section_00_0000.wav,0.25");
        assertThat(Files.readAllLines(dir.resolve("decision_result_fan_section_00_test.csv")))
                .containsExactly("section_00_0001.wav,1", "section_00_0000.wav,0");
        assertThat(Files.readAllLines(dir.resolve("anomaly_score_valve_id_02_test.csv")))
                .containsExactly("anomaly_id_02_00000003.wav,1.5");
    }
}
