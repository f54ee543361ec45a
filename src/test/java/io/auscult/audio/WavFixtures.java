package io.auscult.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The WAV decoding fixtures in ../shared/fixtures/wav (see its README). */
final class WavFixtures {

    static final Path DIR = Path.of("../shared/fixtures/wav");

    private WavFixtures() {
    }

    /** One row of expect.csv; the facts are 0 / empty for {@code error} rows. */
    record Row(String file, String expect, int sampleRate, int channels, long frames, int bits,
               String encoding, String what) {

        Path path() {
            return DIR.resolve(file);
        }

        /** The file name without ".wav", the prefix of its CSVs. */
        String stem() {
            return file.substring(0, file.length() - ".wav".length());
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static List<Row> rows() {
        return lines(DIR.resolve("expect.csv")).stream()
                .skip(1)
                .filter(line -> !line.isBlank())
                .map(WavFixtures::parseRow)
                .toList();
    }

    static List<Row> rows(String expect) {
        return rows().stream().filter(r -> r.expect().equals(expect)).toList();
    }

    static Row row(String file) {
        return rows().stream().filter(r -> r.file().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fixture row " + file));
    }

    static Path path(String file) {
        return DIR.resolve(file);
    }

    /** A one-column CSV with a header row: the values as doubles, exactly as printed. */
    static double[] column(String csvName) {
        List<String> lines = lines(DIR.resolve(csvName));
        return lines.stream().skip(1).filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).toArray();
    }

    static boolean exists(String name) {
        return Files.exists(DIR.resolve(name));
    }

    private static Row parseRow(String line) {
        // No field contains a comma or a quote (README), so a plain split is safe; keep
        // trailing empty fields with limit -1.
        String[] f = line.split(",", -1);
        return new Row(f[0], f[1], intOrZero(f[2]), intOrZero(f[3]), f[4].isEmpty() ? 0 : Long.parseLong(f[4]),
                intOrZero(f[5]), f[6], f[7]);
    }

    private static int intOrZero(String s) {
        return s.isEmpty() ? 0 : Integer.parseInt(s);
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
