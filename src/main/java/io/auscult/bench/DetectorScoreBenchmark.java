package io.auscult.bench;

import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.detect.nn.DenseAutoencoderOptions;
import io.auscult.detect.nn.DenseAutoencoderTrainer;
import io.auscult.detect.nn.MaeMasking;
import io.auscult.detect.nn.MaskedAutoencoder;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@code detect.<model>_score_10s}: one standardised 10-s log-mel (313 x 128) through a
 * full-size network (float): reconstruction, error map and score. Weights are seeded
 * initial ones (the cost does not depend on their values); the dense AE gets one short
 * training run so that its batch-norm statistics exist.
 */
final class DetectorScoreBenchmark implements Benchmark {

    private final String name;
    private final Supplier<ReconstructionNetwork> network;

    private DetectorScoreBenchmark(String name, Supplier<ReconstructionNetwork> network) {
        this.name = name;
        this.network = network;
    }

    static DetectorScoreBenchmark conv() {
        return new DetectorScoreBenchmark("detect.conv_score_10s", () -> new ConvAutoencoder(
                ConvBackboneWeights.initial(1, List.of(32, 64, 128), 1), 128, ConvPrecision.FLOAT));
    }

    static DetectorScoreBenchmark mae() {
        return new DetectorScoreBenchmark("detect.mae_score_10s", () -> new MaskedAutoencoder(
                ConvBackboneWeights.initial(2, List.of(32, 64, 128), 1), 128, MaeMasking.DEFAULT, ConvPrecision.FLOAT));
    }

    static DetectorScoreBenchmark dense() {
        return new DetectorScoreBenchmark("detect.dense_score_10s", () -> new DenseAutoencoderTrainer(
                DenseAutoencoderOptions.DCASE.withEpochs(1, 1)).train(
                List.of(BenchSpectrograms.tenSeconds(3), BenchSpectrograms.tenSeconds(4)),
                List.of(BenchSpectrograms.tenSeconds(5)), Progress.NONE, Cancellation.NEVER).network());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Unit unit() {
        return Unit.MS;
    }

    @Override
    public Trial setUp() {
        ReconstructionNetwork net = network.get();
        List<Spectrogram> clip = List.of(BenchSpectrograms.tenSeconds(9));
        return new Trial() {
            @Override
            public long run() {
                if (!(net.reconstruct(clip).get(0).score() >= 0)) {
                    throw new IllegalStateException("no score");
                }
                return 1;
            }

            @Override
            public void close() {
                net.close();
            }
        };
    }
}
