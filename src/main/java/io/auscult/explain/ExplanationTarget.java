package io.auscult.explain;

import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.ScoringNetwork;
import io.auscult.features.Spectrogram;

import java.util.List;
import java.util.Objects;

/**
 * What is being explained: a detector's network and one standardised input (frames x mels),
 * plus normal training inputs (standardised) for methods that draw baselines from them
 * (GradientSHAP, the training-mean IG baseline); that list may be empty for other methods.
 *
 * @param seed for methods with randomness (SmoothGrad noise, GradientSHAP draws): same seed, same map
 */
public record ExplanationTarget(ScoringNetwork network, Spectrogram input, List<Spectrogram> normalReferences,
                                long seed) {

    public ExplanationTarget {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(input, "input");
        normalReferences = List.copyOf(normalReferences);
        if (input.mels() != network.mels()) {
            throw new IllegalArgumentException("the input has " + input.mels() + " mel bands, the "
                    + network.kind() + " network expects " + network.mels());
        }
        for (int i = 0; i < normalReferences.size(); i++) {
            if (normalReferences.get(i).mels() != input.mels()) {
                throw new IllegalArgumentException("normal reference " + i + " has "
                        + normalReferences.get(i).mels() + " mel bands, the input " + input.mels());
            }
        }
    }

    /**
     * The network as a reconstruction network, for what needs the model's reconstruction (the error
     * map, occlusion's replacement, IG's reconstruction baseline).
     *
     * @throws IllegalArgumentException when it has none (the embedding detector), saying so
     */
    public ReconstructionNetwork reconstructionNetwork(String what) {
        if (network instanceof ReconstructionNetwork r) {
            return r;
        }
        throw new IllegalArgumentException(what + " needs the model's reconstruction, and the " + network.kind()
                + " detector has none (it scores an embedding); use saliency, SmoothGrad, IG from zeros or the "
                + "training mean, or GradientSHAP");
    }

    public static ExplanationTarget of(ScoringNetwork network, Spectrogram input) {
        return new ExplanationTarget(network, input, List.of(), 0L);
    }
}
