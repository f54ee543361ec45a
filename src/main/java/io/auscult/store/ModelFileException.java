package io.auscult.store;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that cannot be used; the message names the file and says why. */
public class ModelFileException extends IOException {

    private final transient Path file;
    private final String reason;

    public ModelFileException(Path file, String reason) {
        this(file, reason, null);
    }

    public ModelFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public String reason() {
        return reason;
    }
}
