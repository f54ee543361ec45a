package io.auscult.detect;

import io.auscult.audio.AudioFormatException;
import io.auscult.data.Condition;
import io.auscult.data.Recording;
import io.auscult.data.ScanResult;
import io.auscult.data.Split;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import io.auscult.metrics.DcaseMeans;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The detector's test set scored by the {@linkplain BandErrorStatistics band score} instead of its mean
 * squared error: the band statistics come from the error maps of the selection's normal
 * training clips, then every labelled test clip gets its largest standardised band error. AUC and
 * pAUC per section and per anomaly kind, as {@link DetectorEvaluation} gives them for the detector's
 * own score. An analysis beside the model, not its score: the model file, its threshold and the
 * explanations keep their own score (a model trained with {@link ScoreKind#BAND} fits the same
 * statistics on the same clips, so its own evaluation equals this one).
 */
public final class BandScoreEvaluation {

    /**
     * @param sections     AUC and pAUC of the band score per machine type and id/section
     * @param harmonicAuc  their harmonic mean
     * @param harmonicPauc the pAUCs' harmonic mean
     * @param kinds        per anomaly kind, where the data name the kinds
     * @param trainingClips the normal training clips the statistics came from
     */
    public record Result(List<Evaluation.Section> sections, double harmonicAuc, double harmonicPauc,
                         List<Evaluation.KindRow> kinds, int trainingClips) {
        public Result {
            sections = List.copyOf(sections);
            kinds = List.copyOf(kinds);
        }
    }

    private BandScoreEvaluation() {
    }

    /** Scores the selection's normal training clips, fits the statistics, then scores the labelled test clips. */
    public static Result evaluate(TrainedDetector detector, ScanResult scan, DataSelection selection,
                                  Progress progress, Cancellation cancellation) {
        List<Recording> train = new ArrayList<>();
        List<Recording> test = new ArrayList<>();
        for (Recording r : scan.recordings()) {
            if (!selection.includes(r)) {
                continue;
            }
            if (r.labels().split() == Split.TRAIN && r.labels().condition() == Condition.NORMAL) {
                train.add(r);
            } else if (r.labels().split() == Split.TEST && r.labels().condition() != Condition.UNKNOWN) {
                test.add(r);
            }
        }
        RecordingScorer scorer = new RecordingScorer(detector);
        int total = train.size() + test.size();
        List<Spectrogram> normalMaps = new ArrayList<>();
        int done = 0;
        for (Recording r : train) {
            errorMap(scorer, r, cancellation).ifPresent(normalMaps::add);
            progress.report(++done / (double) Math.max(1, total), "band statistics: " + r.path().getFileName());
        }
        if (normalMaps.size() < 2) {
            throw new IllegalArgumentException(scan.root() + ": the band score needs at least 2 normal training "
                    + "clips of machine '" + selection.machineType() + "', found " + normalMaps.size());
        }
        BandErrorStatistics statistics = BandErrorStatistics.fit(normalMaps);
        List<Evaluation.ScoredFile> files = new ArrayList<>();
        for (Recording r : test) {
            errorMap(scorer, r, cancellation).ifPresent(
                    map -> files.add(new Evaluation.ScoredFile(r, statistics.score(map), false)));
            progress.report(++done / (double) Math.max(1, total), "band score: " + r.path().getFileName());
        }
        List<Evaluation.Section> sections = DetectorEvaluation.sections(files);
        return new Result(sections,
                DcaseMeans.harmonic(sections.stream().mapToDouble(Evaluation.Section::auc).toArray()),
                DcaseMeans.harmonic(sections.stream().mapToDouble(Evaluation.Section::pauc).toArray()),
                DetectorEvaluation.byKind(files), normalMaps.size());
    }

    /** The clip's error map, or empty when the file cannot be read (the main evaluation names it). */
    private static Optional<Spectrogram> errorMap(RecordingScorer scorer, Recording r,
                                                            Cancellation cancellation) {
        cancellation.throwIfCancelled();
        try {
            Reconstruction rec = scorer.score(r.path()).reconstruction();
            if (rec == null) {
                throw new IllegalArgumentException("the band score needs a detector with error maps; this one has none");
            }
            return Optional.of(rec.errorMap());
        } catch (AudioFormatException e) {
            return Optional.empty();
        }
    }
}
