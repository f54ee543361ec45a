package io.auscult.detect;

import io.auscult.data.Condition;
import io.auscult.data.Domain;
import io.auscult.data.Labels;
import io.auscult.metrics.DcaseSummary;
import io.auscult.metrics.ScoredClip;
import io.auscult.metrics.UndefinedMetricException;
import io.auscult.data.Recording;
import io.auscult.data.ScanResult;
import io.auscult.data.Split;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.metrics.Auc;
import io.auscult.metrics.ConfusionCounts;
import io.auscult.metrics.DcaseMeans;
import io.auscult.metrics.PartialAuc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scores the labelled test clips of a selection and computes the DCASE figures. */
public final class DetectorEvaluation {

    private DetectorEvaluation() {
    }

    public static Evaluation evaluate(TrainedDetector detector, ScanResult scan, DataSelection selection,
                                      Progress progress, Cancellation cancellation) {
        List<Recording> tests = new ArrayList<>();
        for (Recording r : scan.recordings()) {
            if (selection.includes(r) && r.labels().split() == Split.TEST
                    && r.labels().condition() != Condition.UNKNOWN) {
                tests.add(r);
            }
        }
        if (tests.isEmpty()) {
            throw new IllegalArgumentException(scan.root() + ": no labelled test clips of machine '"
                    + selection.machineType() + "' (evaluation needs normal and anomalous test clips)");
        }
        RecordingScorer scorer = new RecordingScorer(detector);
        ScoredBatch batch = scorer.scoreAll(tests.stream().map(Recording::path).toList(), progress, cancellation);
        Map<java.nio.file.Path, Recording> byPath = new LinkedHashMap<>();
        tests.forEach(r -> byPath.put(r.path(), r));
        List<Evaluation.ScoredFile> files = new ArrayList<>();
        for (ScoredBatch.Scored s : batch.scored()) {
            files.add(new Evaluation.ScoredFile(byPath.get(s.file()), s.score(), s.anomalous()));
        }
        List<Evaluation.Section> sections = sections(files);
        boolean[] truth = new boolean[files.size()];
        boolean[] decided = new boolean[files.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = files.get(i).recording().labels().condition() == Condition.ANOMALY;
            decided[i] = files.get(i).anomalous();
        }
        return new Evaluation(sections,
                DcaseMeans.harmonic(sections.stream().mapToDouble(Evaluation.Section::auc).toArray()),
                DcaseMeans.harmonic(sections.stream().mapToDouble(Evaluation.Section::pauc).toArray()),
                ConfusionCounts.of(truth, decided), files, batch.failed(), domainSummary(files), byKind(files));
    }

    /**
     * AUC and pAUC per machine type and id/section, in order of first appearance; refuses a
     * section without both normal and anomalous clips. Public for other scores of the same clips
     * ({@link BandScoreEvaluation}).
     */
    public static List<Evaluation.Section> sections(List<Evaluation.ScoredFile> files) {
        Map<String, List<Evaluation.ScoredFile>> bySection = new LinkedHashMap<>();
        for (Evaluation.ScoredFile f : files) {
            bySection.computeIfAbsent(f.recording().labels().machineType() + "\u0000" + f.recording().labels().machineId(),
                    k -> new ArrayList<>()).add(f);
        }
        List<Evaluation.Section> sections = new ArrayList<>();
        for (List<Evaluation.ScoredFile> group : bySection.values()) {
            double[] scores = group.stream().mapToDouble(Evaluation.ScoredFile::score).toArray();
            boolean[] anomalous = new boolean[group.size()];
            int anomalies = 0;
            for (int i = 0; i < anomalous.length; i++) {
                anomalous[i] = group.get(i).recording().labels().condition() == Condition.ANOMALY;
                anomalies += anomalous[i] ? 1 : 0;
            }
            var labels = group.get(0).recording().labels();
            if (anomalies == 0 || anomalies == group.size()) {
                throw new IllegalArgumentException(labels.machineType() + " " + labels.machineId()
                        + ": the test clips need both normal and anomalous examples to compute an AUC");
            }
            sections.add(new Evaluation.Section(labels.machineType(), labels.machineId(), group.size() - anomalies,
                    anomalies, Auc.of(scores, anomalous), PartialAuc.of(scores, anomalous)));
        }
        return sections;
    }

    /**
     * AUC and pAUC of each anomaly kind the labels name, against all normal clips; empty when none
     * is named. Public for the workbench's results panel, which shows the same figures.
     */
    public static List<Evaluation.KindRow> byKind(List<Evaluation.ScoredFile> files) {
        List<Double> normals = new ArrayList<>();
        Map<String, List<Double>> kinds = new LinkedHashMap<>();
        for (Evaluation.ScoredFile f : files) {
            Labels l = f.recording().labels();
            if (l.condition() == Condition.NORMAL) {
                normals.add(f.score());
            } else if (l.condition() == Condition.ANOMALY && l.attributes().containsKey(Labels.ANOMALY_KIND)) {
                kinds.computeIfAbsent(l.attributes().get(Labels.ANOMALY_KIND), k -> new ArrayList<>()).add(f.score());
            }
        }
        List<Evaluation.KindRow> rows = new ArrayList<>();
        if (normals.isEmpty()) {
            return rows;
        }
        kinds.forEach((kind, anomalies) -> {
            double[] scores = new double[normals.size() + anomalies.size()];
            boolean[] anomalous = new boolean[scores.length];
            for (int i = 0; i < normals.size(); i++) {
                scores[i] = normals.get(i);
            }
            for (int i = 0; i < anomalies.size(); i++) {
                scores[normals.size() + i] = anomalies.get(i);
                anomalous[normals.size() + i] = true;
            }
            rows.add(new Evaluation.KindRow(kind, normals.size(), anomalies.size(), Auc.of(scores, anomalous),
                    PartialAuc.of(scores, anomalous)));
        });
        return rows;
    }

    /**
     * The DCASE 2021+ table (AUC per domain, pAUC, official score) when the data allow it: every
     * clip's domain known and, in every section, normal clips of both domains and anomalies.
     */
    static Optional<DcaseSummary> domainSummary(List<Evaluation.ScoredFile> files) {
        List<ScoredClip> clips = new ArrayList<>(files.size());
        for (Evaluation.ScoredFile f : files) {
            Labels l = f.recording().labels();
            if (l.domain() == Domain.UNKNOWN) {
                return Optional.empty();
            }
            clips.add(new ScoredClip(l.machineType(), l.machineId(), l.domain().word(),
                    l.condition() == Condition.ANOMALY, f.score()));
        }
        try {
            return Optional.of(DcaseSummary.ofClips(clips));
        } catch (UndefinedMetricException e) {
            return Optional.empty();
        }
    }
}
