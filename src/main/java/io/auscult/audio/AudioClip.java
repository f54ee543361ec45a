package io.auscult.audio;

import java.util.Objects;

/**
 * A mono recording ready for analysis: float samples in [-1, 1] (integer sources are
 * scaled as libsndfile does; float sources are kept as stored), its sample rate, where it
 * came from, and which channel(s) of the source it holds.
 *
 * <p>The sample array is not copied: treat it as read-only.
 */
public record AudioClip(float[] samples, int sampleRate, String source, ChannelChoice channel) {

    public AudioClip {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(channel, "channel");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
    }

    /** A clip made in memory (synthesised or derived), not read from a file. */
    public static AudioClip of(float[] samples, int sampleRate, String source) {
        return new AudioClip(samples, sampleRate, source, ChannelChoice.MEAN);
    }

    public int length() {
        return samples.length;
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
