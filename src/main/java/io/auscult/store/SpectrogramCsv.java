package io.auscult.store;

import io.auscult.engine.AtomicFile;
import io.auscult.features.Spectrogram;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A spectrogram as CSV: one header row {@code m0,m1,...}, then one row per frame with one
 * column per mel band, low bands first — the layout of the reference fixtures. Values are
 * printed as the shortest decimal that reads back to the same float, so nothing is lost.
 */
public final class SpectrogramCsv {

    private SpectrogramCsv() {
    }

    public static void write(Spectrogram s, Path target) throws IOException {
        AtomicFile.write(target, out -> write(s, out));
    }

    public static void write(Spectrogram s, OutputStream out) throws IOException {
        Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.US_ASCII);
        write(s, w);
        w.flush();
    }

    public static void write(Spectrogram s, Writer w) throws IOException {
        StringBuilder line = new StringBuilder(16 * s.mels());
        for (int m = 0; m < s.mels(); m++) {
            line.append(m == 0 ? "m" : ",m").append(m);
        }
        w.write(line.append('\n').toString());
        for (int f = 0; f < s.frames(); f++) {
            line.setLength(0);
            for (int m = 0; m < s.mels(); m++) {
                if (m > 0) {
                    line.append(',');
                }
                line.append(s.get(f, m));
            }
            w.write(line.append('\n').toString());
        }
    }
}
