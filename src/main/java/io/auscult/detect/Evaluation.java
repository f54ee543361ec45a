package io.auscult.detect;

import io.auscult.data.UnusableFile;
import io.auscult.metrics.ConfusionCounts;
import io.auscult.metrics.DcaseSummary;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A detector's results on a labelled test set: AUC and pAUC (max FPR 0.1, McClish) per
 * machine type and id/section, their harmonic means (the DCASE way of averaging), and the
 * decisions at the threshold.
 *
 * @param sections  one row per machine type and id/section, in dataset order
 * @param harmonicAuc  harmonic mean of the sections' AUCs
 * @param harmonicPauc harmonic mean of the sections' pAUCs
 * @param decisions confusion counts of all test clips at the detector's threshold
 * @param files     every scored test file with its labels and score
 * @param failed    test files that could not be scored
 * @param domains   the DCASE 2021+ table with source and target AUCs and the official score, when
 *                  every test clip's domain is known and every section has normal clips of both
 *                  domains; empty otherwise (DCASE 2020 and MIMII name no domains)
 * @param kinds     AUC per anomaly kind, where the dataset names its anomalies' kinds (a synthetic
 *                  set's manifest), in order of first appearance; empty otherwise
 */
public record Evaluation(List<Section> sections, double harmonicAuc, double harmonicPauc, ConfusionCounts decisions,
                         List<ScoredFile> files, List<UnusableFile> failed, Optional<DcaseSummary> domains,
                         List<KindRow> kinds) {

    public Evaluation {
        sections = List.copyOf(sections);
        kinds = List.copyOf(kinds);
        files = List.copyOf(files);
        failed = List.copyOf(failed);
        Objects.requireNonNull(domains, "domains");
    }

    /** Figures of one machine type and id/section. */
    public record Section(String machineType, String section, int normals, int anomalies, double auc, double pauc) {
    }

    /**
     * How well one kind of anomaly is found: its clips against every normal test clip of the
     * evaluation (the same normals for every kind, so the rows can be compared).
     */
    public record KindRow(String kind, int normals, int anomalies, double auc, double pauc) {
    }

    /** One scored test file. */
    public record ScoredFile(io.auscult.data.Recording recording, double score, boolean anomalous) {
    }
}
