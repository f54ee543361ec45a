package io.auscult.audio;

import java.nio.file.Path;

/**
 * The facts of a WAV file, read from its header alone.
 *
 * @param file          the file
 * @param sampleRate    frames per second
 * @param channels      interleaved channels per frame
 * @param frames        number of complete frames in the data chunk
 * @param bitsPerSample container size (wBitsPerSample)
 * @param encoding      how samples are stored
 * @param dataOffset    byte offset of the first sample
 * @param fileSize      size of the file in bytes when it was read
 */
public record WavInfo(Path file, int sampleRate, int channels, long frames, int bitsPerSample,
                      SampleEncoding encoding, long dataOffset, long fileSize) {

    public double durationSeconds() {
        return frames / (double) sampleRate;
    }

    public int blockAlign() {
        return channels * encoding.bytesPerSample();
    }
}
