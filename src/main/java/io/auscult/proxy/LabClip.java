package io.auscult.proxy;

import io.auscult.features.Spectrogram;

import java.nio.file.Path;

/**
 * One clip of the lab's data.
 *
 * @param path      the source file
 * @param group     machine type and id/section, e.g. {@code fan/id_00}: the classification label
 * @param classIndex index of {@code group} in {@link LabData#classes()}
 * @param role      training, validation (held-out normals for the proxy metric) or test
 * @param anomalous whether the clip is an anomaly (test clips only)
 * @param logMelDb  the log-mel in dB (front end only, not standardised)
 */
public record LabClip(Path path, String group, int classIndex, Role role, boolean anomalous, Spectrogram logMelDb) {

    /** What a clip is used for. */
    public enum Role {
        TRAIN, VALIDATION, TEST
    }
}
