package io.auscult.bench;

import io.auscult.audio.WavReader;
import io.auscult.audio.WavWriter;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code audio.decode_mimii_10s}: decode a 10-s 8-channel 16-bit WAVE_FORMAT_EXTENSIBLE file
 * (a MIMII recording's shape) and mix it down to mono. The file is in the page cache after
 * warm-up, so this measures parsing and mixing, not the disk.
 */
final class MimiiDecodeBenchmark implements Benchmark {

    @Override
    public String name() {
        return "audio.decode_mimii_10s";
    }

    @Override
    public Unit unit() {
        return Unit.MS;
    }

    @Override
    public Trial setUp() throws Exception {
        Path dir = Files.createTempDirectory("auscult-bench-decode");
        Path file = dir.resolve("mimii_like_8ch_10s.wav");
        float[][] channels = new float[8][];
        for (int c = 0; c < 8; c++) {
            channels[c] = BenchSignals.machine(160_000, 16_000, 100 + c);
        }
        WavWriter.writePcm16(file, channels, 16_000);
        return new Trial() {
            @Override
            public long run() throws Exception {
                if (WavReader.read(file).length() != 160_000) {
                    throw new IllegalStateException("expected 160000 frames");
                }
                return 1;
            }

            @Override
            public void close() throws Exception {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        };
    }
}
