package io.auscult.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    @Test
    void float32RoundTripIsBitExactIncludingValuesOutsideFullScale() throws Exception {
        SplittableRandom random = new SplittableRandom(1L);
        float[] samples = new float[5000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (random.nextDouble(-1, 1));
        }
        samples[0] = 1.5f;
        samples[1] = -3f;
        samples[2] = Float.MIN_VALUE;
        samples[3] = -0.0f;
        Path file = dir.resolve("f32.wav");

        WavWriter.writeFloat32(file, samples, 22050);
        AudioClip back = WavReader.read(file);

        assertThat(back.sampleRate()).isEqualTo(22050);
        assertThat(back.samples()).hasSize(samples.length);
        for (int i = 0; i < samples.length; i++) {
            assertThat(Float.floatToRawIntBits(back.samples()[i])).as("sample " + i)
                    .isEqualTo(Float.floatToRawIntBits(samples[i]));
        }
    }

    @Test
    void pcm16RoundTripIsWithinHalfAStep() throws Exception {
        SplittableRandom random = new SplittableRandom(2L);
        float[] samples = new float[5000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) random.nextDouble(-1, 32767.0 / 32768);
        }
        Path file = dir.resolve("s16.wav");

        WavWriter.writePcm16(file, samples, 16000);
        float[] back = WavReader.read(file).samples();

        for (int i = 0; i < samples.length; i++) {
            assertThat((double) Math.abs(back[i] - samples[i])).as("sample " + i).isLessThanOrEqualTo(1.0 / 65536);
        }
    }

    @Test
    void pcm16RoundTripIsExactForEverySixteenBitValue() throws Exception {
        float[] samples = new float[65536];
        for (int k = -32768; k < 32768; k++) {
            samples[k + 32768] = k / 32768f;
        }
        Path file = dir.resolve("all.wav");

        WavWriter.writePcm16(file, samples, 16000);

        assertThat(WavReader.read(file).samples()).containsExactly(samples);
    }

    @Test
    void pcm16ClipsOutOfRangeValuesToFullScale() throws Exception {
        Path file = dir.resolve("clip.wav");

        WavWriter.writePcm16(file, new float[] {1f, 2f, -1f, -2f, Float.POSITIVE_INFINITY}, 16000);

        float top = 32767f / 32768;
        assertThat(WavReader.read(file).samples()).containsExactly(top, top, -1f, -1f, top);
    }

    @Test
    void headersStateTheFactsOfWhatWasWritten() throws Exception {
        Path pcm = dir.resolve("pcm.wav");
        Path flt = dir.resolve("float.wav");

        WavWriter.writePcm16(pcm, new float[1001], 44100);
        WavWriter.writeFloat32(flt, new float[1001], 8000);

        WavInfo p = WavReader.readInfo(pcm);
        assertThat(List.of(p.sampleRate(), p.channels(), p.bitsPerSample())).containsExactly(44100, 1, 16);
        assertThat(p.encoding()).isEqualTo(SampleEncoding.PCM_S16);
        assertThat(p.frames()).isEqualTo(1001);
        assertThat(p.dataOffset()).isEqualTo(44);
        assertThat(p.fileSize()).isEqualTo(44 + 2002);
        WavInfo f = WavReader.readInfo(flt);
        assertThat(List.of(f.sampleRate(), f.channels(), f.bitsPerSample())).containsExactly(8000, 1, 32);
        assertThat(f.encoding()).isEqualTo(SampleEncoding.FLOAT32);
        assertThat(f.frames()).isEqualTo(1001);
        assertThat(f.fileSize()).isEqualTo(44 + 4004);

        // The fields a reader does not check: RIFF size and byte rate.
        ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(pcm)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(h.getInt(4)).as("RIFF size").isEqualTo(36 + 2002);
        assertThat(h.getInt(28)).as("byte rate").isEqualTo(44100 * 2);
        assertThat(h.getShort(20)).as("format tag").isEqualTo((short) 1);
    }

    @Test
    void existingTargetIsReplacedAndNoTemporaryFileIsLeft() throws Exception {
        Path file = dir.resolve("out.wav");
        Files.writeString(file, "old content");

        WavWriter.writePcm16(file, new float[] {0.5f, -0.5f}, 16000);

        assertThat(WavReader.read(file).samples()).containsExactly(0.5f, -0.5f);
        assertThat(names(dir)).containsExactly("out.wav");
    }

    @Test
    void invalidCallLeavesTheTargetUntouched() throws Exception {
        Path file = dir.resolve("keep.wav");
        Files.writeString(file, "precious");

        assertThatThrownBy(() -> WavWriter.writeFloat32(file, new float[10], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");

        assertThat(Files.readString(file)).isEqualTo("precious");
        assertThat(names(dir)).containsExactly("keep.wav");
    }

    @Test
    void failedReplaceLeavesTheTargetAsItWasAndNoTemporaryFile() throws Exception {
        // A non-empty folder where the file should go: the final rename fails.
        Path target = Files.createDirectory(dir.resolve("busy.wav"));
        Files.writeString(target.resolve("inside.txt"), "mine");

        assertThatThrownBy(() -> WavWriter.writePcm16(target, new float[100], 16000)).isInstanceOf(IOException.class);

        assertThat(Files.readString(target.resolve("inside.txt"))).isEqualTo("mine");
        assertThat(names(dir)).containsExactly("busy.wav");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void multichannelPcm16IsWrittenAsExtensibleAndReadsBackPerChannelAndAsTheMean() throws Exception {
        Path target = dir.resolve("eight.wav");
        float[][] channels = new float[8][1000];
        for (int c = 0; c < 8; c++) {
            for (int i = 0; i < 1000; i++) {
                channels[c][i] = ((i * 37 + c * 1001) % 2000 - 1000) / 32768f;
            }
        }
        WavWriter.writePcm16(target, channels, 16000);
        WavInfo info = WavReader.readInfo(target);
        assertThat(info.channels()).isEqualTo(8);
        assertThat(info.frames()).isEqualTo(1000);
        assertThat(info.encoding()).isEqualTo(SampleEncoding.PCM_S16);
        assertThat(info.dataOffset()).isEqualTo(68); // 12 + (8 + 40) + 8: the extensible fmt chunk
        assertThat(WavReader.read(target, ChannelChoice.single(2)).samples()).containsExactly(channels[2]);
        float[] mean = WavReader.read(target).samples();
        for (int i = 0; i < 1000; i++) {
            double sum = 0;
            for (float[] c : channels) {
                sum += c[i];
            }
            assertThat(mean[i]).isEqualTo((float) (sum / 8));
        }
    }

    @Test
    void stereoStaysPlainPcmAndChannelsOfDifferentLengthsAreRefused() throws Exception {
        Path target = dir.resolve("stereo.wav");
        WavWriter.writePcm16(target, new float[][] {{0.5f, -0.5f}, {0.25f, 0f}}, 8000);
        assertThat(WavReader.readInfo(target).dataOffset()).isEqualTo(44);
        assertThat(WavReader.read(target).samples()).containsExactly(0.375f, -0.25f);
        assertThatThrownBy(() -> WavWriter.writePcm16(dir.resolve("x.wav"), new float[][] {{1}, {1, 2}}, 8000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ");
    }
}
