package io.auscult.faithfulness;

import java.util.List;

/**
 * All of a clip study: one {@link StudyRow} per detector and the cells in (row, column) order,
 * {@code cells.get(row * methods + column)}.
 */
public record StudyResult(List<StudyRow> rows, List<StudyCell> cells) {

    public StudyResult {
        rows = List.copyOf(rows);
        cells = List.copyOf(cells);
    }

    /** The cell of detector {@code row} and method {@code column}. */
    public StudyCell cell(int row, int column) {
        int methods = rows.isEmpty() ? 0 : cells.size() / rows.size();
        return cells.get(row * methods + column);
    }
}
