package io.auscult.store;

import io.auscult.data.synth.AnomalyMask;
import io.auscult.detect.Provenance;
import io.auscult.detect.Threshold;
import io.auscult.detect.TrainedDetector;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.faithfulness.StudyCell;
import io.auscult.faithfulness.StudyRow;
import io.auscult.features.Spectrogram;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a report of one clip shows (issue 7, "Reports and presentation"): built by the command
 * line from a {@link io.auscult.faithfulness.ClipStudy}, or by the workbench from what it has on
 * screen. {@link ClipReportFiles} writes it as HTML, CSV and JSON.
 *
 * @param title         the report's heading
 * @param clipName      the recording's name
 * @param labels        what is known of the clip (machine, split, condition, ...), shown as given
 * @param logMelDb      the clip's log-mel in dB, the background of every overlay
 * @param mask          the ground-truth anomaly region on the log-mel grid, if known
 * @param detectors     the study's rows, in order: cell {@code row} indexes this list
 * @param cells         the study's cells (any order; shown in (row, column) order)
 * @param normalisation how maps are prepared for display
 * @param scale         whether a row's maps share one display scale or each has its own
 * @param settings      the study's settings by name (units, grid, seed, ...), shown as given
 */
public record ClipReport(String title, String clipName, Map<String, String> labels, Spectrogram logMelDb,
                         Optional<AnomalyMask> mask, List<DetectorRow> detectors, List<StudyCell> cells,
                         DisplayNormalisation normalisation, OverlayScale scale, Map<String, String> settings) {

    /** Whether overlays share a display scale. */
    public enum OverlayScale {
        /** Each map on its own scale: shows each method's pattern at full contrast. */
        PER_MAP,
        /** The maps of one detector on one scale: shows which method puts more weight where. */
        PER_ROW
    }

    /**
     * One detector of the report.
     *
     * @param label      its label in the study
     * @param score      its score of the clip
     * @param threshold  its decision threshold
     * @param provenance how it was trained, when known
     */
    public record DetectorRow(String label, double score, Threshold threshold, Optional<Provenance> provenance) {

        public DetectorRow {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(threshold, "threshold");
            Objects.requireNonNull(provenance, "provenance");
        }

        /** The study's row of a detector loaded from a model file. */
        public static DetectorRow of(StudyRow row, TrainedDetector detector) {
            return new DetectorRow(row.detector(), row.score(), detector.threshold(),
                    Optional.of(detector.provenance()));
        }

        public boolean anomalous() {
            return threshold.isAnomalous(score);
        }
    }

    public ClipReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(clipName, "clipName");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(logMelDb, "logMelDb");
        Objects.requireNonNull(mask, "mask");
        detectors = List.copyOf(detectors);
        cells = List.copyOf(cells);
        Objects.requireNonNull(normalisation, "normalisation");
        Objects.requireNonNull(scale, "scale");
        settings = Map.copyOf(settings);
        for (StudyCell c : cells) {
            if (c.row() < 0 || c.row() >= detectors.size()) {
                throw new IllegalArgumentException("cell " + c.detector() + " / " + c.method() + " is in row " + c.row()
                        + ", the report has " + detectors.size() + " detector(s)");
            }
        }
        mask.ifPresent(m -> {
            if (m.frames() != logMelDb.frames() || m.mels() != logMelDb.mels()) {
                throw new IllegalArgumentException("the mask is " + m.frames() + " x " + m.mels()
                        + ", the log-mel " + logMelDb.frames() + " x " + logMelDb.mels() + " (frames x mels)");
            }
        });
    }

    /** The cells in (row, column) order. */
    public List<StudyCell> orderedCells() {
        return cells.stream().sorted(java.util.Comparator.comparingInt(StudyCell::row)
                .thenComparingInt(StudyCell::column)).toList();
    }

    /** The cells of one detector, by column. */
    public List<StudyCell> row(int row) {
        return orderedCells().stream().filter(c -> c.row() == row).toList();
    }
}
