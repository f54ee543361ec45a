package io.auscult.cli;

import io.auscult.audio.AudioFormatException;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.data.synth.AnomalyMask;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.BackgroundTask;
import io.auscult.explain.Attribution;
import io.auscult.explain.Attributions;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.faithfulness.ClipStudy;
import io.auscult.faithfulness.FaithfulnessMeasure;
import io.auscult.faithfulness.Localisation;
import io.auscult.faithfulness.ReplacementPerturbation;
import io.auscult.faithfulness.StudyCell;
import io.auscult.faithfulness.StudyDetector;
import io.auscult.faithfulness.StudyResult;
import io.auscult.faithfulness.StudySettings;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.store.ClipReport;
import io.auscult.store.ClipReportFiles;
import io.auscult.store.ModelFile;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code auscult report --model A --model B --methods error,saliency FILE.wav --out DIR}: one clip's report. */
@Command(name = "report", description = {
    "Explain one recording with several detectors x attribution methods and write a self-contained report",
    "(issue 7): report.html (log-mel with the ground-truth outline, every map as an overlay, each detector's",
    "faithfulness curves over the band of random orders, the table, the settings and each model's provenance),",
    "table.csv, curves.csv, one map_DETECTOR_METHOD.csv per map and report.json. Cheap methods run first.",
    "The ground truth is read from FILE.mask.csv beside the recording when there is one."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE.auscult",
            description = "A model file; repeat for several detectors (rows, named by the file stem).")
    List<Path> models;

    @Option(names = "--methods", defaultValue = "error,saliency,gradcam,ig", split = ",", paramLabel = "all|NAME,...",
            description = "Methods (columns): all, or a list of error, saliency, smoothgrad, ig, gradshap, gradcam, "
                    + "occlusion (default ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--param", paramLabel = "METHOD.NAME=VALUE",
            description = "A method parameter, e.g. ig.steps=64 or smoothgrad.samples=10 (repeatable).")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--units", defaultValue = "bins", paramLabel = "bins|patches",
            description = "Replacement units of the faithfulness curves: single bins (default) or patches of "
                    + "16 mels x 8 frames.")
    String units;

    @Option(names = "--random", defaultValue = "5", paramLabel = "R",
            description = "Random orders in each detector's reference (default ${DEFAULT-VALUE}).")
    int random;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Seed of the random orders and of the methods' noise (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--references", split = ",", paramLabel = "FILES|DIR",
            description = "Normal recordings (e.g. the training clips) for gradshap's baselines and ig's mean baseline.")
    List<Path> references = new ArrayList<>();

    @Option(names = "--max-references", defaultValue = "4", paramLabel = "N",
            description = "Use at most N reference recordings (default ${DEFAULT-VALUE}).")
    int maxReferences;

    @Option(names = "--display", defaultValue = "absolute", paramLabel = "MODE",
            description = "Overlays show the signed, absolute or positive part of each map (default ${DEFAULT-VALUE}).")
    String display;

    @Option(names = "--clip", defaultValue = "99", paramLabel = "PERCENTILE",
            description = "The maps' percentile shown at full strength (default ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--scale", defaultValue = "map", paramLabel = "map|row",
            description = "Each map on its own display scale (map, default) or one scale per detector (row: the methods' maps compared in one unit; weak maps then look empty).")
    String scale;

    @Parameters(index = "0", paramLabel = "FILE.wav", description = "The recording.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Every option is checked before any model is loaded or any work is done.
        List<Attribution> attributions = attributions();
        StudySettings settings = settings();
        DisplayNormalisation normalisation = new DisplayNormalisation(DisplayNormalisation.Mode.of(display), clip);
        ClipReport.OverlayScale overlayScale = switch (scale.trim().toLowerCase(Locale.ROOT)) {
            case "row" -> ClipReport.OverlayScale.PER_ROW;
            case "map" -> ClipReport.OverlayScale.PER_MAP;
            default -> throw new IllegalArgumentException("--scale must be 'row' or 'map', not '" + scale + "'");
        };
        if (maxReferences < 1) {
            throw new IllegalArgumentException("--max-references must be >= 1, not " + maxReferences);
        }
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException(input + ": no such file");
        }
        for (Path m : models) {
            if (!Files.isRegularFile(m)) {
                throw new IllegalArgumentException(m + ": no such model file");
            }
        }
        List<Path> referenceFiles = ScoreCommand.expand(references);
        referenceFiles = referenceFiles.subList(0, Math.min(referenceFiles.size(), maxReferences));

        List<TrainedDetector> loaded = new ArrayList<>();
        try {
            for (Path m : models) {
                loaded.add(ModelFile.read(m, Networks.LOADER));
            }
            List<String> labels = labels();
            List<StudyDetector> rows = new ArrayList<>();
            Spectrogram logMel = null;
            for (int i = 0; i < loaded.size(); i++) {
                TrainedDetector d = loaded.get(i);
                LogMelExtractor extractor = new LogMelExtractor(d.features());
                Spectrogram own = logMel(extractor, d, input);
                if (logMel == null) {
                    logMel = own;
                }
                List<Spectrogram> refs = new ArrayList<>();
                for (Path r : referenceFiles) {
                    refs.add(d.standardiser().apply(logMel(extractor, d, r)));
                }
                rows.add(new StudyDetector(labels.get(i), d.reconstructionNetwork("The clip report (" + labels.get(i) + ")"),
                        d.standardiser().apply(own), refs,
                        d.threshold()));
            }
            Optional<AnomalyMask> mask = groundTruth(logMel, err);
            ClipStudy study = new ClipStudy(settings);
            StudyResult result = ComputeRun.run(err, BackgroundTask.of("report",
                    (progress, cancel) -> study.run(rows, attributions, mask, c -> { }, progress, cancel)));

            List<ClipReport.DetectorRow> detectorRows = new ArrayList<>();
            for (int i = 0; i < loaded.size(); i++) {
                detectorRows.add(ClipReport.DetectorRow.of(result.rows().get(i), loaded.get(i)));
            }
            Map<String, String> clipLabels = new LinkedHashMap<>();
            clipLabels.put("file", input.toAbsolutePath().normalize().toString());
            clipLabels.put("duration", String.format(Locale.ROOT, "%.2f s (%d frames x %d mel bands)",
                    logMel.durationSeconds(), logMel.frames(), logMel.mels()));
            Map<String, String> shown = new LinkedHashMap<>(settings.describe());
            if (!referenceFiles.isEmpty()) {
                shown.put("normal references", referenceFiles.size() + " recording(s)");
            }
            String title = "Auscult clip report: " + input.getFileName();
            ClipReport report = new ClipReport(title, input.getFileName().toString(), clipLabels, logMel, mask,
                    detectorRows, result.cells(), normalisation, overlayScale, shown);
            List<Path> written = ClipReportFiles.write(out, report);

            for (ClipReport.DetectorRow d : detectorRows) {
                stdout.printf(Locale.ROOT, "%s: score %.5g, threshold %.5g: %s%n", d.label(), d.score(),
                        d.threshold().value(), d.anomalous() ? "anomalous" : "normal");
            }
            TextTable table = new TextTable("detector", "method", "area", "gain", "d@1%", "d@5%", "d@10%",
                    "loc AUROC", "temp.AUROC", "rel.mass", "ms");
            for (StudyCell c : result.cells()) {
                if (c.failure().isPresent()) {
                    table.row(c.detector(), c.method(), "", "", "", "", "", "", "", "", "");
                    continue;
                }
                var f = c.faithfulness().get();
                Optional<Localisation> l = c.localisation();
                table.row(c.detector(), c.method(), f3(f.curve().area()), f3(f.gain()), f3(f.curve().dropAt(0.01)),
                        f3(f.curve().dropAt(0.05)), f3(f.curve().dropAt(0.10)),
                        l.map(x -> f3(x.pixelAuroc())).orElse(""), l.map(x -> f3(x.temporalAuroc())).orElse(""),
                        l.map(x -> f3(x.relevanceMass())).orElse(""), String.format(Locale.ROOT, "%.0f", c.millis()));
            }
            table.print(stdout);
            for (StudyCell c : result.cells()) {
                c.failure().ifPresent(reason -> stdout.println(c.detector() + " / " + c.method() + ": " + reason));
            }
            stdout.println("Wrote " + written.size() + " files into " + out + ":");
            for (Path p : written) {
                stdout.println("  " + p);
            }
            stdout.println("Open " + written.get(written.size() - 1));
            stdout.flush();
            return 0;
        } finally {
            loaded.forEach(TrainedDetector::close);
        }
    }

    /** The methods in the order given, each with its {@code --param METHOD.NAME=VALUE} parameters. */
    private List<Attribution> attributions() {
        Set<String> names = new LinkedHashSet<>();
        for (String m : methods) {
            String name = m.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                names.addAll(Attributions.methods());
            } else if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--methods names no method; methods: " + Attributions.methods());
        }
        Map<String, Map<String, String>> byMethod = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            String key = p.getKey().trim();
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException("--param wants METHOD.NAME=VALUE (e.g. ig.steps=64), not '"
                        + p.getKey() + "=" + p.getValue() + "'");
            }
            String method = key.substring(0, dot).toLowerCase(Locale.ROOT);
            if (!names.contains(method)) {
                throw new IllegalArgumentException("--param " + key + ": method '" + method
                        + "' is not among --methods " + names);
            }
            byMethod.computeIfAbsent(method, k -> new LinkedHashMap<>()).put(key.substring(dot + 1), p.getValue());
        }
        List<Attribution> out = new ArrayList<>();
        for (String name : names) {
            out.add(Attributions.create(name, byMethod.getOrDefault(name, Map.of())));
        }
        return out;
    }

    private StudySettings settings() {
        if (random < 1) {
            throw new IllegalArgumentException("--random must be >= 1, not " + random);
        }
        FaithfulnessMeasure measure = new FaithfulnessMeasure(ReplacementPerturbation.standard(), random, seed);
        return switch (units.trim().toLowerCase(Locale.ROOT)) {
            case "bins", "bin" -> new StudySettings(1, 1, measure, seed);
            case "patches", "patch" -> new StudySettings(StudySettings.PATCH_MELS, StudySettings.PATCH_FRAMES,
                    measure, seed);
            default -> throw new IllegalArgumentException("--units must be 'bins' or 'patches', not '" + units + "'");
        };
    }

    /** Row labels: the model files' stems, made unique. */
    private List<String> labels() {
        List<String> labels = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Path m : models) {
            String name = FaithfulnessCommand.stem(m);
            for (int i = 2; !used.add(name); i++) {
                name = FaithfulnessCommand.stem(m) + "-" + i;
            }
            labels.add(name);
        }
        return labels;
    }

    private static Spectrogram logMel(LogMelExtractor extractor, TrainedDetector detector, Path file) {
        try {
            return extractor.extract(AudioLoader.load(file, ChannelChoice.MEAN, detector.features().sampleRate()));
        } catch (AudioFormatException e) {
            throw new IllegalArgumentException(file + ": " + e.reason(), e);
        }
    }

    /** FILE.mask.csv beside the recording, when there is one on the log-mel's grid; otherwise none (said why). */
    private Optional<AnomalyMask> groundTruth(Spectrogram logMel, PrintWriter err) {
        Path file = AnomalyMaskCsv.besideWav(input);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            AnomalyMask m = AnomalyMaskCsv.read(file);
            if (m.frames() != logMel.frames() || m.mels() != logMel.mels()) {
                err.println("auscult report: " + file + ": mask is " + m.frames() + " x " + m.mels()
                        + ", the recording's log-mel " + logMel.frames() + " x " + logMel.mels()
                        + "; no localisation");
                return Optional.empty();
            }
            return Optional.of(m);
        } catch (IOException e) {
            err.println("auscult report: " + e.getMessage() + "; no localisation");
            return Optional.empty();
        }
    }

    private static String f3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
    }
}
