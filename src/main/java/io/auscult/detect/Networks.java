package io.auscult.detect;

import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.DenseAutoencoder;
import io.auscult.detect.nn.EmbeddingDistanceNetwork;
import io.auscult.detect.nn.MaskedAutoencoder;

/** Reads a saved network back by its kind: the loader model files use. */
public final class Networks {

    private Networks() {
    }

    public static final NetworkLoader LOADER = (kind, in) -> switch (kind) {
        case AE -> ConvAutoencoder.load(in);
        case MAE -> MaskedAutoencoder.load(in);
        case DENSE -> DenseAutoencoder.load(in);
        case MD -> EmbeddingDistanceNetwork.load(in);
    };
}
