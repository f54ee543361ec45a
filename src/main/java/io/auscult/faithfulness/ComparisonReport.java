package io.auscult.faithfulness;

import io.auscult.data.UnusableFile;

import java.util.List;

/**
 * What a comparison run found: the table (one row per detector x method), the per-clip
 * evaluations behind it, and the recordings that could not be used, with their reasons.
 *
 * @param rows     detector-major, methods in the order asked
 * @param clips    every detector x method x clip evaluated
 * @param failed   files that could not be read or explained, with the reason
 * @param settings the run's settings in words (units, grid, R, seeds), for the report's header
 */
public record ComparisonReport(List<ComparisonRow> rows, List<ClipEvaluation> clips, List<UnusableFile> failed,
                               List<String> settings) {

    public ComparisonReport {
        rows = List.copyOf(rows);
        clips = List.copyOf(clips);
        failed = List.copyOf(failed);
        settings = List.copyOf(settings);
    }
}
