package io.auscult.faithfulness;

import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.data.synth.AnomalyKind;
import io.auscult.data.synth.MachineType;
import io.auscult.data.synth.SynthDatasetSpec;
import io.auscult.data.synth.SynthDatasetWriter;
import io.auscult.detect.DetectorKind;
import io.auscult.detect.Provenance;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.Threshold;
import io.auscult.detect.TrainedDetector;
import io.auscult.detect.TrainingCurve;
import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.detect.nn.DenseAutoencoder;
import io.auscult.detect.nn.DenseAutoencoderWeights;
import io.auscult.detect.nn.DenseLayer;
import io.auscult.detect.nn.MaeMaskKind;
import io.auscult.detect.nn.MaeMasking;
import io.auscult.detect.nn.MaskedAutoencoder;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.BandStatistics;
import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.store.ModelFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A tiny synthetic test set (one valve, 2-s clips, 2 training, 1 normal and 2 anomalous test
 * clips with masks) and tiny untrained detectors on the DCASE front end, written as model files:
 * what the comparison run and its commands need, in seconds. The networks are random, so tests
 * check structure and arithmetic, never that one detector explains better than another.
 */
public final class TinyComparisonData {

    private TinyComparisonData() {
    }

    /** Writes the dataset into {@code dir} and returns it. */
    public static Path dataset(Path dir) throws IOException {
        SynthDatasetSpec spec = new SynthDatasetSpec(List.of(MachineType.VALVE), 1, 2, 1, 2, 2.0, 6.0, 12.0, 0.0,
                List.of(AnomalyKind.values()), SynthDatasetSpec.Layout.DCASE2020);
        SynthDatasetWriter.write(dir, spec, 11, Progress.NONE, Cancellation.NEVER);
        return dir;
    }

    /** A tiny detector of the kind, with band statistics of the dataset's training clips, saved to {@code file}. */
    public static Path model(Path data, DetectorKind kind, Path file) throws IOException {
        FeatureSpec spec = FeatureSpec.DCASE;
        BandStatistics stats = new BandStatistics(spec.nMels());
        LogMelExtractor extractor = new LogMelExtractor(spec);
        List<Path> train;
        try (Stream<Path> s = Files.list(data.resolve("valve").resolve("train"))) {
            train = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        for (Path p : train) {
            try {
                stats.add(extractor.extract(AudioLoader.load(p, ChannelChoice.MEAN, spec.sampleRate())));
            } catch (io.auscult.audio.AudioFormatException e) {
                throw new IOException(e);
            }
        }
        ReconstructionNetwork network = switch (kind) {
            case AE -> new ConvAutoencoder(ConvBackboneWeights.initial(1, List.of(4, 8), 3), spec.nMels(),
                    ConvPrecision.FLOAT);
            case MAE -> new MaskedAutoencoder(ConvBackboneWeights.initial(2, List.of(4, 8), 4), spec.nMels(),
                    new MaeMasking(16, 8, 0.5, MaeMaskKind.PATCHES), ConvPrecision.FLOAT);
            case DENSE -> DenseAutoencoder.of(denseWeights(spec.nMels()));
            case MD -> throw new IllegalArgumentException("the comparison needs a reconstruction detector");
        };
        Provenance p = new Provenance("test", "test", 1, Map.of("machine", "valve", "model", kind.word()),
                "tiny synthetic set", Map.of(), new TrainingCurve(List.of(1.0), List.of(1.0), 0), Map.of());
        try (TrainedDetector d = new TrainedDetector(kind, spec, stats.standardiser(), network,
                new Threshold(1.0, "test"), p)) {
            ModelFile.write(file, d);
        }
        return file;
    }

    private static DenseAutoencoderWeights denseWeights(int mels) {
        int[] widths = {mels * 5, 16, 4, 16, mels * 5};
        SplittableRandom random = new SplittableRandom(5);
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            double[] w = new double[widths[l] * widths[l + 1]];
            double bound = 1 / Math.sqrt(widths[l]);
            for (int i = 0; i < w.length; i++) {
                w[i] = bound * (2 * random.nextDouble() - 1);
            }
            layers.add(new DenseLayer(widths[l], widths[l + 1], w, new double[widths[l + 1]], null,
                    l + 2 < widths.length));
        }
        return new DenseAutoencoderWeights(mels, 5, layers);
    }
}
