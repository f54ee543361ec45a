package io.auscult.data.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.auscult.engine.AtomicFile;

/**
 * The mask file format, {@code NAME.mask.csv} beside {@code NAME.wav}: a header
 * {@code m0,m1,...,m127}, then one row per frame of 0/1 values, mel bands low first, lines
 * ending in {@code \n}. The same layout as the feature CSVs (rows = frames, columns = bands),
 * so a mask lines up with the log-mel of its clip cell by cell.
 */
public final class AnomalyMaskCsv {

    /** The suffix that replaces {@code .wav}. */
    public static final String SUFFIX = ".mask.csv";

    private AnomalyMaskCsv() {
    }

    /** The file's bytes. */
    public static byte[] toBytes(AnomalyMask mask) {
        StringBuilder header = new StringBuilder();
        for (int m = 0; m < mask.mels(); m++) {
            header.append(m == 0 ? "" : ",").append('m').append(m);
        }
        header.append('\n');
        byte[] head = header.toString().getBytes(StandardCharsets.US_ASCII);
        int rowBytes = 2 * mask.mels();
        byte[] out = new byte[head.length + mask.frames() * rowBytes];
        System.arraycopy(head, 0, out, 0, head.length);
        int o = head.length;
        for (int t = 0; t < mask.frames(); t++) {
            for (int m = 0; m < mask.mels(); m++) {
                out[o++] = (byte) (mask.get(t, m) ? '1' : '0');
                out[o++] = (byte) (m == mask.mels() - 1 ? '\n' : ',');
            }
        }
        return out;
    }

    /** Writes the mask atomically. */
    public static void write(Path file, AnomalyMask mask) throws IOException {
        byte[] bytes = toBytes(mask);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    /**
     * Reads a mask file.
     *
     * @throws MaskFormatException if it is missing, empty, or not a rectangle of 0/1 under an
     *                             {@code m0..mN} header (the message says where)
     */
    public static AnomalyMask read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new MaskFormatException(file, "no such file");
        }
        if (lines.isEmpty()) {
            throw new MaskFormatException(file, "empty file, expected a header m0,m1,...");
        }
        String[] header = lines.get(0).split(",", -1);
        for (int m = 0; m < header.length; m++) {
            if (!header[m].trim().equals("m" + m)) {
                throw new MaskFormatException(file, "header column " + (m + 1) + " is '" + header[m]
                        + "', expected 'm" + m + "'");
            }
        }
        int mels = header.length;
        int frames = lines.size() - 1;
        while (frames > 0 && lines.get(frames).isBlank()) {
            frames--;
        }
        boolean[] cells = new boolean[frames * mels];
        for (int t = 0; t < frames; t++) {
            String[] values = lines.get(t + 1).split(",", -1);
            if (values.length != mels) {
                throw new MaskFormatException(file, "row " + (t + 2) + " has " + values.length + " values, not "
                        + mels);
            }
            for (int m = 0; m < mels; m++) {
                String v = values[m].trim();
                if (v.equals("1")) {
                    cells[t * mels + m] = true;
                } else if (!v.equals("0")) {
                    throw new MaskFormatException(file, "row " + (t + 2) + ", column m" + m + " is '" + v
                            + "', expected 0 or 1");
                }
            }
        }
        return new AnomalyMask(cells, frames, mels);
    }

    /** The mask file beside a WAV: {@code a/b/NAME.wav} gives {@code a/b/NAME.mask.csv}. */
    public static Path besideWav(Path wav) {
        String name = wav.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".wav")
                ? name.substring(0, name.length() - 4) : name;
        return wav.resolveSibling(stem + SUFFIX);
    }
}
