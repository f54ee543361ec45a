package io.auscult.data.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads back what a synthetic dataset's {@code manifest.json} says about its anomalies, so
 * that tools can show the ground truth (kind, time, frequency, strength) next to a clip.
 */
public final class SynthManifestReader {

    private SynthManifestReader() {
    }

    /**
     * The anomaly of every anomalous clip, keyed by the WAV's path relative to the dataset
     * root (with '/' separators), in manifest order. Empty when the folder has no manifest.
     */
    public static Map<String, AnomalyEvent> anomalies(Path datasetRoot) throws IOException {
        Path file = datasetRoot.resolve(SynthManifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a readable manifest (" + e.getMessage() + ")", e);
        }
        Map<String, AnomalyEvent> out = new LinkedHashMap<>();
        for (JsonNode entry : root.path("files")) {
            JsonNode a = entry.path("anomaly");
            if (a.isMissingNode() || a.isNull()) {
                continue;
            }
            Optional<AnomalyKind> kind = AnomalyKind.parse(a.path("kind").asText());
            if (kind.isEmpty()) {
                throw new IOException(file + ": unknown anomaly kind '" + a.path("kind").asText() + "' for "
                        + entry.path("path").asText());
            }
            out.put(entry.path("path").asText(), new AnomalyEvent(kind.get(), a.path("startSeconds").asDouble(),
                    a.path("endSeconds").asDouble(), a.path("lowHz").asDouble(), a.path("highHz").asDouble(),
                    a.path("strength").asDouble()));
        }
        return out;
    }
}
