package io.auscult.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Plays a clip, a part of it, or a part in a loop, through the default audio output
 * ({@code javax.sound}), on its own daemon thread. Where there is no output device (a server,
 * a container) {@link #play} throws {@link PlaybackUnavailableException} with a message for
 * the user instead of failing somewhere later.
 */
public final class ClipPlayer implements AutoCloseable {

    /** Thrown when no audio output can be opened; the message says why, for the user. */
    public static final class PlaybackUnavailableException extends Exception {
        public PlaybackUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private volatile Thread thread;
    private volatile SourceDataLine line;
    private volatile boolean stopRequested;
    private volatile double startSeconds;
    private volatile int sampleRate = 1;
    private volatile long loopOffsetFrames;

    /**
     * Starts playing {@code [fromSeconds, toSeconds)} of {@code clip} (clamped to the clip),
     * again and again when {@code loop}. Stops what was playing.
     */
    public synchronized void play(AudioClip clip, double fromSeconds, double toSeconds, boolean loop)
            throws PlaybackUnavailableException {
        stop();
        int from = (int) Math.max(0, Math.min(clip.length(), Math.round(fromSeconds * clip.sampleRate())));
        int to = (int) Math.max(from, Math.min(clip.length(), Math.round(toSeconds * clip.sampleRate())));
        if (to <= from) {
            return;
        }
        AudioFormat format = new AudioFormat(clip.sampleRate(), 16, 1, true, false);
        SourceDataLine l;
        try {
            l = AudioSystem.getSourceDataLine(format);
            l.open(format, clip.sampleRate() / 5 * 2);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new PlaybackUnavailableException("No audio output available on this computer ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        byte[] pcm = toPcm16(clip.samples(), from, to);
        line = l;
        sampleRate = clip.sampleRate();
        startSeconds = from / (double) clip.sampleRate();
        loopOffsetFrames = 0;
        stopRequested = false;
        Thread t = new Thread(() -> feed(l, pcm, loop), "auscult-playback");
        t.setDaemon(true);
        thread = t;
        l.start();
        t.start();
    }

    private void feed(SourceDataLine l, byte[] pcm, boolean loop) {
        try {
            do {
                long before = l.getLongFramePosition();
                loopOffsetFrames = before;
                int off = 0;
                while (off < pcm.length && !stopRequested) {
                    int n = Math.min(4096, pcm.length - off);
                    off += l.write(pcm, off, n);
                }
            } while (loop && !stopRequested);
            if (!stopRequested) {
                l.drain();
            }
        } finally {
            l.stop();
            l.close();
            if (line == l) {
                line = null;
            }
        }
    }

    /** Where playback is now, in seconds of the clip; NaN when nothing plays. */
    public double positionSeconds() {
        SourceDataLine l = line;
        if (l == null) {
            return Double.NaN;
        }
        return startSeconds + (l.getLongFramePosition() - loopOffsetFrames) / (double) sampleRate;
    }

    public boolean isPlaying() {
        return line != null;
    }

    /** Stops playback (returns at once; the line closes on the playback thread). */
    public synchronized void stop() {
        stopRequested = true;
        SourceDataLine l = line;
        if (l != null) {
            l.flush();
        }
        line = null;
    }

    @Override
    public void close() {
        stop();
    }

    static byte[] toPcm16(float[] samples, int from, int to) {
        byte[] out = new byte[(to - from) * 2];
        for (int i = from; i < to; i++) {
            int v = (int) Math.round(Math.max(-1f, Math.min(1f, samples[i])) * 32767);
            out[(i - from) * 2] = (byte) v;
            out[(i - from) * 2 + 1] = (byte) (v >> 8);
        }
        return out;
    }
}
