package io.auscult.audio;

import java.nio.file.Path;

/**
 * A file that cannot be used as audio. The message always names the file and says what is
 * wrong with it in words a user understands ("not a WAV (RIFF) file", "truncated", ...).
 */
public class AudioFormatException extends Exception {

    private final transient Path file;
    private final String reason;

    public AudioFormatException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public AudioFormatException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file that was refused. */
    public Path file() {
        return file;
    }

    /** The reason alone, without the file name. */
    public String reason() {
        return reason;
    }
}
