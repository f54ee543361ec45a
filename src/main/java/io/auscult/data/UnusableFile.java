package io.auscult.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file (or folder, or list row) a scan could not use, and why, in a user's words. The reason
 * does not repeat the path.
 */
public record UnusableFile(Path path, String reason) {

    public UnusableFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("the reason for an unusable file must be given: " + path);
        }
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
