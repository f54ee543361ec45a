package io.auscult.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.auscult.audio.WavWriter;

/** Builds dataset trees of tiny WAV files (100 samples) for scanner tests. */
final class TinyWavs {

    static final int SAMPLES = 100;
    static final int RATE = 16_000;

    private TinyWavs() {
    }

    /** Writes a 100-sample 16-kHz PCM file at {@code root/relative} and returns its absolute path. */
    static Path put(Path root, String relative) {
        return put(root, relative, RATE);
    }

    static Path put(Path root, String relative, int sampleRate) {
        Path file = root.resolve(relative).toAbsolutePath().normalize();
        float[] samples = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            samples[i] = (float) (0.1 * Math.sin(i * 0.3));
        }
        try {
            Files.createDirectories(file.getParent());
            WavWriter.writePcm16(file, samples, sampleRate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes a text file (a read-me, a mask, a list...). */
    static Path text(Path root, String relative, String content) {
        Path file = root.resolve(relative).toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
