package io.auscult.data.synth;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A mask file that cannot be read. The message names the file and says what is wrong with
 * it ("row 12 has 127 values, not 128", ...).
 */
public class MaskFormatException extends IOException {

    private final transient Path file;
    private final String reason;

    public MaskFormatException(Path file, String reason) {
        super(file + ": " + reason);
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
