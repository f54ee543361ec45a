package io.auscult.cli;

import io.auscult.audio.AudioFormatException;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.engine.BackgroundTask;
import io.auscult.explain.Attribution;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.Attributions;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.explain.ExplanationTarget;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.store.ColorMap;
import io.auscult.store.ModelFile;
import io.auscult.store.SpectrogramCsv;
import io.auscult.store.SpectrogramImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code auscult explain --model M --method NAME FILE --out map.csv|map.png}: one attribution map. */
@Command(name = "explain", description = {
    "Explain a recording's anomaly score with an attribution method: a map of the model input's",
    "shape (frames x mel bands) saying how much each bin drives the score. --out map.csv writes the",
    "map itself (one row per frame, one column per band, in model-input units); --out map.png draws",
    "the recording's log-mel with the map over it, a colour bar and the method and score in the",
    "title. Methods: error, saliency, smoothgrad, ig, gradshap, gradcam, occlusion; parameters with",
    "--param name=value (e.g. --param steps=64 --param baseline=zeros for ig)."})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE.auscult", description = "Model file.")
    Path model;

    @Option(names = "--method", defaultValue = "saliency", paramLabel = "NAME",
            description = "error, saliency, smoothgrad, ig, gradshap, gradcam or occlusion (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A method parameter; repeatable.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Parameters(index = "0", paramLabel = "FILE", description = "The WAV file to explain.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "MAP.csv|MAP.png", description = "Where to write the map.")
    Path out;

    @Option(names = "--references", split = ",", paramLabel = "FILES|DIR",
            description = "Normal recordings (e.g. the training clips) for gradshap's baselines and ig's mean baseline.")
    List<Path> references = new ArrayList<>();

    @Option(names = "--max-references", defaultValue = "16", paramLabel = "N",
            description = "Use at most N reference recordings (default: ${DEFAULT-VALUE}).")
    int maxReferences;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random methods (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--display", defaultValue = "absolute", paramLabel = "MODE",
            description = "PNG: signed, absolute or positive part of the map (default: ${DEFAULT-VALUE}).")
    String display;

    @Option(names = "--clip", defaultValue = "99", paramLabel = "PERCENTILE",
            description = "PNG: the map's percentile shown at full strength (default: ${DEFAULT-VALUE}).")
    double clip;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean png = name.endsWith(".png");
        if (!png && !name.endsWith(".csv")) {
            throw new IllegalArgumentException("--out must end in .csv or .png: " + out);
        }
        // Check the method and display options before any work.
        Attribution attribution = Attributions.create(method, parameters);
        DisplayNormalisation normalisation = new DisplayNormalisation(DisplayNormalisation.Mode.of(display), clip);
        if (maxReferences < 1) {
            throw new IllegalArgumentException("--max-references must be >= 1, not " + maxReferences);
        }
        try (TrainedDetector detector = ModelFile.read(model, Networks.LOADER)) {
            LogMelExtractor extractor = new LogMelExtractor(detector.features());
            Spectrogram logMel = logMel(extractor, detector, input);
            Spectrogram x = detector.standardiser().apply(logMel);
            List<Spectrogram> refs = new ArrayList<>();
            List<Path> refFiles = ScoreCommand.expand(references);
            for (Path f : refFiles.subList(0, Math.min(refFiles.size(), maxReferences))) {
                refs.add(detector.standardiser().apply(logMel(extractor, detector, f)));
            }
            ExplanationTarget target = new ExplanationTarget(detector.network(), x, refs, seed);
            long start = System.nanoTime();
            AttributionMap map = ComputeRun.run(err, BackgroundTask.of("explain " + attribution.method(),
                    (progress, cancel) -> attribution.explain(target, progress, cancel)));
            double ms = (System.nanoTime() - start) / 1e6;
            if (png) {
                DisplayNormalisation.Mode mode = normalisation.mode();
                SpectrogramImage.Overlay overlay = new SpectrogramImage.Overlay(normalisation.apply(map),
                        mode == DisplayNormalisation.Mode.SIGNED, mode.name().toLowerCase(Locale.ROOT));
                SpectrogramImage.writePng(logMel, new SpectrogramImage.Options(title(map, detector), ColorMap.named("gray"),
                        80, groundTruth(input, logMel, err)), overlay, out);
            } else {
                SpectrogramCsv.write(map.values(), out);
            }
            stdout.printf(Locale.ROOT, "%s of %s: score %.6g (threshold %.6g, %s)%n", map.method(),
                    input.getFileName(), map.score(), detector.threshold().value(),
                    detector.threshold().isAnomalous(map.score()) ? "anomalous" : "normal");
            if (map.completenessDelta().isPresent()) {
                stdout.printf(Locale.ROOT, "completeness delta %.4g%n", map.completenessDelta().getAsDouble());
            }
            stdout.printf(Locale.ROOT, "Wrote %s (%d frames x %d bands, %.0f ms)%n", out, map.values().frames(),
                    map.values().mels(), ms);
            stdout.flush();
        }
        return 0;
    }

    private static Spectrogram logMel(LogMelExtractor extractor, TrainedDetector detector, Path file) {
        try {
            return extractor.extract(AudioLoader.load(file, ChannelChoice.MEAN, detector.features().sampleRate()));
        } catch (AudioFormatException e) {
            throw new IllegalArgumentException(file + ": " + e.reason(), e);
        }
    }

    /**
     * The true anomaly region, when a ground-truth mask (NAME.mask.csv, as the synthesiser and
     * annotations write it) lies beside the recording and fits its grid: outlined on the PNG so the
     * reader sees at once whether the map found it. A mask that cannot be used is named and skipped.
     */
    private static Optional<boolean[]> groundTruth(Path wav, Spectrogram logMel, PrintWriter err) {
        Path file = AnomalyMaskCsv.besideWav(wav);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            boolean[] cells = AnomalyMaskCsv.read(file).cells();
            if (cells.length != logMel.values().length) {
                err.println("auscult explain: " + file + ": mask is not on the recording's grid; not drawn");
                return Optional.empty();
            }
            return Optional.of(cells);
        } catch (IOException e) {
            err.println("auscult explain: " + e.getMessage() + "; mask not drawn");
            return Optional.empty();
        }
    }

    private String title(AttributionMap map, TrainedDetector detector) {
        String params = new java.util.TreeMap<>(map.parameters()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        String head = String.format(Locale.ROOT, "%s  %s — score %.4g (threshold %.4g)", input.getFileName(),
                map.method(), map.score(), detector.threshold().value());
        // The title is one line over a ~1000-px figure: parameters only while they fit.
        return params.isEmpty() || head.length() + params.length() > 120 ? head : head + "  [" + params + "]";
    }
}
