package io.auscult.detect;

import io.auscult.features.Spectrogram;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A stand-in network for tests of everything around the networks (files, scoring, commands):
 * it reconstructs x as gain * x, so its score is (1 - gain)^2 * mean(x^2) and its gradient
 * 2 (1 - gain)^2 x / n — values a test can write down.
 */
public class GainNetwork implements ReconstructionNetwork {

    public static final NetworkLoader LOADER = (kind, in) -> {
        DataInputStream data = new DataInputStream(in);
        return new GainNetwork(data.readDouble(), data.readInt());
    };

    private final double gain;
    private final int mels;
    private boolean closed;

    public GainNetwork(double gain, int mels) {
        this.gain = gain;
        this.mels = mels;
    }

    public boolean isClosed() {
        return closed;
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
        return inputs.stream().map(x -> {
            float[] r = new float[x.values().length];
            float[] e = new float[r.length];
            double sum = 0;
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) (gain * x.values()[i]);
                e[i] = (x.values()[i] - r[i]) * (x.values()[i] - r[i]);
                sum += e[i];
            }
            return new Reconstruction(x.withValues(r), x.withValues(e), sum / r.length);
        }).toList();
    }

    @Override
    public List<ScoreGradient> scoreGradients(List<Spectrogram> inputs) {
        double k = (1 - gain) * (1 - gain);
        return reconstruct(inputs).stream().map(rec -> {
            float[] x = rec.reconstruction().values();
            float[] g = new float[x.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (2 * k * (x[i] / gain) / g.length);
            }
            return new ScoreGradient(rec.score(), rec.reconstruction().withValues(g));
        }).toList();
    }

    @Override
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeDouble(gain);
        data.writeInt(mels);
        data.flush();
    }

    @Override
    public void close() {
        closed = true;
    }
}
