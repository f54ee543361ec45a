package io.auscult.proxy;

import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.features.Spectrogram;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A proxy model at one checkpoint, for evaluation: the embedding of whole clips and the task's
 * own output. Clips are cut to a multiple of 2^levels frames (at most 2^levels − 1 frames lost
 * at the end), so the pooled embedding sees only real frames.
 */
final class ProxyModel {

    /** Clips per forward pass: bounds native memory (8 ten-second clips, about 30 MB of activations). */
    static final int CHUNK = 8;

    private final ProxyGraph graph;
    private final int multiple;

    ProxyModel(ProxyGraph graph, int levels) {
        this.graph = graph;
        this.multiple = 1 << levels;
    }

    ProxyTaskKind kind() {
        return graph.kind();
    }

    /** The encoder's weights as they are now. */
    EncoderWeights encoderWeights() {
        return graph.encoderWeights();
    }

    /** A reconstruction model's whole network, as the detector's conv AE runs it. */
    ConvBackboneWeights autoencoderWeights() {
        return graph.autoencoderWeights();
    }

    int usableFrames(int frames) {
        int f = frames / multiple * multiple;
        if (f == 0) {
            throw new IllegalArgumentException("a clip of " + frames + " frames is shorter than the encoder's "
                    + multiple + "-frame stride");
        }
        return f;
    }

    /** Embeddings of standardised clips, one row each. */
    double[][] embed(List<Spectrogram> clips) {
        List<double[]> rows = forEachChunk(clips, ProxyGraph.EMBEDDING, (out, i) -> toDoubles(out.getRow(i)));
        return rows.toArray(double[][]::new);
    }

    /** The task output for each clip (reconstruction, mask, log-probabilities, projection), flat. */
    List<double[]> output(List<Spectrogram> clips) {
        return forEachChunk(clips, ProxyGraph.OUTPUT, (out, i) -> toDoubles(out.slice(i)));
    }

    /** Forward of a prepared NHWC batch: one named output. */
    INDArray forward(INDArray x, String output) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(ProxyGraph.X, x);
        return graph.output(ph, output).get(output);
    }

    private interface Reader {
        double[] read(INDArray out, int row);
    }

    private List<double[]> forEachChunk(List<Spectrogram> clips, String output, Reader reader) {
        Map<Integer, List<Integer>> byFrames = new LinkedHashMap<>();
        for (int i = 0; i < clips.size(); i++) {
            byFrames.computeIfAbsent(usableFrames(clips.get(i).frames()), f -> new ArrayList<>()).add(i);
        }
        double[][] result = new double[clips.size()][];
        for (Map.Entry<Integer, List<Integer>> e : byFrames.entrySet()) {
            List<Integer> idx = e.getValue();
            for (int from = 0; from < idx.size(); from += CHUNK) {
                List<Integer> chunk = idx.subList(from, Math.min(idx.size(), from + CHUNK));
                List<Spectrogram> batch = chunk.stream().map(clips::get).toList();
                INDArray x = Crops.clips(batch, e.getKey());
                INDArray out = forward(x, output);
                for (int c = 0; c < chunk.size(); c++) {
                    result[chunk.get(c)] = reader.read(out, c);
                }
                x.close();
            }
        }
        return List.of(result);
    }

    static double[] toDoubles(INDArray a) {
        return a.dup('c').data().asDouble();
    }
}
