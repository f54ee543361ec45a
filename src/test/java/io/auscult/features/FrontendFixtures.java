package io.auscult.features;

import io.auscult.audio.AudioClip;
import io.auscult.audio.AudioFormatException;
import io.auscult.audio.WavReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the front-end fixtures in ../shared/fixtures/frontend (see its README). */
final class FrontendFixtures {

    static final Path DIR = Path.of("..", "shared", "fixtures", "frontend");

    private FrontendFixtures() {
    }

    /** A numeric CSV without its header row, as rows of doubles. */
    static double[][] csv(String name) {
        try {
            List<String> lines = Files.readAllLines(DIR.resolve(name));
            double[][] rows = new double[lines.size() - 1][];
            for (int r = 1; r < lines.size(); r++) {
                String[] cells = lines.get(r).split(",", -1);
                double[] row = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    row[c] = Double.parseDouble(cells[c]);
                }
                rows[r - 1] = row;
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One column of a CSV. */
    static double[] column(String name, int column) {
        double[][] rows = csv(name);
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r][column];
        }
        return out;
    }

    static AudioClip wav(String name) {
        try {
            return WavReader.read(DIR.resolve(name));
        } catch (AudioFormatException e) {
            throw new IllegalStateException("fixture WAV unreadable: " + e.getMessage(), e);
        }
    }

    /** The expected log-mel of a case, frames x 128, as float like the Java output. */
    static Spectrogram referenceLogMel(String caseName) {
        double[][] rows = csv(caseName + ".logmel.csv");
        int mels = rows[0].length;
        float[] v = new float[rows.length * mels];
        for (int t = 0; t < rows.length; t++) {
            for (int m = 0; m < mels; m++) {
                v[t * mels + m] = (float) rows[t][m];
            }
        }
        return new Spectrogram(v, rows.length, mels, 512, 16000,
                MelFilterBank.of(FeatureSpec.DCASE).bandCentresHz());
    }
}
