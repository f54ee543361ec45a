package io.auscult.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvListScanTest {

    @TempDir
    Path dir;

    private final DatasetScanner scanner = new DatasetScanner();

    @Test
    void listWithoutHeaderGivesLabelsFromItsColumnsForRelativeAndAbsolutePaths() throws Exception {
        Path a = TinyWavs.put(dir, "lists/clips/a.wav");
        Path b = TinyWavs.put(dir, "elsewhere/b.wav");
        Path c = TinyWavs.put(dir, "lists/clips/c.wav");
        Path list = TinyWavs.text(dir, "lists/list.csv",
                "clips/a.wav,normal,fan,section_00\n"
                        + b + ",ABNORMAL,pump\n"
                        + "\n"
                        + "./clips/c.wav,Unknown\n"
                        + "clips/missing.wav,normal"); // last line without a line break

        ScanResult result = scanner.scan(list);

        assertThat(result.layout()).isEqualTo(DatasetLayout.CSV_LIST);
        assertThat(result.root()).isEqualTo(list);
        // Line numbers count the blank line, as an editor does.
        assertThat(result.unusable()).extracting(UnusableFile::reason)
                .containsExactly("does not exist (listed on line 5 of list.csv)");
        assertThat(result.recordings()).extracting(Recording::path).containsExactly(b, a, c);
        assertThat(result.recordings()).extracting(Recording::labels).containsExactly(
                new Labels("pump", Labels.UNKNOWN, Domain.UNKNOWN, Split.UNKNOWN, Condition.ANOMALY, Map.of()),
                new Labels("fan", "section_00", Domain.UNKNOWN, Split.UNKNOWN, Condition.NORMAL, Map.of()),
                Labels.unknown());
    }

    @Test
    void theListStatesTheLabelsWhateverTheFileNamesSay() throws Exception {
        Path file = TinyWavs.put(dir, "fan/train/normal_id_00_00000000.wav");
        Path list = TinyWavs.text(dir, "relabel.csv", "fan/train/normal_id_00_00000000.wav,anomaly\n");

        ScanResult result = scanner.scan(list);

        assertThat(result.recordings()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo(file);
            assertThat(r.labels()).isEqualTo(new Labels(Labels.UNKNOWN, Labels.UNKNOWN, Domain.UNKNOWN,
                    Split.UNKNOWN, Condition.ANOMALY, Map.of()));
        });
    }

    @Test
    void headerRowNamesColumnsInAnyOrderAndExtraColumnsBecomeAttributes() throws Exception {
        TinyWavs.put(dir, "x.wav");
        TinyWavs.put(dir, "y.wav");
        Path list = TinyWavs.text(dir, "list.csv",
                "\uFEFFPath,Machine,Section,Condition,Split,Domain,load,speed\n"
                        + "x.wav,press,id_01,normal,train,source,80%,1.5\n"
                        + "y.wav,press,id_01,anomaly,test,target,,2\n");

        ScanResult result = scanner.scan(list);

        assertThat(result.unusable()).isEmpty();
        assertThat(result.recordings()).extracting(Recording::labels).containsExactly(
                new Labels("press", "id_01", Domain.SOURCE, Split.TRAIN, Condition.NORMAL,
                        Map.of("load", "80%", "speed", "1.5")),
                new Labels("press", "id_01", Domain.TARGET, Split.TEST, Condition.ANOMALY, Map.of("speed", "2")));
        assertThat(result.recordings().get(0).labels().attributes())
                .containsExactly(entry("load", "80%"), entry("speed", "1.5"));
    }

    @Test
    void badRowsBecomeUnusableWithLineAndReasonAndGoodRowsAreKept() throws Exception {
        Path good = TinyWavs.put(dir, "good.wav");
        Path damaged = dir.resolve("damaged.wav");
        Files.copy(Path.of("../shared/fixtures/wav/err_data_truncated.wav"), damaged);
        Path list = TinyWavs.text(dir, "list.csv",
                "path,condition\n"
                        + "good.wav,normal\n"
                        + "missing.wav,normal\n"
                        + "good.wav,broken\n"
                        + ",normal\n"
                        + "good.wav,anomaly\n"
                        + "damaged.wav,anomaly\n"
                        + "subdir,normal\n");
        Files.createDirectory(dir.resolve("subdir"));

        ScanResult result = scanner.scan(list);

        assertThat(result.recordings()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo(good.toAbsolutePath());
            assertThat(r.labels().condition()).isEqualTo(Condition.NORMAL);
        });
        Map<String, String> reasons = new TreeMap<>();
        result.unusable().forEach(u -> reasons.merge(u.path().getFileName().toString(), u.reason(),
                (x, y) -> x + " | " + y));
        assertThat(reasons).containsOnlyKeys("missing.wav", "good.wav", "list.csv", "damaged.wav", "subdir");
        assertThat(reasons.get("missing.wav")).isEqualTo("does not exist (listed on line 3 of list.csv)");
        assertThat(reasons.get("good.wav"))
                .contains("line 4 of list.csv gives the condition 'broken', which is none of normal, anomaly,"
                        + " abnormal, unknown")
                .contains("is listed again on line 6 of list.csv (first on line 2)");
        assertThat(reasons.get("list.csv")).isEqualTo("line 5 names no file");
        assertThat(reasons.get("damaged.wav")).startsWith("is truncated");
        assertThat(reasons.get("subdir")).isEqualTo("is not a file (listed on line 8 of list.csv)");
    }

    @Test
    void rowsWithTooManyFieldsOrSemicolonsAreExplained() throws Exception {
        TinyWavs.put(dir, "a.wav");
        Path list = TinyWavs.text(dir, "list.csv", "a.wav,normal,fan,id_00,extra\na.wav;normal\n");

        ScanResult result = scanner.scan(list);

        assertThat(result.recordings()).isEmpty();
        assertThat(result.unusable()).extracting(u -> u.path().getFileName().toString(), UnusableFile::reason)
                .containsExactly(
                        tuple("a.wav;normal", "does not exist (listed on line 2 of list.csv); fields must be"
                                + " separated by commas, and this line uses semicolons"),
                        tuple("list.csv", "line 1 has 5 fields; a list without a header row has at most 4:"
                                + " path,condition[,machine,section]"));
    }

    @Test
    void masksBesideListedFilesAreAttached() throws Exception {
        Path wav = TinyWavs.put(dir, "clip.wav");
        Path mask = TinyWavs.text(dir, "clip.mask.csv", "frame,band\n");
        Path list = TinyWavs.text(dir, "list.csv", "clip.wav,anomaly\n");

        ScanResult result = scanner.scan(list);

        assertThat(result.recordings()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo(wav);
            assertThat(r.mask()).isEqualTo(Optional.of(mask));
        });
    }

    @Test
    void malformedCsvIsRefusedWithTheListsName() {
        Path list = TinyWavs.text(dir, "broken.csv", "a.wav,normal\n\"b.wav,normal\n");

        assertThatThrownBy(() -> scanner.scan(list))
                .isInstanceOf(DatasetScanException.class)
                .hasMessageContaining("broken.csv")
                .hasMessageContaining("is not valid CSV");
    }

    @Test
    void aHeaderNamingAColumnTwiceIsRefused() {
        Path list = TinyWavs.text(dir, "twice.csv", "path,condition,Condition\n");

        assertThatThrownBy(() -> scanner.scan(list))
                .isInstanceOf(DatasetScanException.class)
                .hasMessageContaining("twice.csv")
                .hasMessageContaining("'Condition' twice");
    }
}
