package io.auscult.data;

import java.nio.file.Path;

/**
 * A dataset that cannot be scanned at all: the folder or list does not exist, cannot be read,
 * or the list is not valid CSV. (Single bad files do not stop a scan; they are reported as
 * {@link UnusableFile}s.)
 */
public class DatasetScanException extends Exception {

    private final transient Path path;
    private final String reason;

    public DatasetScanException(Path path, String reason) {
        super(path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    public DatasetScanException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    public Path path() {
        return path;
    }

    /** The reason alone, without the path. */
    public String reason() {
        return reason;
    }
}
