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
                              ScoringNetwork network, Threshold threshold, Provenance provenance)
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

    /** The network as a reconstruction network, if it is one (the error map, the reconstruction-replacement test). */
    public java.util.Optional<ReconstructionNetwork> reconstruction() {
        return network instanceof ReconstructionNetwork r ? java.util.Optional.of(r) : java.util.Optional.empty();
    }

    /**
     * The network as a reconstruction network, for what needs the reconstruction (the
     * reconstruction-replacement test, the error map).
     *
     * @throws IllegalArgumentException naming {@code what} when the detector has none
     */
    public ReconstructionNetwork reconstructionNetwork(String what) {
        return reconstruction().orElseThrow(() -> new IllegalArgumentException(what + " needs the model's "
                + "reconstruction, and the " + kind.word() + " detector has none (it scores an embedding)"));
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
