package io.auscult.detect.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The shape of what the masked autoencoder hides. */
public enum MaeMaskKind {
    /** Patches of patchMels x patchFrames (the default; a checkerboard of K groups at inference). */
    PATCHES("patches"),
    /** Whole-height stripes patchFrames wide: the model must infer time segments from their neighbours. */
    TIME_STRIPES("time"),
    /** Whole-width stripes patchMels high: the model must infer bands from the other bands. */
    FREQUENCY_STRIPES("frequency");

    private final String word;

    MaeMaskKind(String word) {
        this.word = word;
    }

    /** The word the command line and the model's provenance use: patches, time or frequency. */
    public String word() {
        return word;
    }

    /** The kind named by {@link #word()} (case-insensitive); refuses anything else, listing the words. */
    public static MaeMaskKind parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (MaeMaskKind kind : values()) {
            if (kind.word.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown mask shape '" + text + "'; choose "
                + Arrays.stream(values()).map(MaeMaskKind::word).collect(Collectors.joining(", ")));
    }
}
