package io.auscult.detect.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a PyTorch state dict exported as JSON, the format of the model fixtures:
 * {@code {"name": {"shape": [...], "data": [...]}, ...}}, data row-major. This is how weights
 * trained in PyTorch come into Auscult's graphs (layouts are permuted when a graph is built).
 */
public final class ConvStateDictJson {

    private ConvStateDictJson() {
    }

    /** The backbone weights of a state-dict JSON file; the message of a refusal names the file. */
    public static ConvBackboneWeights readWeights(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ConvBackboneWeights.fromStateDict(read(in));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new IOException(file + ": not a conv autoencoder state dict: " + e.getMessage(), e);
        }
    }

    /** Every entry of a state-dict JSON document, in document order. */
    public static Map<String, ConvStateTensor> read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the document is not a JSON object");
        }
        Map<String, ConvStateTensor> dict = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode shapeNode = e.getValue().get("shape");
            JsonNode dataNode = e.getValue().get("data");
            if (shapeNode == null || !shapeNode.isArray() || dataNode == null || !dataNode.isArray()) {
                throw new IllegalArgumentException("entry " + e.getKey() + " needs arrays 'shape' and 'data'");
            }
            int[] shape = new int[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asInt();
            }
            double[] data = new double[dataNode.size()];
            for (int i = 0; i < data.length; i++) {
                JsonNode v = dataNode.get(i);
                if (!v.isNumber()) {
                    throw new IllegalArgumentException("entry " + e.getKey() + " has a non-number at " + i);
                }
                // Jackson parses with Double.parseDouble: shortest round-trip decimals come back exact.
                data[i] = v.asDouble();
            }
            dict.put(e.getKey(), new ConvStateTensor(shape, data));
        }
        return dict;
    }
}
