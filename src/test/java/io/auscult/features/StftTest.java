package io.auscult.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StftTest {

    private final Stft stft = new Stft(FeatureSpec.DCASE);

    @Test
    void impulsePowerMatchesLibrosaInFrames15And16AndIsZeroElsewhere() {
        float[] samples = FrontendFixtures.wav("case5_impulse_1s_float32.wav").samples();
        double[][] expected = FrontendFixtures.csv("case5_impulse_1s_float32.power.csv");
        PowerSpectrogram p = stft.power(samples);
        assertThat(p.frames()).isEqualTo(32).isEqualTo(expected.length);
        assertThat(p.bins()).isEqualTo(513);
        for (int t = 0; t < 32; t++) {
            for (int k = 0; k < 513; k++) {
                double e = expected[t][k];
                if (t == 15 || t == 16) {
                    assertThat(p.get(t, k)).as("P[%d][%d]", t, k).isCloseTo(e, within(1e-6 * e));
                } else {
                    assertThat(e).isEqualTo(0.0);
                    assertThat(p.get(t, k)).as("P[%d][%d]", t, k).isEqualTo(0.0);
                }
            }
        }
        // The impulse sits at window index 832 of frame 15 and 320 of frame 16: flat rows.
        assertThat(p.get(15, 100)).isCloseTo(0.095269936169136579, within(1e-12));
        assertThat(p.get(16, 400)).isCloseTo(0.47795336853422649, within(1e-12));
    }

    @Test
    void centredFramingGivesOnePlusFloorOfSamplesOverHopFrames() {
        assertThat(stft.frames(160_000)).isEqualTo(313);
        assertThat(stft.frames(300)).isEqualTo(1);
        assertThat(stft.frames(511)).isEqualTo(1);
        assertThat(stft.frames(512)).isEqualTo(2);
        assertThat(stft.power(new float[300]).frames()).isEqualTo(1);
    }

    @Test
    void forwardUsesTheNegativeExponentSignConvention() {
        // X[k] = sum x[i] exp(-2 pi j i k / N): a sine at bin 8 whose phase is 0 at the frame
        // start gives a negative imaginary peak and no real part.
        int n = 4096;
        double[] sine = new double[n];
        for (int i = 0; i < n; i++) {
            sine[i] = Math.sin(2 * Math.PI * 8 * (i - 1024) / 1024.0);
        }
        ComplexSpectrogram s = stft.forward(sine);
        // Frame 2 starts at sample 2 * 512 - 512 = 512, a whole number of cycles into the sine.
        assertThat(s.im()[2 * 513 + 8]).isNegative();
        assertThat(Math.abs(s.re()[2 * 513 + 8])).isLessThan(1e-9);
    }

    @Test
    void inverseOfForwardReconstructsTheSignalTo1e9() {
        SplittableRandom random = new SplittableRandom(11);
        double[] x = new double[16_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        ComplexSpectrogram s = stft.forward(x);
        assertThat(s.frames()).isEqualTo(32);
        double[] y = stft.inverse(s);
        assertThat(y).hasSize(512 * 31);
        double worst = 0;
        for (int i = 0; i < y.length; i++) {
            worst = Math.max(worst, Math.abs(y[i] - x[i]));
        }
        assertThat(worst).isLessThan(1e-9);

        // Asking for the full length recovers the tail too: the last frame covers it.
        double[] full = stft.inverse(s, x.length);
        for (int i = 0; i < x.length; i++) {
            assertThat(full[i]).as("sample %d", i).isCloseTo(x[i], within(1e-9));
        }
    }

    @Test
    void inverseWorksWithOtherHops() {
        Stft quarter = new Stft(256, 64);
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        double[] y = quarter.inverse(quarter.forward(x));
        assertThat(y).hasSize(64 * (quarter.frames(5000) - 1));
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).isCloseTo(x[i], within(1e-9));
        }
    }

    @Test
    void powerOfComplexForwardEqualsPowerOfFloatPath() {
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[3000];
        double[] xd = new double[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
            xd[i] = x[i];
        }
        PowerSpectrogram a = stft.power(x);
        PowerSpectrogram b = stft.forward(xd).power();
        assertThat(a.values()).containsExactly(b.values(), within(1e-9));
    }
}
