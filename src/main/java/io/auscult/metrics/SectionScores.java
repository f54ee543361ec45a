package io.auscult.metrics;

/**
 * The three values one section contributes to the DCASE Task 2 official score.
 *
 * @param machineType the machine type
 * @param section     the section (or machine id)
 * @param aucSource   AUC of the source-domain normal clips against all the section's anomalies
 * @param aucTarget   AUC of the target-domain normal clips against all the section's anomalies
 * @param pauc        McClish pAUC (max FPR 0.1) over all the section's clips, both domains
 */
public record SectionScores(String machineType, String section, double aucSource, double aucTarget, double pauc) {

    public SectionScores {
        machineType = ScoredClip.requireName(machineType, "machine type");
        section = ScoredClip.requireName(section, "section");
        requireUnit(aucSource, "AUC (source)", machineType, section);
        requireUnit(aucTarget, "AUC (target)", machineType, section);
        requireUnit(pauc, "pAUC", machineType, section);
    }

    private static void requireUnit(double value, String what, String machineType, String section) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " of " + machineType + " section " + section
                    + " must be in [0, 1], got " + value);
        }
    }
}
