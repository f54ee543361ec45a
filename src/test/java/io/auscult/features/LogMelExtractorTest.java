package io.auscult.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.auscult.audio.AudioClip;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogMelExtractorTest {

    /** Largest |Java - librosa| in dB over bins where the reference is above -90 dB. */
    static double maxErrorDb(Spectrogram actual, double[][] reference) {
        double worst = 0;
        for (int t = 0; t < reference.length; t++) {
            for (int m = 0; m < reference[t].length; m++) {
                if (reference[t][m] > -90) {
                    worst = Math.max(worst, Math.abs(actual.get(t, m) - reference[t][m]));
                }
            }
        }
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "case1_machine_10s_float32, 313",
        "case2_machine_10s_pcm16, 313",
        "case3_silence_1s_float32, 32",
        "case4_short300_float32, 1",
        "case5_impulse_1s_float32, 32",
        "case6_stereo_10s_float32, 313",
        "case7_sweep_1s_float32, 32",
    })
    void logMelMatchesLibrosaWithin1e3DbAboveMinus90Db(String caseName, int frames) {
        AudioClip clip = FrontendFixtures.wav(caseName + ".wav");
        double[][] reference = FrontendFixtures.csv(caseName + ".logmel.csv");
        Spectrogram s = new LogMelExtractor(FeatureSpec.DCASE).extract(clip);

        assertThat(s.frames()).isEqualTo(frames).isEqualTo(reference.length);
        assertThat(s.mels()).isEqualTo(128);
        assertThat(s.hop()).isEqualTo(512);
        assertThat(s.sampleRate()).isEqualTo(16000);
        assertThat(maxErrorDb(s, reference)).as(caseName).isLessThanOrEqualTo(1e-3);
    }

    @Test
    void silenceIsExactlyMinus100Db() {
        Spectrogram s = new LogMelExtractor(FeatureSpec.DCASE)
                .extract(FrontendFixtures.wav("case3_silence_1s_float32.wav"));
        assertThat(s.values()).hasSize(32 * 128).containsOnly(-100.0f);
    }

    @Test
    void impulseFramesAwayFromTheImpulseAreExactlyMinus100Db() {
        Spectrogram s = new LogMelExtractor(FeatureSpec.DCASE)
                .extract(FrontendFixtures.wav("case5_impulse_1s_float32.wav"));
        for (int t = 0; t < 32; t++) {
            for (int m = 0; m < 128; m++) {
                if (t == 15 || t == 16) {
                    assertThat(s.get(t, m)).isGreaterThan(-90f);
                } else {
                    assertThat(s.get(t, m)).as("frame %d band %d", t, m).isEqualTo(-100.0f);
                }
            }
        }
    }

    @Test
    void threeHundredSamplesGiveExactlyOneFrame() {
        Spectrogram s = new LogMelExtractor(FeatureSpec.DCASE)
                .extract(FrontendFixtures.wav("case4_short300_float32.wav"));
        assertThat(s.frames()).isEqualTo(1);
        assertThat(s.values()).hasSize(128);
    }

    @Test
    void bandCentresAreTheFilterBankPeaks() {
        Spectrogram s = new LogMelExtractor(FeatureSpec.DCASE).extract(new float[1000]);
        assertThat(s.bandCentresHz()).containsExactly(MelFilterBank.of(FeatureSpec.DCASE).bandCentresHz());
        assertThat(s.bandCentresHz()[0]).isCloseTo(23.3828, within(1e-4));
    }

    @Test
    void aClipAtAnotherRateIsRefusedNamingBothRates() {
        AudioClip clip = AudioClip.of(new float[4410], 44100, "pump.wav");
        assertThatThrownBy(() -> new LogMelExtractor(FeatureSpec.DCASE).extract(clip))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pump.wav").hasMessageContaining("44100").hasMessageContaining("16000");
    }

    @Test
    void noSamplesIsRefused() {
        LogMelExtractor extractor = new LogMelExtractor(FeatureSpec.DCASE);
        assertThatThrownBy(() -> extractor.extract(new float[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no samples");
        assertThatThrownBy(() -> extractor.extract(AudioClip.of(new float[0], 16000, "empty.wav")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty.wav").hasMessageContaining("no samples");
    }

    @Test
    void powerMelInDbEqualsTheLogMel() {
        SplittableRandom random = new SplittableRandom(1);
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.1 * random.nextGaussian());
        }
        x[100] = 0;
        LogMelExtractor extractor = new LogMelExtractor(FeatureSpec.DCASE);
        Spectrogram logMel = extractor.extract(x);
        Spectrogram power = extractor.powerMel(x);
        assertThat(power.frames()).isEqualTo(logMel.frames());
        // The power mel is stored as float: its dB differs from the double path by < 1e-5 dB.
        assertThat(LogMelExtractor.toDb(power).values()).containsExactly(logMel.values(), within(1e-5f));
        float[] back = LogMelExtractor.toPower(logMel).values();
        for (int i = 0; i < back.length; i++) {
            assertThat(power.values()[i]).isPositive();
            assertThat(back[i]).isCloseTo(power.values()[i], within(1e-5f * power.values()[i]));
        }
        assertThat(LogMelExtractor.toDb(0.0)).isEqualTo(-100.0);
        assertThat((float) LogMelExtractor.toDb(1e-12)).isEqualTo(-100.0f);
        assertThat(LogMelExtractor.toPower(-20.0)).isCloseTo(0.01, within(1e-15));
    }

    @Test
    void anExtractorCanBeReusedAndGivesTheSameResult() {
        LogMelExtractor extractor = new LogMelExtractor(FeatureSpec.DCASE);
        float[] a = FrontendFixtures.wav("case7_sweep_1s_float32.wav").samples();
        float[] first = extractor.extract(a).values();
        extractor.extract(new float[300]);
        assertThat(extractor.extract(a).values()).containsExactly(first);
    }

    @Test
    void otherSpecsWork() {
        FeatureSpec spec = new FeatureSpec(8000, 256, 128, 40, 50, 3500);
        Spectrogram s = new LogMelExtractor(spec).extract(new float[1000]);
        assertThat(s.frames()).isEqualTo(1 + 1000 / 128);
        assertThat(s.mels()).isEqualTo(40);
        assertThat(s.values()).containsOnly(-100.0f);
    }
}
