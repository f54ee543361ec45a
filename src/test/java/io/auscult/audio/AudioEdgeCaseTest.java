package io.auscult.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input of DESIGN.md's list that is not a damaged file: what each one gives. */
class AudioEdgeCaseTest {

    private static final Path FRONTEND = Path.of("../shared/fixtures/frontend");

    @TempDir
    Path dir;

    @Test
    void zeroLengthFileIsRefusedAsEmpty() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.wav"));

        assertThatThrownBy(() -> AudioLoader.load(empty, ChannelChoice.MEAN, 16000))
                .isInstanceOf(AudioFormatException.class)
                .hasMessage(empty + ": is empty (0 bytes)");
    }

    @Test
    void silentFileDecodesAndIsReportedSilent() throws Exception {
        AudioClip clip = WavReader.read(FRONTEND.resolve("case3_silence_1s_float32.wav"));

        assertThat(clip.length()).isEqualTo(16000);
        assertThat(SignalLevel.isSilent(clip.samples())).isTrue();
        assertThat(SignalLevel.measure(clip.samples()).warnings()).containsExactly("is silent: every sample is zero");
    }

    @Test
    void fileShorterThanOneFftFrameDecodesWhole() throws Exception {
        // 300 samples < n_fft 1024: decoding is fine; the front end pads it to one frame.
        AudioClip clip = AudioLoader.load(FRONTEND.resolve("case4_short300_float32.wav"), ChannelChoice.MEAN, 16000);

        assertThat(clip.length()).isEqualTo(300);
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(SignalLevel.measure(clip.samples()).warnings()).isEmpty();
    }

    @Test
    void fileAtAnotherRateDecodesAtItsOwnRateAndLoadsAtTheTargetRate() throws Exception {
        Path file = WavFixtures.path("ok_rate_22050.wav");

        AudioClip decoded = WavReader.read(file);
        AudioClip loaded = AudioLoader.load(file, ChannelChoice.MEAN, 16000);

        assertThat(decoded.sampleRate()).isEqualTo(22050);
        assertThat(decoded.length()).isEqualTo(5512);
        assertThat(loaded.sampleRate()).isEqualTo(16000);
        assertThat(loaded.length()).isEqualTo(4000);
        assertThat(loaded.durationSeconds()).isCloseTo(decoded.durationSeconds(), within(1 / 16000.0));
    }

    @Test
    void singleSampleFileDecodesToOneSample() throws Exception {
        Path one = dir.resolve("one.wav");
        WavWriter.writePcm16(one, new float[] {0.25f}, 16000);

        AudioClip clip = AudioLoader.load(one, ChannelChoice.MEAN, 44100);

        assertThat(WavReader.read(one).samples()).containsExactly(0.25f);
        assertThat(clip.length()).isEqualTo(3); // ceil(44100 / 16000)
    }
}
