package io.auscult.detect;

import io.auscult.features.FeatureSpec;
import io.auscult.features.Standardiser;

import java.util.Objects;

/**
 * Everything a model file holds: the network, the front end it expects, the normalisation
 * statistics of its training data, its threshold and its provenance. Owns the network's
 * native memory: close it.
 */
public record TrainedDetector(DetectorKind kind, FeatureSpec features, Standardiser standardiser,
                              ReconstructionNetwork network, Threshold threshold, Provenance provenance)
        implements AutoCloseable {

    public TrainedDetector {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(standardiser, "standardiser");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(provenance, "provenance");
        if (standardiser.mean().length != features.nMels() || network.mels() != features.nMels()) {
            throw new IllegalArgumentException("the network (" + network.mels() + " bands), statistics ("
                    + standardiser.mean().length + ") and front end (" + features.nMels() + ") disagree");
        }
    }

    public TrainedDetector withThreshold(Threshold t) {
        return new TrainedDetector(kind, features, standardiser, network, t, provenance);
    }

    public TrainedDetector withProvenance(Provenance p) {
        return new TrainedDetector(kind, features, standardiser, network, threshold, p);
    }

    @Override
    public void close() {
        network.close();
    }
}
