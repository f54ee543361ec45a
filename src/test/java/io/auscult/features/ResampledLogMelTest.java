package io.auscult.features;

import io.auscult.audio.AudioClip;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader and the front end together on a 44.1 kHz file: the log-mel after our resampler
 * must match librosa's soxr_hq path to 0.05 dB on bins above -60 dB, frames 1..30 (the
 * fixture README's tolerance for "a different good resampler"; first and last frames differ
 * by design between resamplers).
 */
class ResampledLogMelTest {

    @Test
    void logMelOfAResampled44kSineMatchesSoxrHqWithinFiveHundredthsOfADb() throws Exception {
        AudioClip clip = AudioLoader.load(FrontendFixtures.DIR.resolve("resample_sine1k_44100_float32.wav"),
                ChannelChoice.MEAN, 16_000);
        assertThat(clip.sampleRate()).isEqualTo(16_000);
        assertThat(clip.length()).isEqualTo(16_000);
        Spectrogram ours = new LogMelExtractor(FeatureSpec.DCASE).extract(clip);
        double[][] ref = FrontendFixtures.csv("resample_sine1k_44100_float32.soxr_hq_16000.logmel.csv");
        assertThat(ours.frames()).isEqualTo(ref.length).isEqualTo(32);
        double worst = 0;
        int compared = 0;
        for (int f = 1; f <= 30; f++) {
            for (int m = 0; m < 128; m++) {
                if (ref[f][m] > -60) {
                    worst = Math.max(worst, Math.abs(ours.get(f, m) - ref[f][m]));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(90); // 3 bands around 1 kHz in each of frames 1..30
        assertThat(worst).isLessThan(0.05);
    }
}
