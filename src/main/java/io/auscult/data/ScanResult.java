package io.auscult.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a scan found: the usable recordings in path order and the files it could not use.
 *
 * @param root       the folder or CSV list that was scanned (absolute, normalised)
 * @param layout     the layout of the recordings; {@link DatasetLayout#MIXED} when they follow
 *                   several, {@link DatasetLayout#PLAIN} when there are none in a folder
 * @param recordings the recordings, sorted by path
 * @param unusable   files, folders and list rows that could not be used, sorted by path
 */
public record ScanResult(Path root, DatasetLayout layout, List<Recording> recordings,
                         List<UnusableFile> unusable) {

    public ScanResult {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(layout, "layout");
        recordings = List.copyOf(recordings);
        unusable = List.copyOf(unusable);
    }
}
