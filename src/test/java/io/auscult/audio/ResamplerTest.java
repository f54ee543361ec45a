package io.auscult.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResamplerTest {

    @ParameterizedTest(name = "{0} samples {1} -> {2} Hz gives {3}")
    @CsvSource({
            "44100, 44100, 16000, 16000",
            "11025, 44100, 16000, 4000",
            "5512, 22050, 16000, 4000",   // 3999.7...
            "2000, 8000, 16000, 4000",
            "12000, 48000, 16000, 4000",
            "1, 44100, 16000, 1",
            "0, 44100, 16000, 0",
            "16000, 16000, 44100, 44100",
            "16001, 16000, 44100, 44103", // 44102.75...
            "7, 3, 2, 5"})                // 4.67 -> 5
    void outputLengthIsTheCeilingOfLengthTimesRatioAsSoxrGives(int n, int from, int to, int expected) {
        assertThat(Resampler.outputLength(n, from, to)).isEqualTo(expected);
        assertThat(Resampler.resample(new float[n], from, to)).hasSize(expected);
    }

    @Test
    void equalRatesReturnACopyWithTheSameContent() {
        float[] in = {0.5f, -0.25f, 1e-9f, -1f};

        float[] out = Resampler.resample(in, 16000, 16000);

        assertThat(out).containsExactly(in).isNotSameAs(in);
    }

    @Test
    void oneKilohertzSineResampledFrom44100To16000IsInPhaseWithTheAnalyticSine() {
        double amplitude = 0.5;
        float[] out = Resampler.resample(sine(1000, 44100, 44100, amplitude), 44100, 16000);

        // Mid-section (away from the zero history at the ends): no delay, no gain error.
        assertThat(maxErrorAgainstSine(out, 1000, 16000, amplitude, 2000, 14000))
                .isLessThan(1e-5 * amplitude);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"16000, 44100", "8000, 16000", "16000, 48000", "22050, 16000", "48000, 16000",
            "16001, 44100", "44100, 16001"})
    void sinesInThePassBandKeepTheirPhaseAndAmplitudeBetweenAnyRates(int from, int to) {
        double amplitude = 0.5;
        for (double frequency : new double[] {440, 3000}) {
            float[] out = Resampler.resample(sine(frequency, from, from, amplitude), from, to);

            assertThat(maxErrorAgainstSine(out, frequency, to, amplitude, to / 8, to - to / 8))
                    .as("%.0f Hz", frequency).isLessThan(1e-5 * amplitude);
        }
    }

    @Test
    void oddRateWithInterpolatedPhasesStaysAccurateNearTheBandEdge() {
        // 16001 Hz -> 44100 Hz reduces to 44100/16001: more phases than are tabulated.
        float[] out = Resampler.resample(sine(7000, 16001, 16001, 0.5), 16001, 44100);

        assertThat(maxErrorAgainstSine(out, 7000, 44100, 0.5, 5000, 39000)).isLessThan(1e-4 * 0.5);
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(doubles = {8100, 8500, 10_000, 15_000, 21_000})
    void tonesAboveTheNewNyquistFrequencyAreAttenuatedBelowMinus90Db(double frequency) {
        double amplitude = 0.5;
        float[] out = Resampler.resample(sine(frequency, 44100, 44100, amplitude), 44100, 16000);

        double gainDb = 20 * Math.log10(rms(out, 2000, 14000) / (amplitude / Math.sqrt(2)));
        assertThat(gainDb).isLessThan(-90);
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(doubles = {50, 1000, 4000, 7000, 7280})
    void passBandIsFlatWithinAThousandthOfADecibelTo91PercentOfNyquist(double frequency) {
        double amplitude = 0.5;
        float[] out = Resampler.resample(sine(frequency, 44100, 44100, amplitude), 44100, 16000);

        double gainDb = 20 * Math.log10(rms(out, 2000, 14000) / rms(sine(frequency, 16000, 16000, amplitude), 2000, 14000));
        assertThat(gainDb).isCloseTo(0, within(1e-3));
    }

    @Test
    void constantPassesAtUnitGain() {
        float[] in = new float[4410];
        Arrays.fill(in, 0.25f);

        float[] out = Resampler.resample(in, 44100, 16000);

        for (int i = 200; i < out.length - 200; i++) {
            assertThat((double) out[i]).as("sample " + i).isCloseTo(0.25, within(1e-6));
        }
    }

    @Test
    void roundTripOfABandLimitedSignalThrough44100HzRestoresIt() {
        float[] in = new float[16000];
        for (int i = 0; i < in.length; i++) {
            double t = i / 16000.0;
            in[i] = (float) (0.3 * Math.sin(2 * Math.PI * 97 * t) + 0.2 * Math.sin(2 * Math.PI * 2345 * t + 1)
                    + 0.1 * Math.sin(2 * Math.PI * 6789 * t + 2));
        }

        float[] back = Resampler.resample(Resampler.resample(in, 16000, 44100), 44100, 16000);

        assertThat(back).hasSize(in.length);
        double worst = 0;
        for (int i = 1000; i < in.length - 1000; i++) {
            worst = Math.max(worst, Math.abs(back[i] - in[i]));
        }
        assertThat(worst).isLessThan(1e-5);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ok_rate_8000.wav", "ok_rate_22050.wav", "ok_rate_44100.wav", "ok_rate_48000.wav"})
    void rateFixturesResampleTo16kHzWithTheSoxrLengthAndNoOvershoot(String file) throws Exception {
        AudioClip clip = WavReader.read(WavFixtures.path(file));

        float[] out = Resampler.resample(clip.samples(), clip.sampleRate(), 16000);

        // 0.25 s at every rate (floor(0.25 x rate) frames, README): 4000 samples at 16 kHz.
        assertThat(out).hasSize(4000);
        SignalLevel in = SignalLevel.measure(clip.samples());
        SignalLevel level = SignalLevel.measure(out);
        assertThat(level.nonFiniteSamples()).isZero();
        assertThat(level.peak()).isLessThanOrEqualTo(1.05 * in.peak());
        assertThat(level.rms()).isLessThanOrEqualTo(in.rms() * 1.001);
    }

    @Test
    void upsamplingByTwoKeepsTheOriginalSamplesOfTheEightKilohertzFixture() throws Exception {
        float[] in = WavReader.read(WavFixtures.path("ok_rate_8000.wav")).samples();

        float[] out = Resampler.resample(in, 8000, 16000);

        // Even outputs sit on the input samples; they differ only by the little noise between
        // 91 % and 100 % of 4 kHz that the filter removes (the tones are at 1.1-3.2 kHz).
        for (int i = 0; i < in.length; i++) {
            assertThat((double) out[2 * i]).as("sample " + i).isCloseTo(in[i], within(0.02));
        }
    }

    @Test
    void sameInputGivesBitIdenticalOutput() {
        float[] in = sine(1234, 44100, 4410, 0.7);

        assertThat(Resampler.resample(in, 44100, 16000)).containsExactly(Resampler.resample(in, 44100, 16000));
    }

    @Test
    void nonPositiveRatesAreRejectedNamingThem() {
        assertThatThrownBy(() -> Resampler.resample(new float[10], 0, 16000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> Resampler.resample(new float[10], 16000, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void absurdRatioIsRejectedInsteadOfExhaustingMemory() {
        assertThatThrownBy(() -> Resampler.resample(new float[10], 10_000_000, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too extreme");
    }

    @Test
    void besselI0MatchesTabulatedValues() {
        // Abramowitz & Stegun, table 9.8: I0(1) = 1.266065878, e^-10 I0(10) = 0.1278333372.
        assertThat(Resampler.besselI0(0)).isEqualTo(1.0);
        assertThat(Resampler.besselI0(1)).isCloseTo(1.266065878, within(1e-9));
        assertThat(Resampler.besselI0(10) * Math.exp(-10)).isCloseTo(0.1278333372, within(1e-10));
    }

    // ---------------------------------------------------------------- helpers

    static float[] sine(double frequency, int rate, int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return x;
    }

    private static double maxErrorAgainstSine(float[] y, double frequency, int rate, double amplitude, int from, int to) {
        double worst = 0;
        for (int i = from; i < to; i++) {
            worst = Math.max(worst, Math.abs(y[i] - amplitude * Math.sin(2 * Math.PI * frequency * i / rate)));
        }
        return worst;
    }

    private static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }
}
