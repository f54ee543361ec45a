package io.auscult.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The domain of each clip of a dataset made by Auscult's synthesiser. Its DCASE 2020 file names
 * cannot say whether a clip is in the source or the target domain, so the generator writes it
 * into {@code manifest.json}; reading it back lets the evaluation report AUC per domain.
 */
final class ManifestDomains {

    static final String FILE_NAME = "manifest.json";
    private static final String GENERATOR = "auscult-synth";

    private ManifestDomains() {
    }

    /**
     * Absolute, normalised WAV path to domain, for every file the manifest lists with a known
     * domain. Empty when the folder has no manifest or another tool's; a manifest that cannot be
     * read is treated as absent, because it only adds labels the file names do not carry.
     */
    static Map<Path, Domain> of(Path root) {
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
        Map<Path, Domain> out = new HashMap<>();
        Path base = root.toAbsolutePath().normalize();
        for (JsonNode entry : manifest.path("files")) {
            String path = entry.path("path").asText("");
            Optional<Domain> domain = Domain.parse(entry.path("domain").asText(""));
            if (!path.isEmpty() && domain.isPresent() && domain.get() != Domain.UNKNOWN) {
                out.put(base.resolve(path).normalize(), domain.get());
            }
        }
        return out;
    }
}
