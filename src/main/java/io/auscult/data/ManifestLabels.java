package io.auscult.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The domain and anomaly kind of each clip of a dataset made by Auscult's synthesiser. Its DCASE
 * 2020 file names cannot say whether a clip is in the source or the target domain, nor what its
 * anomaly is, so the generator writes both into {@code manifest.json}; reading them back lets the
 * evaluation report AUC per domain and per anomaly kind.
 */
final class ManifestLabels {

    static final String FILE_NAME = "manifest.json";
    private static final String GENERATOR = "auscult-synth";

    /**
     * What the manifest says of one clip.
     *
     * @param domain      source or target, or {@link Domain#UNKNOWN} when not listed
     * @param anomalyKind the anomaly's kind ({@code bearing_whine}...), or {@code null} for none
     */
    record Listed(Domain domain, String anomalyKind) {
    }

    private ManifestLabels() {
    }

    /**
     * Absolute, normalised WAV path to what the manifest says of it, for every file it lists.
     * Empty when the folder has no manifest or another tool's; a manifest that cannot be
     * read is treated as absent, because it only adds labels the file names do not carry.
     */
    static Map<Path, Listed> of(Path root) {
        Path file = root.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            return Map.of();
        }
        if (!GENERATOR.equals(manifest.path("generator").path("name").asText())) {
            return Map.of();
        }
        Map<Path, Listed> out = new HashMap<>();
        Path base = root.toAbsolutePath().normalize();
        for (JsonNode entry : manifest.path("files")) {
            String path = entry.path("path").asText("");
            Domain domain = Domain.parse(entry.path("domain").asText("")).orElse(Domain.UNKNOWN);
            String kind = entry.path("anomaly").path("kind").asText("").trim();
            if (!path.isEmpty() && (domain != Domain.UNKNOWN || !kind.isEmpty())) {
                out.put(base.resolve(path).normalize(), new Listed(domain, kind.isEmpty() ? null : kind));
            }
        }
        return out;
    }
}
