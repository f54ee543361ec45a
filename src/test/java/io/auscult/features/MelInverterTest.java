package io.auscult.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.auscult.audio.AudioClip;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MelInverterTest {

    private static final Spectrogram CASE1 = new LogMelExtractor(FeatureSpec.DCASE)
            .extract(FrontendFixtures.wav("case1_machine_10s_float32.wav"));

    /** |a - ref| in dB on the bins within 60 dB of their frame's loudest band, sorted. */
    private static double[] sortedErrorsNearTheTop(Spectrogram a, Spectrogram ref) {
        double[] errors = new double[ref.values().length];
        int n = 0;
        for (int t = 0; t < ref.frames(); t++) {
            float top = Float.NEGATIVE_INFINITY;
            for (int m = 0; m < ref.mels(); m++) {
                top = Math.max(top, ref.get(t, m));
            }
            for (int m = 0; m < ref.mels(); m++) {
                if (ref.get(t, m) >= top - 60) {
                    errors[n++] = Math.abs(a.get(t, m) - ref.get(t, m));
                }
            }
        }
        double[] sorted = Arrays.copyOf(errors, n);
        Arrays.sort(sorted);
        return sorted;
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    @Test
    void invertedAudioReproducesTheLogMelOfCase1Within02DbMedianAnd2DbP90() {
        // Measured (32 fast Griffin-Lim iterations, 200 NNLS iterations, seed 0): median 0.064 dB,
        // 90th percentile 0.96 dB over all 40,064 bins (all within 60 dB of their frame's top).
        float[] audio = new MelInverter(FeatureSpec.DCASE).invert(CASE1);
        assertThat(audio).hasSize(512 * 312);
        Spectrogram again = new LogMelExtractor(FeatureSpec.DCASE).extract(audio);
        assertThat(again.frames()).isEqualTo(313);

        double[] errors = sortedErrorsNearTheTop(again, CASE1);
        assertThat(errors.length).isGreaterThan(30_000);
        assertThat(quantile(errors, 0.5)).isLessThan(0.2);
        assertThat(quantile(errors, 0.9)).isLessThan(2.0);
    }

    @Test
    void griffinLimIterationsImproveOnTheRandomStartingPhase() {
        // Without iterations the random phase alone gives median 3.1 dB, p90 7.1 dB on case 1.
        MelInverter noIterations = new MelInverter(FeatureSpec.DCASE, GriffinLim.Options.DEFAULT.withIterations(0),
                MelInverter.DEFAULT_NNLS_ITERATIONS);
        Spectrogram again = new LogMelExtractor(FeatureSpec.DCASE).extract(noIterations.invert(CASE1));
        assertThat(quantile(sortedErrorsNearTheTop(again, CASE1), 0.5)).isGreaterThan(1.0);
    }

    @Test
    void linearPowerIsNonNegativeAndItsMelFitsTheTarget() {
        // Measured: median 0.0000 dB, p90 0.055 dB; the worst bins (up to 9 dB) are quiet bands
        // squeezed between loud harmonics, where no non-negative spectrum fits exactly.
        Spectrogram powerMel = LogMelExtractor.toPower(CASE1);
        PowerSpectrogram power = new MelInverter(FeatureSpec.DCASE).linearPower(powerMel);
        assertThat(power.frames()).isEqualTo(313);
        assertThat(power.bins()).isEqualTo(513);
        assertThat(Arrays.stream(power.values()).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);

        MelFilterBank bank = MelFilterBank.of(FeatureSpec.DCASE);
        float[] fitted = new float[CASE1.values().length];
        double[] mel = new double[128];
        for (int t = 0; t < 313; t++) {
            bank.apply(power.values(), t * 513, mel, 0);
            for (int m = 0; m < 128; m++) {
                fitted[t * 128 + m] = (float) LogMelExtractor.toDb(mel[m]);
            }
        }
        double[] errors = sortedErrorsNearTheTop(CASE1.withValues(fitted), CASE1);
        assertThat(quantile(errors, 0.5)).isLessThan(0.01);
        assertThat(quantile(errors, 0.9)).isLessThan(0.2);
    }

    @Test
    void aFlatSpectrumIsRecoveredExactly() {
        // The starting point spreads each band's power evenly: a flat spectrum is a fixed point.
        MelFilterBank bank = MelFilterBank.of(FeatureSpec.DCASE);
        double[] flat = new double[513];
        Arrays.fill(flat, 2.5);
        double[] mel = new double[128];
        bank.apply(flat, 0, mel, 0);
        float[] values = new float[128];
        for (int m = 0; m < 128; m++) {
            values[m] = (float) mel[m];
        }
        Spectrogram powerMel = new Spectrogram(values, 1, 128, 512, 16000, CASE1.bandCentresHz());
        PowerSpectrogram power = new MelInverter(FeatureSpec.DCASE).linearPower(powerMel);
        for (int k = 1; k < 512; k++) {
            assertThat(power.get(0, k)).isCloseTo(2.5, within(1e-5));
        }
        assertThat(power.get(0, 0)).isEqualTo(0.0);
        assertThat(power.get(0, 512)).isEqualTo(0.0);
    }

    @Test
    void inversionIsDeterministicAndGivesAClipAtTheSpecRate() {
        Spectrogram oneSecond = new LogMelExtractor(FeatureSpec.DCASE)
                .extract(FrontendFixtures.wav("case7_sweep_1s_float32.wav"));
        MelInverter inverter = new MelInverter(FeatureSpec.DCASE);
        AudioClip clip = inverter.invertToClip(oneSecond, "sweep (inverted)");
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.source()).isEqualTo("sweep (inverted)");
        assertThat(clip.samples()).containsExactly(new MelInverter(FeatureSpec.DCASE).invert(oneSecond));
    }

    @Test
    void aSpectrogramOfAnotherGridIsRefused() {
        Spectrogram other = new Spectrogram(new float[64], 1, 64, 512, 16000, new double[64]);
        assertThatThrownBy(() -> new MelInverter(FeatureSpec.DCASE).invert(other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 bands")
                .hasMessageContaining("128 bands");
    }
}
