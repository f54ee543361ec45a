package io.auscult.detect;

import io.auscult.data.UnusableFile;

import java.nio.file.Path;
import java.util.List;

/**
 * Scores of many files, in the order given, and the files that could not be scored with the
 * reason. Maps are dropped to keep a large batch small: only (file, score, decision) stay.
 */
public record ScoredBatch(List<Scored> scored, List<UnusableFile> failed) {

    public ScoredBatch {
        scored = List.copyOf(scored);
        failed = List.copyOf(failed);
    }

    /** One file's score and decision. */
    public record Scored(Path file, double score, boolean anomalous) {
    }
}
