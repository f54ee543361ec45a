package io.auscult.data.synth;

import java.util.Objects;

import io.auscult.features.Spectrogram;

/**
 * The ground-truth region of an anomaly on the log-mel grid: {@code cells[frame * mels + mel]}
 * is true where the anomaly changed the log-mel by at least {@value #THRESHOLD_DB} dB.
 * Time-major, low bands first: the layout of {@link Spectrogram}.
 *
 * <p>How it is made (see {@link MachineSoundSynthesizer}): the anomalous clip is rendered a
 * second time from the same random streams without the anomaly, both are quantised to 16 bits
 * and put through the same log-mel front end, and a bin is in the mask when
 * {@code |L_anomalous - L_normal| >= 3 dB}. Defined by effect rather than by design, it also
 * covers what an anomaly removes (a missing impact) or moves (a harmonic shift).
 *
 * <p>The array is not copied: treat it as read-only.
 */
public record AnomalyMask(boolean[] cells, int frames, int mels) {

    /** The log-mel change in dB from which a bin counts as anomalous. */
    public static final double THRESHOLD_DB = 3.0;

    public AnomalyMask {
        Objects.requireNonNull(cells, "cells");
        if (frames < 0 || mels <= 0 || (long) frames * mels != cells.length) {
            throw new IllegalArgumentException("mask has " + cells.length + " cells, not frames "
                    + frames + " x mels " + mels);
        }
    }

    /**
     * The mask between two log-mels (dB) of the same clip rendered without and with its
     * anomaly: bins where they differ by at least {@link #THRESHOLD_DB}.
     */
    public static AnomalyMask between(Spectrogram normal, Spectrogram anomalous) {
        if (normal.frames() != anomalous.frames() || normal.mels() != anomalous.mels()) {
            throw new IllegalArgumentException("log-mels differ in shape: " + normal.frames() + " x "
                    + normal.mels() + " and " + anomalous.frames() + " x " + anomalous.mels());
        }
        float[] a = normal.values();
        float[] b = anomalous.values();
        boolean[] cells = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            cells[i] = Math.abs((double) b[i] - a[i]) >= THRESHOLD_DB;
        }
        return new AnomalyMask(cells, normal.frames(), normal.mels());
    }

    public boolean get(int frame, int mel) {
        return cells[frame * mels + mel];
    }

    /** Number of bins in the mask. */
    public int count() {
        int n = 0;
        for (boolean c : cells) {
            if (c) {
                n++;
            }
        }
        return n;
    }

    /** Share of all bins that are in the mask, 0..1. */
    public double fraction() {
        return cells.length == 0 ? 0 : count() / (double) cells.length;
    }

    public boolean isEmpty() {
        for (boolean c : cells) {
            if (c) {
                return false;
            }
        }
        return true;
    }

    /** The first frame with a masked bin, or -1 if the mask is empty. */
    public int firstFrame() {
        for (int i = 0; i < cells.length; i++) {
            if (cells[i]) {
                return i / mels;
            }
        }
        return -1;
    }

    /** The last frame with a masked bin, or -1 if the mask is empty. */
    public int lastFrame() {
        for (int i = cells.length - 1; i >= 0; i--) {
            if (cells[i]) {
                return i / mels;
            }
        }
        return -1;
    }

    /** The mask as 0/1 floats, for {@link Spectrogram#withValues} and map arithmetic. */
    public float[] toFloats() {
        float[] f = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
            f[i] = cells[i] ? 1f : 0f;
        }
        return f;
    }
}
