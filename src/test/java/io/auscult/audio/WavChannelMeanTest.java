package io.auscult.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Channel means and channel picks for layouts the fixtures do not have (three channels, so
 * the divisor is not a power of two; every integer width): the float nearest the exact mean.
 */
class WavChannelMeanTest {

    private static final int CHANNELS = 3;
    private static final int FRAMES = 2000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "tag {0}, {1} bits")
    @CsvSource({"1, 8", "1, 16", "1, 24", "1, 32", "3, 32", "3, 64"})
    void threeChannelMeanIsTheFloatNearestTheExactMeanAndPicksAreExact(int tag, int bits) throws Exception {
        SplittableRandom random = new SplittableRandom(bits * 31L + tag);
        int bytes = bits / 8;
        double[][] value = new double[FRAMES][CHANNELS];
        ByteBuffer data = ByteBuffer.allocate(FRAMES * CHANNELS * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < FRAMES; f++) {
            for (int c = 0; c < CHANNELS; c++) {
                value[f][c] = put(data, tag, bits, random);
            }
        }
        Path file = dir.resolve("three.wav");
        Files.write(file, wav(tag, bits, data.array()));

        float[] mean = WavReader.read(file).samples();
        for (int f = 0; f < FRAMES; f++) {
            // The sum of three values of <= 32 bits (or three float32s) is exact in double and
            // the one division rounds once; float64 sources get the same left-to-right sum.
            double exact = (value[f][0] + value[f][1] + value[f][2]) / 3;
            assertThat(mean[f]).as("frame %d", f).isEqualTo((float) exact);
        }
        for (int c = 0; c < CHANNELS; c++) {
            float[] one = WavReader.read(file, ChannelChoice.single(c)).samples();
            for (int f = 0; f < FRAMES; f++) {
                assertThat(one[f]).as("channel %d frame %d", c, f).isEqualTo((float) value[f][c]);
            }
        }
    }

    /** Writes one random sample and returns its value as libsndfile scales it. */
    private static double put(ByteBuffer b, int tag, int bits, SplittableRandom r) {
        if (tag == 3) {
            if (bits == 32) {
                float v = (float) r.nextDouble(-1, 1);
                b.putFloat(v);
                return v;
            }
            double v = r.nextDouble(-1, 1);
            b.putDouble(v);
            return v;
        }
        return switch (bits) {
            case 8 -> {
                int u = r.nextInt(256);
                b.put((byte) u);
                yield (u - 128) / 128.0;
            }
            case 16 -> {
                int v = r.nextInt(-32768, 32768);
                b.putShort((short) v);
                yield v / 32768.0;
            }
            case 24 -> {
                int v = r.nextInt(-8388608, 8388608);
                b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
                yield v / 8388608.0;
            }
            default -> {
                int v = r.nextInt();
                b.putInt(v);
                yield v / 2147483648.0;
            }
        };
    }

    private static byte[] wav(int tag, int bits, byte[] data) {
        int blockAlign = CHANNELS * bits / 8;
        ByteBuffer h = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) tag).putShort((short) CHANNELS).putInt(16000)
                .putInt(16000 * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        h.put("data".getBytes()).putInt(data.length).put(data);
        return h.array();
    }
}
