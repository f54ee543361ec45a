package io.auscult.audio;

import java.nio.file.Path;

/**
 * Loads a recording ready for the front end: decoded, reduced to the chosen channel (or the
 * mean), and at the analysis sample rate, resampled with {@link Resampler} when the file has
 * another rate (what librosa's {@code load(path, sr=...)} does). The clip's source stays the
 * file's path, so a resampled clip still says where it came from.
 */
public final class AudioLoader {

    private AudioLoader() {
    }

    /**
     * @throws AudioFormatException     if the file cannot be read or decoded, or lacks the channel
     * @throws IllegalArgumentException if {@code targetRate} is not positive
     */
    public static AudioClip load(Path file, ChannelChoice channel, int targetRate) throws AudioFormatException {
        if (targetRate <= 0) {
            throw new IllegalArgumentException("target sample rate must be positive, was " + targetRate);
        }
        AudioClip clip = WavReader.read(file, channel);
        if (clip.sampleRate() == targetRate) {
            return clip;
        }
        float[] resampled = Resampler.resample(clip.samples(), clip.sampleRate(), targetRate);
        return new AudioClip(resampled, targetRate, clip.source(), clip.channel());
    }
}
