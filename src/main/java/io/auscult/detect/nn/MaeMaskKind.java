package io.auscult.detect.nn;

/** The shape of what the masked autoencoder hides. */
public enum MaeMaskKind {
    /** Patches of patchMels x patchFrames (the default; a checkerboard of K groups at inference). */
    PATCHES,
    /** Whole-height stripes patchFrames wide: the model must infer time segments from their neighbours. */
    TIME_STRIPES,
    /** Whole-width stripes patchMels high: the model must infer bands from the other bands. */
    FREQUENCY_STRIPES
}
