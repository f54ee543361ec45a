package io.auscult.detect;

import java.io.IOException;
import java.io.InputStream;

/** Reads back a network that {@link ScoringNetwork#save} wrote, for its kind. */
@FunctionalInterface
public interface NetworkLoader {

    ScoringNetwork load(DetectorKind kind, InputStream in) throws IOException;
}
