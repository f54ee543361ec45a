package io.auscult.ui.model;

import io.auscult.detect.DetectorKind;
import io.auscult.detect.TrainedDetector;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A detector open in the workbench: the machine type it is for, its kind, the detector
 * itself (used on the compute thread only) and the file it came from or was last saved to
 * (empty for a freshly trained model: the project save writes it beside the project).
 */
public final class LoadedModel {

    private final TrainedDetector detector;
    private final String machine;
    private volatile Path file;

    public LoadedModel(TrainedDetector detector, Path file) {
        this.detector = detector;
        this.machine = detector.provenance().config().getOrDefault("machine", "unknown");
        this.file = file;
    }

    public TrainedDetector detector() {
        return detector;
    }

    public String machine() {
        return machine;
    }

    public DetectorKind kind() {
        return detector.kind();
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public void savedTo(Path f) {
        file = f;
    }

    /** The threshold the model came with (fitted, or set by the user before saving). */
    public double modelThreshold() {
        return detector.threshold().value();
    }

    /** "fan · AE · fan-ae.auscult", "fan · MAE · unsaved" or "fan · AE · lab reconstruction-w8-16-32-e4". */
    public String displayName() {
        return machine + " · " + kind().word().toUpperCase(Locale.ROOT) + " · "
                + (file != null ? file.getFileName().toString()
                : detector.provenance().config().containsKey("labModel")
                ? "lab " + detector.provenance().config().get("labModel") : "unsaved");
    }

    /** What the model is, for the side panel and the model-info dialog. */
    public String describe() {
        var p = detector.provenance();
        String config = p.config().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining("\n  "));
        String eval = p.evaluation().isEmpty() ? "not evaluated in the file"
                : p.evaluation().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, """
                Model: %s (%s)
                File: %s
                Front end: %d Hz, n_fft %d, hop %d, %d mel bands
                Threshold: %.6g (%s)
                Trained with Auscult %s, ND4J %s, seed %d
                Data: %s (%d files hashed)
                Training: %s
                  %s
                Evaluation: %s""",
                kind().word(), machine, file == null ? "not saved yet" : file,
                detector.features().sampleRate(), detector.features().nFft(), detector.features().hop(),
                detector.features().nMels(), detector.threshold().value(), detector.threshold().method(),
                p.auscultVersion(), p.nd4jVersion(), p.seed(), p.dataset(), p.trainingFiles().size(),
                epochs(p.config()), config, eval);
    }

    private static String epochs(Map<String, String> config) {
        return config.containsKey("epochs") ? config.get("epochs") + " epochs" : "options";
    }

    @Override
    public String toString() {
        return displayName();
    }
}
