package io.auscult.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.auscult.audio.AudioFormatException;
import io.auscult.audio.WavReader;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;

class BadInputScanTest {

    private static final Path FIXTURES = Path.of("../shared/fixtures/wav");

    @TempDir
    Path dir;

    private final DatasetScanner scanner = new DatasetScanner();

    private static String readerReason(Path file) {
        try {
            WavReader.readInfo(file);
            throw new AssertionError(file + " was expected to be refused by the reader");
        } catch (AudioFormatException e) {
            return e.reason();
        }
    }

    @Test
    void everyRefusedFixtureIsListedWithTheReadersReasonAndTheRestIsScanned() throws Exception {
        Path root = dir.resolve("dev_data");
        TinyWavs.put(root, "fan/train/normal_id_00_00000000.wav");
        TinyWavs.put(root, "fan/test/anomaly_id_00_00000000.wav");
        Map<Path, String> expected = new TreeMap<>();
        try (Stream<Path> errs = Files.list(FIXTURES)) {
            for (Path err : errs.filter(p -> p.getFileName().toString().startsWith("err_")).sorted().toList()) {
                Path copy = root.resolve("fan/test").resolve(err.getFileName()).toAbsolutePath().normalize();
                Files.copy(err, copy);
                expected.put(copy, readerReason(err));
            }
        }
        assertThat(expected).hasSize(11);

        ScanResult result = scanner.scan(root);

        assertThat(result.recordings()).extracting(r -> r.path().getFileName().toString())
                .containsExactly("anomaly_id_00_00000000.wav", "normal_id_00_00000000.wav");
        assertThat(result.unusable()).extracting(UnusableFile::path).containsExactlyElementsOf(expected.keySet());
        assertThat(result.unusable()).allSatisfy(u -> assertThat(u.reason()).isEqualTo(expected.get(u.path())));
        assertThat(result.unusable()).filteredOn(u -> u.path().endsWith("err_not_riff_mp3.wav"))
                .singleElement().extracting(UnusableFile::reason).asString().contains("not a WAV (RIFF) file");
    }

    @Test
    void emptyAndDanglingWavFilesAreUnusableWithReasons() throws Exception {
        Path root = dir.resolve("plain");
        TinyWavs.put(root, "good.wav");
        Files.createFile(root.resolve("empty.wav"));
        Files.createSymbolicLink(root.resolve("gone.wav"), root.resolve("nowhere.wav"));

        ScanResult result = scanner.scan(root);

        assertThat(result.recordings()).hasSize(1);
        assertThat(result.unusable()).extracting(u -> u.path().getFileName().toString(), UnusableFile::reason)
                .containsExactly(
                        tuple("empty.wav", "is empty (0 bytes)"),
                        tuple("gone.wav", "does not exist"));
    }

    @Test
    void otherFilesAreIgnoredSilentlyAndMasksAreAttached() throws Exception {
        Path root = dir.resolve("synthetic");
        Path anomaly = TinyWavs.put(root, "pump/test/anomaly_id_00_00000000.wav");
        Path normal = TinyWavs.put(root, "pump/test/normal_id_00_00000001.wav");
        Path mask = TinyWavs.text(root, "pump/test/anomaly_id_00_00000000.mask.csv", "frame,band\n1,2\n");
        TinyWavs.text(root, "manifest.json", "{}");
        TinyWavs.text(root, "README.md", "read me");
        TinyWavs.text(root, ".DS_Store", "\u0000\u0001");
        TinyWavs.text(root, "pump/attributes_00.csv", "file_name\n");
        TinyWavs.text(root, "pump/test/orphan.mask.csv", "frame,band\n");
        // macOS archive debris: resource forks named like WAVs, not audio.
        TinyWavs.text(root, "pump/test/._anomaly_id_00_00000000.wav", "Mac OS X resource fork");
        TinyWavs.text(root, "__MACOSX/pump/test/._normal_id_00_00000001.wav", "Mac OS X resource fork");

        ScanResult result = scanner.scan(root);

        assertThat(result.unusable()).isEmpty();
        assertThat(result.layout()).isEqualTo(DatasetLayout.DCASE2020);
        assertThat(result.recordings()).extracting(Recording::path).containsExactly(anomaly, normal);
        assertThat(result.recordings().get(0).mask()).isEqualTo(Optional.of(mask));
        assertThat(result.recordings().get(1).mask()).isEmpty();
    }

    @Test
    void aFolderLinkLoopIsReportedAndTheRestIsScanned() throws Exception {
        Path root = dir.resolve("looped");
        TinyWavs.put(root, "a/one.wav");
        Path link = root.resolve("a/back");
        Files.createSymbolicLink(link, root.toAbsolutePath());

        ScanResult result = scanner.scan(root);

        assertThat(result.recordings()).hasSize(1);
        assertThat(result.unusable()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo(link.toAbsolutePath());
            assertThat(u.reason()).contains("loop");
        });
    }

    @Test
    void aFolderThatCannotBeReadIsReportedAndTheRestIsScanned() throws Exception {
        Path root = dir.resolve("locked");
        TinyWavs.put(root, "open/one.wav");
        Path locked = root.resolve("closed");
        TinyWavs.put(root, "closed/two.wav");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            // The superuser reads any folder, so there is nothing to test then.
            assumeTrue(!Files.isReadable(locked), "folder permissions are not enforced for this user");

            ScanResult result = scanner.scan(root);

            assertThat(result.recordings()).hasSize(1);
            assertThat(result.unusable()).singleElement().satisfies(u -> {
                assertThat(u.path()).isEqualTo(locked.toAbsolutePath());
                assertThat(u.reason()).contains("permission denied");
            });
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aMissingRootIsRefusedWithItsName() {
        Path missing = dir.resolve("no_such_folder");

        assertThatThrownBy(() -> scanner.scan(missing))
                .isInstanceOf(DatasetScanException.class)
                .hasMessageContaining("no_such_folder")
                .hasMessageEndingWith("does not exist");
    }

    @Test
    void aRootThatIsNeitherFolderListNorWavIsRefused() throws IOException {
        Path text = TinyWavs.text(dir, "notes.txt", "hello");

        assertThatThrownBy(() -> scanner.scan(text))
                .isInstanceOf(DatasetScanException.class)
                .hasMessageContaining("notes.txt")
                .hasMessageContaining("neither a folder, a CSV list nor a WAV file");
    }

    @Test
    void progressIsReportedInOrderUpToOne() throws Exception {
        Path root = dir.resolve("many");
        for (int i = 0; i < 600; i++) {
            TinyWavs.put(root, String.format("fan/train/normal_id_00_%08d.wav", i));
        }
        List<Double> fractions = new ArrayList<>();

        ScanResult result = scanner.scan(root, (f, m) -> fractions.add(f), Cancellation.NEVER);

        assertThat(result.recordings()).hasSize(600);
        assertThat(fractions).hasSizeGreaterThan(2).isSorted();
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
    }

    @Test
    void aCancelledScanStops() {
        Path root = dir.resolve("few");
        TinyWavs.put(root, "fan/train/normal_id_00_00000000.wav");
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();

        assertThatThrownBy(() -> scanner.scan(root, Progress.NONE, cancellation))
                .isInstanceOf(CancelledException.class);
    }
}
