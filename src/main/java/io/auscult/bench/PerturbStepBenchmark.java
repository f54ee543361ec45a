package io.auscult.bench;

import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.Attributions;
import io.auscult.explain.ExplanationTarget;
import io.auscult.faithfulness.FaithfulnessMeasure;
import io.auscult.faithfulness.ReplacementExplorer;
import io.auscult.faithfulness.ReplacementUnits;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.store.ColorMap;
import io.auscult.store.ModelFile;
import io.auscult.store.SpectrogramRaster;
import io.auscult.store.SpectrogramRaster.Viewport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ui.perturb_step} (conv AE) and {@code ui.perturb_step_mae}: one move of the workbench's
 * budget slider on a 10-s demo clip (fan anomaly 0, 313 x 128 bins, units = bins) with a shipped
 * demo detector: {@link ReplacementExplorer#at} at a budget not seen before (building M_k and
 * x_k, one network call), then what the view redraws: x_k back to dB and rendered into a
 * 1,600 x 500 ARGB raster, plus the outline of the replaced bins over it. Set-up (not timed)
 * loads the model, explains the clip by saliency and prepares the explorer. The budgets follow
 * the golden-ratio sequence, so every run replaces a new number of units; a budget whose score
 * is cached is skipped, so every timed step calls the network. Target (issue 7): 150 ms.
 */
final class PerturbStepBenchmark implements Benchmark {

    static final int WIDTH = 1600;
    static final int HEIGHT = 500;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private final String name;
    private final String model;

    private PerturbStepBenchmark(String name, String model) {
        this.name = name;
        this.model = model;
    }

    static Benchmark autoencoder() {
        return new PerturbStepBenchmark("ui.perturb_step", "fan-ae");
    }

    static Benchmark masked() {
        return new PerturbStepBenchmark("ui.perturb_step_mae", "fan-mae");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Unit unit() {
        return Unit.MS;
    }

    /** The bundled demo folder: the launcher's {@code auscult.home}, else the working folder. */
    static Path samples() {
        Path samples = Path.of(System.getProperty("auscult.home", "."), "samples").toAbsolutePath().normalize();
        if (!Files.isDirectory(samples.resolve("models"))) {
            throw new IllegalStateException("the demo (samples/models) is not in " + samples.getParent()
                    + ": run the benchmark from the repository with ./auscult");
        }
        return samples;
    }

    @Override
    public Trial setUp() throws Exception {
        Path samples = samples();
        TrainedDetector detector = ModelFile.read(samples.resolve("models").resolve(model + ".auscult"),
                Networks.LOADER);
        Spectrogram input = detector.standardiser().apply(new LogMelExtractor(detector.features()).extract(
                AudioLoader.load(samples.resolve("fan/test/anomaly_id_00_00000000.wav"), ChannelChoice.MEAN,
                        detector.features().sampleRate())));
        if (input.frames() != 313) {
            throw new IllegalStateException("the demo clip should be 10 s (313 frames), not " + input.frames());
        }
        AttributionMap map = Attributions.create("saliency", Map.of()).explain(
                new ExplanationTarget(detector.network(), input, List.of(), 1), Progress.NONE, Cancellation.NEVER);
        ReplacementExplorer explorer = ReplacementExplorer.prepare(detector.reconstructionNetwork("The perturbation step"), input, map,
                ReplacementUnits.bins(input.frames(), input.mels()), FaithfulnessMeasure.standard(1));
        ColorMap colours = ColorMap.named("magma");
        int[] image = new int[WIDTH * HEIGHT];
        int[] outline = new int[WIDTH * HEIGHT];
        Viewport all = Viewport.all(input);
        return new Trial() {
            private int next;

            @Override
            public long run() {
                double k;
                do {
                    next++;
                    k = (0.5 + next * GOLDEN) % 1.0;
                } while (explorer.cachedAt(k).isPresent());
                ReplacementExplorer.Step step = explorer.at(k);
                Spectrogram db = detector.standardiser().invert(step.perturbed());
                SpectrogramRaster.render(db, all, WIDTH, HEIGHT, colours, -80, 0, image);
                SpectrogramRaster.renderOutline(step.replaced(), input.frames(), input.mels(), all, WIDTH, HEIGHT,
                        0xFFFFFFFF, 0, outline);
                if (!Double.isFinite(step.drop())) {
                    throw new IllegalStateException("d(k) is " + step.drop() + " at k = " + k);
                }
                return 1;
            }

            @Override
            public void close() {
                detector.close();
            }
        };
    }
}
