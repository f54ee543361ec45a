package io.auscult.metrics;

/**
 * The overall values of the DCASE summary, over all machine types and sections.
 *
 * @param officialScore          the DCASE Task 2 official score: the harmonic mean of the flat
 *                               list of every source AUC, target AUC and pAUC (three per
 *                               section) — not a mean of per-machine means
 * @param ameanAll               arithmetic mean of the same flat list
 * @param ameanAuc               arithmetic mean of all source and target AUCs
 * @param hmeanAuc               harmonic mean of all source and target AUCs
 * @param hmeanAucSource         harmonic mean of all source AUCs
 * @param hmeanAucTarget         harmonic mean of all target AUCs
 * @param ameanPauc              arithmetic mean of all pAUCs
 * @param hmeanPauc              harmonic mean of all pAUCs
 * @param hmeanOfMachineHmeanAll harmonic mean of the per-machine {@code hmeanAll}; equals the
 *                               official score only when every type has as many sections
 */
public record OverallSummary(double officialScore, double ameanAll, double ameanAuc, double hmeanAuc,
        double hmeanAucSource, double hmeanAucTarget, double ameanPauc, double hmeanPauc,
        double hmeanOfMachineHmeanAll) {
}
