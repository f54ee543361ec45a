package io.auscult.bench;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.faithfulness.NetworkScorer;
import io.auscult.faithfulness.ReplacementClip;
import io.auscult.faithfulness.ReplacementCurve;
import io.auscult.faithfulness.ReplacementPerturbation;
import io.auscult.faithfulness.ReplacementUnits;
import io.auscult.faithfulness.UnitOrder;
import io.auscult.features.Spectrogram;

import java.util.List;

/**
 * {@code faithfulness.curve21}: one reconstruction-replacement curve of a 10-s clip (313 x 128
 * bins) through the full-size conv AE (float): ordering the 40,064 bins by the error map, building
 * the 21 perturbed inputs (20 grid points after k = 0 plus the 1 % budget; 5 % and 10 % are grid
 * points) and scoring them in batches. The clip's own reconstruction, which gives x_hat and s(x),
 * is computed once in set-up: a comparison run has it already.
 */
final class FaithfulnessCurveBenchmark implements Benchmark {

    @Override
    public String name() {
        return "faithfulness.curve21";
    }

    @Override
    public Unit unit() {
        return Unit.MS;
    }

    @Override
    public Trial setUp() {
        ConvAutoencoder net = new ConvAutoencoder(ConvBackboneWeights.initial(1, List.of(32, 64, 128), 1), 128,
                ConvPrecision.FLOAT);
        Spectrogram x = BenchSpectrograms.tenSeconds(9);
        Reconstruction r = net.reconstruct(List.of(x)).get(0);
        ReplacementClip clip = ReplacementClip.of(x, r);
        ReplacementUnits units = ReplacementUnits.bins(x.frames(), x.mels());
        float[] error = r.errorMap().values();
        double[] map = new double[error.length];
        for (int i = 0; i < map.length; i++) {
            map[i] = error[i];
        }
        NetworkScorer scorer = new NetworkScorer(net, x);
        ReplacementPerturbation perturbation = ReplacementPerturbation.standard();
        return new Trial() {
            @Override
            public long run() {
                UnitOrder order = UnitOrder.byAttribution(units.unitAttribution(map));
                ReplacementCurve c = perturbation.curve(clip, units, order, scorer);
                if (!(c.drops()[20] == 1.0)) {
                    throw new IllegalStateException("d(1) is " + c.drops()[20]);
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
