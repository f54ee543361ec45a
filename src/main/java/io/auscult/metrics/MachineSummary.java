package io.auscult.metrics;

/**
 * One machine type's row of the DCASE summary: arithmetic and harmonic means over its sections
 * ({@link DcaseMeans}).
 *
 * @param machineType    the machine type
 * @param sections       number of sections
 * @param ameanAuc       arithmetic mean of its source and target AUCs together
 * @param hmeanAuc       harmonic mean of its source and target AUCs together (the evaluator's
 *                       "harmonic mean" row)
 * @param ameanAucSource arithmetic mean of its source AUCs
 * @param hmeanAucSource harmonic mean of its source AUCs
 * @param ameanAucTarget arithmetic mean of its target AUCs
 * @param hmeanAucTarget harmonic mean of its target AUCs
 * @param ameanPauc      arithmetic mean of its pAUCs
 * @param hmeanPauc      harmonic mean of its pAUCs
 * @param hmeanAll       harmonic mean of its source AUCs, target AUCs and pAUCs together: Auscult's
 *                       per-type figure, consistent with the official score (the evaluator does
 *                       not print it)
 */
public record MachineSummary(String machineType, int sections, double ameanAuc, double hmeanAuc,
        double ameanAucSource, double hmeanAucSource, double ameanAucTarget, double hmeanAucTarget,
        double ameanPauc, double hmeanPauc, double hmeanAll) {

    public MachineSummary {
        machineType = ScoredClip.requireName(machineType, "machine type");
        if (sections < 1) {
            throw new IllegalArgumentException(machineType + ": a summary needs at least one section, got "
                    + sections);
        }
    }
}
