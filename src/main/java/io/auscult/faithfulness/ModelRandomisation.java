package io.auscult.faithfulness;

import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvBackboneNetwork;
import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.detect.nn.ConvLayerWeights;
import io.auscult.detect.nn.DenseAutoencoder;
import io.auscult.detect.nn.DenseAutoencoderWeights;
import io.auscult.detect.nn.DenseLayer;
import io.auscult.detect.nn.MaskedAutoencoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies of a detector's network with layers re-drawn, cascading from the output layer: step 0
 * re-draws the last decoder layer, step 1 also the one before it, and so on down to the first
 * encoder layer (Adebayo et al., "Sanity checks for saliency maps", cascading randomisation).
 * The copy has the original's kind, grid, masking and precision, and must be closed.
 */
public final class ModelRandomisation {

    private ModelRandomisation() {
    }

    /**
     * The layers in cascade order, output side first: {@code decL .. dec1, encL .. enc1} for the
     * conv AE and the MAE, {@code layerN .. layer1} for the dense AE.
     */
    public static List<String> cascade(ReconstructionNetwork network) {
        List<String> names = new ArrayList<>();
        if (network instanceof ConvBackboneNetwork conv) {
            int levels = conv.weights().levels();
            for (int l = levels; l >= 1; l--) {
                names.add("dec" + l);
            }
            for (int l = levels; l >= 1; l--) {
                names.add("enc" + l);
            }
        } else if (network instanceof DenseAutoencoder dense) {
            for (int l = dense.weights().layers().size(); l >= 1; l--) {
                names.add("layer" + l);
            }
        } else {
            throw new IllegalArgumentException("no randomisation for a " + network.kind() + " network of type "
                    + network.getClass().getSimpleName());
        }
        return names;
    }

    /**
     * The network with the first {@code steps} layers of {@link #cascade} re-drawn.
     *
     * @param steps 1..number of layers
     */
    public static ReconstructionNetwork randomised(ReconstructionNetwork network, int steps, LayerDraw draw) {
        List<String> cascade = cascade(network);
        if (steps < 1 || steps > cascade.size()) {
            throw new IllegalArgumentException("a cascade of " + cascade.size() + " layers has no step " + steps);
        }
        List<String> redrawn = cascade.subList(0, steps);
        if (network instanceof ConvBackboneNetwork conv) {
            ConvBackboneWeights w = conv.weights();
            List<ConvLayerWeights> enc = redraw(w.encoder(), "enc", redrawn, draw);
            List<ConvLayerWeights> dec = redraw(w.decoder(), "dec", redrawn, draw);
            ConvBackboneWeights nw = new ConvBackboneWeights(enc, dec);
            ConvBackboneNetwork copy = conv instanceof MaskedAutoencoder mae
                    ? new MaskedAutoencoder(nw, mae.mels(), mae.masking(), mae.precision())
                    : new ConvAutoencoder(nw, conv.mels(), conv.precision());
            copy.setBatchBinLimit(conv.batchBinLimit());
            return copy;
        }
        DenseAutoencoder dense = (DenseAutoencoder) network;
        DenseAutoencoderWeights w = dense.weights();
        List<DenseLayer> layers = new ArrayList<>(w.layers());
        for (int l = 0; l < layers.size(); l++) {
            String name = "layer" + (l + 1);
            if (redrawn.contains(name)) {
                layers.set(l, draw.redraw(name, layers.get(l)));
            }
        }
        return DenseAutoencoder.of(new DenseAutoencoderWeights(w.mels(), w.contextFrames(), layers));
    }

    private static List<ConvLayerWeights> redraw(List<ConvLayerWeights> layers, String prefix, List<String> redrawn,
                                                 LayerDraw draw) {
        List<ConvLayerWeights> out = new ArrayList<>(layers);
        for (int l = 0; l < out.size(); l++) {
            String name = prefix + (l + 1);
            if (redrawn.contains(name)) {
                out.set(l, draw.redraw(name, out.get(l)));
            }
        }
        return out;
    }
}
