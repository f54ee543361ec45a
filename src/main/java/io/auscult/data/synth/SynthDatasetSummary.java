package io.auscult.data.synth;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link SynthDatasetWriter} wrote.
 *
 * @param root             the dataset folder
 * @param manifest         its manifest.json
 * @param clips            WAV files written
 * @param normalClips      of which normal
 * @param anomalousClips   of which anomalous (each with a mask file)
 * @param bytes            bytes written (WAVs, masks, manifest)
 * @param anomaliesByKind  anomalous clips per kind (kinds without clips are absent)
 */
public record SynthDatasetSummary(Path root, Path manifest, int clips, int normalClips, int anomalousClips,
                                  long bytes, Map<AnomalyKind, Integer> anomaliesByKind) {

    public SynthDatasetSummary {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(manifest, "manifest");
        anomaliesByKind = anomaliesByKind.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(anomaliesByKind));
    }
}
