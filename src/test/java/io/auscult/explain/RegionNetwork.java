package io.auscult.explain;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.ScoreGradient;
import io.auscult.features.Spectrogram;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written detector whose score depends on one region only: it reconstructs every bin
 * outside the region perfectly and every bin inside it as 0, so {@code s(x) = sum over the
 * region of x^2 / N} and {@code ds/dx = 2x/N} inside the region, 0 outside. Values a test can
 * write down, in double.
 */
final class RegionNetwork implements ReconstructionNetwork {

    private final int mels;
    private final int melFrom;
    private final int melTo;
    private final int frameFrom;
    private final int frameTo;

    /** The region is mels [melFrom, melTo) x frames [frameFrom, frameTo). */
    RegionNetwork(int mels, int melFrom, int melTo, int frameFrom, int frameTo) {
        this.mels = mels;
        this.melFrom = melFrom;
        this.melTo = melTo;
        this.frameFrom = frameFrom;
        this.frameTo = frameTo;
    }

    boolean inRegion(int index) {
        int f = index / mels;
        int m = index % mels;
        return m >= melFrom && m < melTo && f >= frameFrom && f < frameTo;
    }

    @Override
    public String kind() {
        return "ae";
    }

    @Override
    public int mels() {
        return mels;
    }

    @Override
    public List<Reconstruction> reconstruct(List<Spectrogram> inputs) {
        List<Reconstruction> out = new ArrayList<>();
        for (Spectrogram x : inputs) {
            float[] v = x.values();
            float[] r = new float[v.length];
            float[] e = new float[v.length];
            double sum = 0;
            for (int i = 0; i < v.length; i++) {
                r[i] = inRegion(i) ? 0 : v[i];
                double d = (double) v[i] - r[i];
                e[i] = (float) (d * d);
                sum += d * d;
            }
            out.add(new Reconstruction(x.withValues(r), x.withValues(e), sum / v.length));
        }
        return out;
    }

    @Override
    public List<ScoreGradient> scoreGradients(List<Spectrogram> inputs) {
        List<ScoreGradient> out = new ArrayList<>();
        for (Spectrogram x : inputs) {
            float[] v = x.values();
            float[] g = new float[v.length];
            double sum = 0;
            for (int i = 0; i < v.length; i++) {
                if (inRegion(i)) {
                    g[i] = (float) (2.0 * v[i] / v.length);
                    sum += (double) v[i] * v[i];
                }
            }
            out.add(new ScoreGradient(sum / v.length, x.withValues(g)));
        }
        return out;
    }

    @Override
    public void save(OutputStream out) {
        throw new UnsupportedOperationException("a test network");
    }

    @Override
    public void close() {
    }
}
