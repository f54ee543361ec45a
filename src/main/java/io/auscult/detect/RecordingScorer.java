package io.auscult.detect;

import io.auscult.audio.AudioClip;
import io.auscult.audio.AudioFormatException;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.data.UnusableFile;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores recordings with a trained detector: decode (channel mean, resampled to the model's
 * rate), log-mel with the model's front end, standardise with its training statistics,
 * reconstruct, compare with the threshold. Thread-confined (it reuses the front end's
 * buffers); the network itself is used on the compute thread.
 */
public final class RecordingScorer {

    private final TrainedDetector detector;
    private final LogMelExtractor extractor;

    public RecordingScorer(TrainedDetector detector) {
        this.detector = detector;
        this.extractor = new LogMelExtractor(detector.features());
    }

    public Detection score(Path file) throws AudioFormatException {
        return score(AudioLoader.load(file, ChannelChoice.MEAN, detector.features().sampleRate()));
    }

    public Detection score(AudioClip clip) {
        Spectrogram input = detector.standardiser().apply(extractor.extract(clip));
        if (detector.network() instanceof ReconstructionNetwork net) {
            Reconstruction r = net.reconstruct(List.of(input)).get(0);
            return new Detection(clip.source(), r.score(), detector.threshold().isAnomalous(r.score()), input, r);
        }
        double score = detector.network().scores(List.of(input))[0];
        return new Detection(clip.source(), score, detector.threshold().isAnomalous(score), input, null);
    }

    /**
     * Scores every file; a file that cannot be read is listed with its reason and the batch
     * goes on. Cancellation is checked between files.
     */
    public ScoredBatch scoreAll(List<Path> files, Progress progress, Cancellation cancellation) {
        List<ScoredBatch.Scored> scored = new ArrayList<>();
        List<UnusableFile> failed = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            cancellation.throwIfCancelled();
            Path file = files.get(i);
            progress.report(i / (double) files.size(), "scoring " + file.getFileName());
            try {
                Detection d = score(file);
                scored.add(new ScoredBatch.Scored(file, d.score(), d.anomalous()));
            } catch (AudioFormatException e) {
                failed.add(new UnusableFile(file, e.reason()));
            } catch (IllegalArgumentException e) {
                failed.add(new UnusableFile(file, e.getMessage()));
            }
        }
        progress.report(1, "scored " + scored.size() + " of " + files.size() + " files");
        return new ScoredBatch(scored, failed);
    }
}
