package io.auscult.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Domains of synthetic clips come from the generator's manifest, which their names cannot carry. */
class ManifestDomainsTest {

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
