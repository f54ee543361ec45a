package io.auscult.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Domains and anomaly kinds of synthetic clips come from the generator's manifest, which their names cannot carry. */
class ManifestLabelsTest {

    @Test
    void theDemoSetsTargetClipsAreTheFourthOfEachGroup() throws Exception {
        ScanResult scan = new DatasetScanner().scan(Path.of("samples"));
        for (Recording r : scan.recordings()) {
            String name = r.path().getFileName().toString();
            int index = Integer.parseInt(name.substring(name.lastIndexOf('_') + 1, name.length() - 4));
            Domain expected = index % 4 == 3 ? Domain.TARGET : Domain.SOURCE;
            assertThat(r.labels().domain()).as(r.path().toString()).isEqualTo(expected);
        }
        assertThat(scan.recordings()).filteredOn(r -> r.labels().domain() == Domain.TARGET).hasSize(20);
    }

    @Test
    void theDemoSetsAnomaliesCarryTheirKindAndNormalClipsNone() throws Exception {
        ScanResult scan = new DatasetScanner().scan(Path.of("samples"));
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        for (Recording r : scan.recordings()) {
            String kind = r.labels().attributes().get(Labels.ANOMALY_KIND);
            if (r.labels().condition() == Condition.ANOMALY) {
                assertThat(kind).as(r.path().toString()).isNotNull();
                kinds.merge(kind, 1L, Long::sum);
            } else {
                assertThat(kind).as(r.path().toString()).isNull();
            }
        }
        // 16 anomalies, all six kinds (samples/README.md)
        assertThat(kinds.keySet()).containsExactlyInAnyOrder("bearing_whine", "broadband_burst", "harmonic_shift",
                "missing_impact", "extra_impact", "modulation_change");
        assertThat(kinds.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(16);
    }

    @Test
    void anotherToolsManifestOrABrokenOneAddsNothing(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("fan/train/normal_id_00_00000003.wav");
        Files.createDirectories(clip.getParent());
        Files.copy(Path.of("samples/fan/train/normal_id_00_00000003.wav"), clip);
        Files.writeString(dir.resolve("manifest.json"), "{\"generator\":{\"name\":\"other\"},\"files\":"
                + "[{\"path\":\"fan/train/normal_id_00_00000003.wav\",\"domain\":\"target\"}]}");
        assertThat(new DatasetScanner().scan(dir).recordings().get(0).labels().domain()).isEqualTo(Domain.UNKNOWN);
        Files.writeString(dir.resolve("manifest.json"), "{not json");
        ScanResult broken = new DatasetScanner().scan(dir);
        assertThat(broken.recordings()).hasSize(1);
        assertThat(broken.recordings().get(0).labels().domain()).isEqualTo(Domain.UNKNOWN);
        Files.writeString(dir.resolve("manifest.json"), "{\"generator\":{\"name\":\"auscult-synth\"},\"files\":"
                + "[{\"path\":\"fan/train/normal_id_00_00000003.wav\",\"domain\":\"target\"}]}");
        assertThat(new DatasetScanner().scan(dir).recordings().get(0).labels().domain()).isEqualTo(Domain.TARGET);
    }
}
