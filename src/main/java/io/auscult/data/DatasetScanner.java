package io.auscult.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import io.auscult.audio.AudioFormatException;
import io.auscult.audio.WavInfo;
import io.auscult.audio.WavReader;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;

/**
 * Turns a folder (or a CSV list, or a single WAV file) into labelled recordings.
 *
 * <p>Each WAV file is labelled by the dataset pattern its own path matches (see
 * {@link DatasetLayout}); a file that matches none keeps unknown labels. So a folder may point at
 * a dataset root with several machine folders, at one machine folder, or at a {@code train} or
 * {@code test} folder: the folders above the chosen one still name the machine. When the
 * recordings of one scan follow different layouts, each keeps its own labels and the result's
 * layout is {@link DatasetLayout#MIXED}; nothing is carried over from one file to another.
 *
 * <p>Only headers are read. A file that cannot be used is reported with the reader's reason and
 * the scan goes on; so does a folder that cannot be read. Recordings come out sorted by path,
 * whatever the order of the file system or of the threads.
 */
public final class DatasetScanner {

    /**
     * Headers are read in batches: between batches progress is reported and cancellation checked
     * on the calling thread, so neither needs to be thread-safe; within a batch files are read in
     * parallel, because opening thousands of small files is dominated by system-call latency.
     */
    private static final int BATCH = 512;

    public ScanResult scan(Path folderOrCsv) throws DatasetScanException {
        return scan(folderOrCsv, Progress.NONE, Cancellation.NEVER);
    }

    /**
     * @throws DatasetScanException  when the path does not exist, cannot be read, or is a list that
     *                               is not valid CSV
     * @throws io.auscult.engine.CancelledException when cancelled
     */
    public ScanResult scan(Path folderOrCsv, Progress progress, Cancellation cancellation)
            throws DatasetScanException {
        Path root = folderOrCsv.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new DatasetScanException(root, "does not exist");
        }
        String name = root.getFileName() == null ? "" : root.getFileName().toString();
        if (Files.isDirectory(root)) {
            return scanFolder(root, progress, cancellation);
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return scanList(root, progress, cancellation);
        }
        if (LayoutRecogniser.isWav(name)) {
            Path mask = WavFileFinder.maskOf(root);
            Set<Path> masks = Files.isRegularFile(mask) ? Set.of(mask) : Set.of();
            return scanFiles(root, List.of(root), masks, List.of(), progress, cancellation);
        }
        throw new DatasetScanException(root, "is neither a folder, a CSV list nor a WAV file, so it cannot be scanned");
    }

    private ScanResult scanFolder(Path root, Progress progress, Cancellation cancellation)
            throws DatasetScanException {
        if (!Files.isReadable(root)) {
            throw new DatasetScanException(root, "folder cannot be read (permission denied)");
        }
        progress.report(0, "Listing WAV files in " + root);
        WavFileFinder.Found found;
        try {
            found = WavFileFinder.walk(root, cancellation);
        } catch (IOException e) {
            throw new DatasetScanException(root, "folder cannot be read (" + WavFileFinder.describe(e) + ")", e);
        }
        return scanFiles(root, found.wavs(), found.masks(), found.unreadableFolders(), progress, cancellation);
    }

    private ScanResult scanFiles(Path root, List<Path> wavs, Set<Path> masks, List<UnusableFile> unusable,
                                 Progress progress, Cancellation cancellation) {
        List<Path> sorted = new ArrayList<>(wavs);
        sorted.sort(Comparator.naturalOrder());
        List<Candidate> candidates = new ArrayList<>(sorted.size());
        EnumSet<DatasetLayout> layouts = EnumSet.noneOf(DatasetLayout.class);
        Map<Path, ManifestLabels.Listed> manifest = ManifestLabels.of(root);
        for (Path wav : sorted) {
            LayoutRecogniser.Recognised r = LayoutRecogniser.recognise(wav);
            layouts.add(r.layout());
            Path mask = WavFileFinder.maskOf(wav);
            Labels labels = r.labels();
            ManifestLabels.Listed listed = manifest.get(wav.toAbsolutePath().normalize());
            if (listed != null && labels.domain() == Domain.UNKNOWN && listed.domain() != Domain.UNKNOWN) {
                labels = labels.withDomain(listed.domain());
            }
            if (listed != null && listed.anomalyKind() != null && labels.condition() == Condition.ANOMALY
                    && !labels.attributes().containsKey(Labels.ANOMALY_KIND)) {
                labels = labels.withAttribute(Labels.ANOMALY_KIND, listed.anomalyKind());
            }
            candidates.add(new Candidate(wav, labels, masks.contains(mask) ? Optional.of(mask) : Optional.empty()));
        }
        DatasetLayout layout = layouts.isEmpty() ? DatasetLayout.PLAIN
                : layouts.size() == 1 ? layouts.iterator().next() : DatasetLayout.MIXED;
        return readHeaders(root, layout, candidates, unusable, progress, cancellation);
    }

    private ScanResult scanList(Path csv, Progress progress, Cancellation cancellation)
            throws DatasetScanException {
        progress.report(0, "Reading the list " + csv);
        CsvRecordingList.Rows rows = CsvRecordingList.read(csv);
        List<Candidate> candidates = new ArrayList<>(rows.entries().size());
        for (CsvRecordingList.Entry e : rows.entries()) {
            Path mask = WavFileFinder.maskOf(e.path());
            candidates.add(new Candidate(e.path(), e.labels(),
                    Files.isRegularFile(mask) ? Optional.of(mask) : Optional.empty()));
        }
        candidates.sort(Comparator.comparing(Candidate::path));
        return readHeaders(csv, DatasetLayout.CSV_LIST, candidates, rows.unusable(), progress, cancellation);
    }

    private ScanResult readHeaders(Path root, DatasetLayout layout, List<Candidate> candidates,
                                   List<UnusableFile> alreadyUnusable, Progress progress,
                                   Cancellation cancellation) {
        int n = candidates.size();
        Object[] outcome = new Object[n];
        Progress reading = progress.slice(0.05, 1.0);
        for (int from = 0; from < n; from += BATCH) {
            cancellation.throwIfCancelled();
            reading.report(from / (double) n, "Reading WAV headers (" + from + " of " + n + ")");
            int to = Math.min(n, from + BATCH);
            IntStream.range(from, to).parallel().forEach(i -> outcome[i] = read(candidates.get(i)));
        }
        cancellation.throwIfCancelled();
        List<Recording> recordings = new ArrayList<>(n);
        List<UnusableFile> unusable = new ArrayList<>(alreadyUnusable);
        for (Object o : outcome) {
            if (o instanceof Recording r) {
                recordings.add(r);
            } else {
                unusable.add((UnusableFile) o);
            }
        }
        unusable.sort(Comparator.comparing(UnusableFile::path).thenComparing(UnusableFile::reason));
        progress.report(1, "Found " + recordings.size() + " recordings"
                + (unusable.isEmpty() ? "" : " and " + unusable.size() + " unusable files"));
        return new ScanResult(root, layout, recordings, unusable);
    }

    /** A {@link Recording}, or an {@link UnusableFile} with the reader's reason. */
    private static Object read(Candidate c) {
        try {
            WavInfo info = WavReader.readInfo(c.path());
            return new Recording(c.path(), c.labels(), info, c.mask());
        } catch (AudioFormatException e) {
            return new UnusableFile(c.path(), e.reason());
        }
    }

    private record Candidate(Path path, Labels labels, Optional<Path> mask) {
    }
}
