package io.auscult.detect.nn;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The masked autoencoder (DESIGN.md, "Detectors"): the conv AE's backbone with two input
 * channels, the input with hidden bins set to 0 and the mask (1 = hidden), trained to inpaint.
 * At inference the K complementary groups of {@link MaeMasking} are each hidden in one pass (the
 * K passes run as one batch); each bin's reconstruction comes from the pass where it was hidden,
 * so no region can copy itself through. Score = mean squared error of that combined
 * reconstruction over the real bins; its gradient runs through all K passes.
 */
public final class MaskedAutoencoder extends ConvBackboneNetwork {

    public static final String KIND = "mae";

    private final MaeMasking masking;

    /**
     * @param weights   a backbone with two input channels
     * @param mels      the mel bands of its inputs (a multiple of 2^levels)
     * @param masking   the patches and groups it was trained with
     * @param precision FLOAT in production, DOUBLE for exact checks
     */
    public MaskedAutoencoder(ConvBackboneWeights weights, int mels, MaeMasking masking, ConvPrecision precision) {
        super(requireTwoChannels(weights), mels, precision, Objects.requireNonNull(masking, "masking"));
        this.masking = masking;
    }

    private static ConvBackboneWeights requireTwoChannels(ConvBackboneWeights weights) {
        if (weights.inputChannels() != 2) {
            throw new IllegalArgumentException("a masked autoencoder has 2 input channels (masked input, mask), "
                    + "these weights have " + weights.inputChannels());
        }
        return weights;
    }

    /** Reads a network written by {@link #save}, to run in FLOAT. */
    public static MaskedAutoencoder load(InputStream in) throws IOException {
        return load(in, ConvPrecision.FLOAT);
    }

    /** Reads a network written by {@link #save}; a damaged file or one of another kind is refused with the reason. */
    public static MaskedAutoencoder load(InputStream in, ConvPrecision precision) throws IOException {
        ConvNetworkFile.Contents c = ConvNetworkFile.read(in, KIND);
        try {
            MaskedAutoencoder network = new MaskedAutoencoder(c.weights(), c.mels(), c.masking(), precision);
            if (c.bandScore() != null) {
                network.useBandScore(c.bandScore());
            }
            return network;
        } catch (IllegalArgumentException e) {
            throw new IOException("the masked network is inconsistent: " + e.getMessage(), e);
        }
    }

    public MaeMasking masking() {
        return masking;
    }

    @Override
    public String kind() {
        return KIND;
    }
}
