package io.auscult.ui.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectFileTest {

    @Test
    void aProjectReadsBackAsWritten(@TempDir Path dir) throws Exception {
        Project p = new Project(ProjectFile.VERSION, "/data/samples", List.of("/m/fan-ae.auscult"), 0,
                Map.of("/m/fan-ae.auscult", 0.51), "/data/samples/fan/test/a.wav", "viridis",
                Map.of("/m/fan-ae.auscult", List.of(new Project.Score("/data/samples/fan/test/a.wav", 0.7))));
        Path f = dir.resolve("w" + ProjectFile.EXTENSION);
        ProjectFile.write(f, p);
        assertThat(ProjectFile.read(f)).isEqualTo(p);
    }

    @Test
    void aDamagedFileIsRefusedNamingTheFileAndNothingIsOverwritten(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w" + ProjectFile.EXTENSION);
        Files.writeString(f, "{\"version\": 1, \"models\": [");
        assertThatThrownBy(() -> ProjectFile.read(f)).hasMessageContaining(f.toString())
                .hasMessageContaining("not an Auscult project");
        assertThat(Files.readString(f)).isEqualTo("{\"version\": 1, \"models\": [");
    }

    @Test
    void aNewerFormatIsRefusedWithWhatToDo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w" + ProjectFile.EXTENSION);
        Files.writeString(f, "{\"version\": 99}");
        assertThatThrownBy(() -> ProjectFile.read(f)).hasMessageContaining("newer").hasMessageContaining("update");
    }

    @Test
    void recentFilesPutTheNewestFirstWithoutDuplicatesAndSurviveDamage(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("recent.json");
        RecentFiles r = new RecentFiles(list);
        r.add(dir.resolve("a"));
        r.add(dir.resolve("b"));
        r.add(dir.resolve("a"));
        assertThat(new RecentFiles(list).list()).containsExactly(dir.resolve("a"), dir.resolve("b"));
        Files.writeString(list, "garbage");
        assertThat(new RecentFiles(list).list()).isEmpty();
    }
}
