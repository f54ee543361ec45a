package io.auscult.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class AudioLoaderTest {

    @Test
    void fileAtTheTargetRateIsLoadedExactlyAsDecoded() throws Exception {
        Path file = WavFixtures.path("ok_pcm_s16_stereo.wav");

        AudioClip clip = AudioLoader.load(file, ChannelChoice.MEAN, 16000);

        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.samples()).containsExactly(WavReader.read(file).samples());
        assertThat(clip.source()).isEqualTo(file.toString());
    }

    @Test
    void fileAtAnotherRateIsResampledAndStillNamesItsSource() throws Exception {
        Path file = WavFixtures.path("ok_rate_44100.wav");

        AudioClip clip = AudioLoader.load(file, ChannelChoice.MEAN, 16000);

        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.length()).isEqualTo(4000);
        assertThat(clip.source()).isEqualTo(file.toString());
        assertThat(clip.channel()).isEqualTo(ChannelChoice.MEAN);
        assertThat(clip.samples()).containsExactly(Resampler.resample(WavReader.read(file).samples(), 44100, 16000));
    }

    @Test
    void chosenChannelIsKeptThroughResampling() throws Exception {
        Path file = WavFixtures.path("ok_pcm_s16_stereo.wav");

        AudioClip clip = AudioLoader.load(file, ChannelChoice.single(1), 8000);

        assertThat(clip.channel()).isEqualTo(ChannelChoice.single(1));
        assertThat(clip.sampleRate()).isEqualTo(8000);
        assertThat(clip.length()).isEqualTo(800);
        assertThat(clip.samples()).containsExactly(
                Resampler.resample(WavReader.read(file, ChannelChoice.single(1)).samples(), 16000, 8000));
    }

    @Test
    void missingChannelIsRefusedNamingTheChannelCount() {
        Path file = WavFixtures.path("ok_pcm_s16_stereo.wav");

        assertThatThrownBy(() -> AudioLoader.load(file, ChannelChoice.single(2), 16000))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("ok_pcm_s16_stereo.wav").hasMessageContaining("has 2 channels");
    }

    @Test
    void damagedFileIsRefusedAsByTheReader() {
        Path file = WavFixtures.path("err_data_truncated.wav");

        assertThatThrownBy(() -> AudioLoader.load(file, ChannelChoice.MEAN, 16000))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("truncated");
    }

    @Test
    void nonPositiveTargetRateIsRejected() {
        assertThatThrownBy(() -> AudioLoader.load(WavFixtures.path("ok_pcm_s16_mono.wav"), ChannelChoice.MEAN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
    }
}
