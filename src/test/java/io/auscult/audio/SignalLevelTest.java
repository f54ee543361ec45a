package io.auscult.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SignalLevelTest {

    @Test
    void zerosAreSilentAtMinusInfinityDbfs() {
        SignalLevel level = SignalLevel.measure(new float[1000]);

        assertThat(level.isSilent()).isTrue();
        assertThat(SignalLevel.isSilent(new float[1000])).isTrue();
        assertThat(level.peakDbfs()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(level.rmsDbfs()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(level.warnings()).containsExactly("is silent: every sample is zero");
    }

    @Test
    void oneLeastSignificant24BitStepIsNotSilence() {
        float[] x = new float[1000];
        x[500] = 1f / 8388608;

        assertThat(SignalLevel.isSilent(x)).isFalse();
        assertThat(SignalLevel.measure(x).isSilent()).isFalse();
    }

    @Test
    void sineAtQuarterRateHasTheTextbookLevels() {
        // x = 0.5 sin(pi i / 2) takes the values 0, 0.5, 0, -0.5: peak -6.02 dBFS, RMS -9.03 dBFS.
        float[] x = new float[4000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(Math.PI * i / 2));
        }

        SignalLevel level = SignalLevel.measure(x);

        assertThat(level.peakDbfs()).isCloseTo(20 * Math.log10(0.5), within(1e-6));
        assertThat(level.rmsDbfs()).isCloseTo(20 * Math.log10(0.5 / Math.sqrt(2)), within(1e-6));
        assertThat(level.warnings()).isEmpty();
    }

    @Test
    void signalBelowMinus60DbfsIsVeryQuiet() {
        float[] x = {0.0005f, -0.0003f, 0.0001f};

        SignalLevel level = SignalLevel.measure(x);

        assertThat(level.isVeryQuiet()).isTrue();
        assertThat(level.isSilent()).isFalse();
        assertThat(level.warnings()).containsExactly("is very quiet: its peak is -66.0 dBFS");
    }

    @Test
    void samplesAtFullScaleAreReportedAsPossibleClipping() {
        float[] x = {0.2f, 32767f / 32768, -1f, 0.5f, -0.9995f};

        SignalLevel level = SignalLevel.measure(x);

        assertThat(level.fullScaleSamples()).isEqualTo(3);
        assertThat(level.warnings()).containsExactly("may be clipped: 3 samples reach full scale");
    }

    @Test
    void notANumberIsCountedAndLeftOutOfTheLevels() {
        float[] x = {Float.NaN, 0.5f, Float.POSITIVE_INFINITY, -0.5f};

        SignalLevel level = SignalLevel.measure(x);

        assertThat(level.nonFiniteSamples()).isEqualTo(2);
        assertThat(level.peak()).isEqualTo(0.5);
        assertThat(level.rms()).isEqualTo(0.5);
        assertThat(level.isSilent()).isFalse();
        assertThat(SignalLevel.isSilent(new float[] {0, Float.NaN})).isFalse();
        assertThat(level.warnings()).containsExactly("has 2 samples that are not numbers (NaN or infinite)");
    }

    @Test
    void emptySignalHasNoSamplesWarning() {
        assertThat(SignalLevel.measure(new float[0]).warnings()).containsExactly("has no samples");
    }

    @Test
    void impossibleLevelsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> new SignalLevel(10, -1, 0, 0, 0)).hasMessageContaining("was -1");
        assertThatThrownBy(() -> new SignalLevel(10, 0.5, Double.NaN, 0, 0)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new SignalLevel(10, 0.5, 0.1, 11, 0)).hasMessageContaining("was 11");
    }
}
