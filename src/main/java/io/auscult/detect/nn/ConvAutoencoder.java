package io.auscult.detect.nn;

import java.io.IOException;
import java.io.InputStream;

/**
 * The convolutional autoencoder (DESIGN.md, "Detectors"): encoder Conv2d k3 s2 p1 + batch norm +
 * ReLU per width (default 1 -> 32 -> 64 -> 128), decoder transposed convs back to one channel,
 * on standardised log-mels {@code (1, mels, frames)}. Fully convolutional: one pass scores a
 * recording of any length. Score = mean squared reconstruction error over the real bins.
 */
public final class ConvAutoencoder extends ConvBackboneNetwork {

    public static final String KIND = "ae";

    /**
     * @param weights   a backbone with one input channel
     * @param mels      the mel bands of its inputs (a multiple of 2^levels)
     * @param precision FLOAT in production, DOUBLE for exact checks
     */
    public ConvAutoencoder(ConvBackboneWeights weights, int mels, ConvPrecision precision) {
        super(requireOneChannel(weights), mels, precision, null);
    }

    private static ConvBackboneWeights requireOneChannel(ConvBackboneWeights weights) {
        if (weights.inputChannels() != 1) {
            throw new IllegalArgumentException("a conv autoencoder has 1 input channel, these weights have "
                    + weights.inputChannels() + " (a masked autoencoder's?)");
        }
        return weights;
    }

    /** Reads a network written by {@link #save}, to run in FLOAT. */
    public static ConvAutoencoder load(InputStream in) throws IOException {
        return load(in, ConvPrecision.FLOAT);
    }

    /** Reads a network written by {@link #save}; a damaged file or one of another kind is refused with the reason. */
    public static ConvAutoencoder load(InputStream in, ConvPrecision precision) throws IOException {
        ConvNetworkFile.Contents c = ConvNetworkFile.read(in, KIND);
        try {
            ConvAutoencoder network = new ConvAutoencoder(c.weights(), c.mels(), precision);
            if (c.bandScore() != null) {
                network.useBandScore(c.bandScore());
            }
            return network;
        } catch (IllegalArgumentException e) {
            throw new IOException("the conv network is inconsistent: " + e.getMessage(), e);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }
}
