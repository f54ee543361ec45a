package io.auscult.bench;

import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.data.synth.AnomalyMask;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;
import io.auscult.explain.Attribution;
import io.auscult.explain.Attributions;
import io.auscult.faithfulness.ClipStudy;
import io.auscult.faithfulness.StudyDetector;
import io.auscult.faithfulness.StudyResult;
import io.auscult.faithfulness.StudySettings;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.store.ModelFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ui.grid_2x6_10s} (issue 7): the workbench's method grid filled for one 10-s clip, the
 * demo's fan AE and MAE (rows) x error, saliency, smoothgrad, ig, gradcam and occlusion with
 * default parameters (columns), each cell with its map, faithfulness curve, gain and localisation,
 * each row with its random reference (R = 5): one whole {@link ClipStudy}. Companions time the
 * same study up to the first map ({@code ui.grid_2x6_10s_first_map}: the first overlay a grid can
 * show), the first finished cell ({@code ui.grid_2x6_10s_first_cell}: its curve and the row's
 * random reference too) and the sixth, the three cheapest methods on both rows
 * ({@code ui.grid_2x6_10s_cheap6}), then cancel it: what a user waits before the grid starts to
 * fill and before it is half full.
 *
 * <p>Inputs: {@code samples/models/fan-ae.auscult}, {@code fan-mae.auscult} and the demo clip
 * {@code samples/fan/test/anomaly_id_00_00000000.wav} (10.02 s, 313 frames) with its mask, under
 * the installation folder ({@code auscult.home}, else the working folder). The networks' working
 * memory is released at the end of each study, as the study does in use, so every run plans anew.
 */
final class GridStudyBenchmark implements Benchmark {

    static final List<String> METHODS = List.of("error", "saliency", "smoothgrad", "ig", "gradcam", "occlusion");

    private final String name;
    /** Finished cells after which the study is cancelled (0: run it whole). */
    private final int stopAfter;
    /** Whether to cancel at the first map instead (before its curve and the row's random reference). */
    private final boolean firstMap;

    private GridStudyBenchmark(String name, int stopAfter, boolean firstMap) {
        this.name = name;
        this.stopAfter = stopAfter;
        this.firstMap = firstMap;
    }

    static List<Benchmark> all() {
        return List.of(new GridStudyBenchmark("ui.grid_2x6_10s", 0, false),
                new GridStudyBenchmark("ui.grid_2x6_10s_first_map", 0, true),
                new GridStudyBenchmark("ui.grid_2x6_10s_first_cell", 1, false),
                new GridStudyBenchmark("ui.grid_2x6_10s_cheap6", 6, false));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Unit unit() {
        return Unit.MS;
    }

    /** A whole grid takes tens of seconds: one warm-up and two timed runs. */
    @Override
    public int maxRepeats() {
        return stopAfter == 0 && !firstMap ? 2 : 5;
    }

    @Override
    public Trial setUp() throws Exception {
        Path samples = Path.of(System.getProperty("auscult.home", ".")).toAbsolutePath().normalize().resolve("samples");
        Path clip = samples.resolve("fan").resolve("test").resolve("anomaly_id_00_00000000.wav");
        List<Path> models = List.of(samples.resolve("models").resolve("fan-ae.auscult"),
                samples.resolve("models").resolve("fan-mae.auscult"));
        for (Path p : List.of(clip, models.get(0), models.get(1))) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(name + " needs the demo files; missing " + p
                        + " (run from the installation folder or set -Dauscult.home)");
            }
        }
        List<TrainedDetector> detectors = new ArrayList<>();
        List<StudyDetector> rows = new ArrayList<>();
        Optional<AnomalyMask> mask = Optional.of(AnomalyMaskCsv.read(AnomalyMaskCsv.besideWav(clip)));
        try {
            for (int i = 0; i < models.size(); i++) {
                TrainedDetector d = ModelFile.read(models.get(i), Networks.LOADER);
                detectors.add(d);
                Spectrogram logMel = new LogMelExtractor(d.features())
                        .extract(AudioLoader.load(clip, ChannelChoice.MEAN, d.features().sampleRate()));
                rows.add(new StudyDetector(i == 0 ? "fan · AE" : "fan · MAE", d.reconstructionNetwork("The grid study"),
                        d.standardiser().apply(logMel), List.of(), d.threshold()));
            }
        } catch (Exception | Error e) {
            detectors.forEach(TrainedDetector::close);
            throw e;
        }
        List<Attribution> methods = new ArrayList<>();
        for (String m : METHODS) {
            methods.add(Attributions.create(m, Map.of()));
        }
        ClipStudy study = new ClipStudy(StudySettings.bins(0));
        return new Trial() {
            @Override
            public long run() {
                Cancellation cancel = new Cancellation();
                AtomicInteger cells = new AtomicInteger();
                AtomicInteger maps = new AtomicInteger();
                try {
                    StudyResult r = study.run(rows, methods, mask, m -> {
                        if (maps.incrementAndGet() == 1 && firstMap) {
                            cancel.cancel();
                        }
                    }, c -> {
                        if (c.failure().isPresent()) {
                            throw new IllegalStateException(c.detector() + " / " + c.method() + ": " + c.failure().get());
                        }
                        if (cells.incrementAndGet() == stopAfter) {
                            cancel.cancel();
                        }
                    }, Progress.NONE, cancel);
                    if (r.cells().size() != 12) {
                        throw new IllegalStateException("a grid of " + r.cells().size() + " cells");
                    }
                } catch (CancelledException e) {
                    if (firstMap ? maps.get() != 1 : cells.get() != stopAfter) {
                        throw e;
                    }
                }
                return 1;
            }

            @Override
            public void close() {
                detectors.forEach(TrainedDetector::close);
            }
        };
    }
}
