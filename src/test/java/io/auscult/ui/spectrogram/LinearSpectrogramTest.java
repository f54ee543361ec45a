package io.auscult.ui.spectrogram;

import io.auscult.features.FeatureSpec;
import io.auscult.features.PowerSpectrogram;
import io.auscult.features.Spectrogram;
import io.auscult.features.Stft;
import io.auscult.store.SpectrogramRaster.Viewport;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The linear-frequency (STFT) picture of the spectrogram view and switching to it. */
class LinearSpectrogramTest {

    /** One second at 16 kHz: a 1-kHz tone over seeded noise. */
    private static float[] toneInNoise() {
        Random random = new Random(7);
        float[] x = new float[16_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 16_000.0) + 0.01 * random.nextGaussian());
        }
        return x;
    }

    @Test
    void itIsTheFrontEndsStftPowerInDbWithLinearBinCentres() {
        float[] x = toneInNoise();
        Spectrogram s = LinearSpectrogram.of(x, FeatureSpec.DCASE);
        PowerSpectrogram p = new Stft(1024, 512).power(x);
        assertThat(s.frames()).isEqualTo(1 + 16_000 / 512).isEqualTo(p.frames());
        assertThat(s.mels()).isEqualTo(513);
        assertThat(s.hop()).isEqualTo(512);
        assertThat(s.sampleRate()).isEqualTo(16_000);
        for (int f = 0; f < s.frames(); f += 5) {
            for (int k = 0; k < 513; k += 17) {
                // The same double computation cast to float: equal to float precision.
                assertThat((double) s.get(f, k)).isCloseTo(10 * Math.log10(Math.max(p.get(f, k), 1e-10)), within(1e-3));
            }
        }
        // Bin k is centred at k * 16000 / 1024 Hz: 0, 15.625 Hz, ..., 8 kHz.
        assertThat(s.bandCentresHz()[0]).isEqualTo(0);
        assertThat(s.bandCentresHz()[1]).isEqualTo(15.625);
        assertThat(s.bandCentresHz()[64]).isEqualTo(1000);
        assertThat(s.bandCentresHz()[512]).isEqualTo(8000);
        // The tone's bin (64 = 1 kHz) is the loudest of a middle frame, by far (noise ~40 dB down).
        int loudest = 0;
        for (int k = 1; k < 513; k++) {
            if (s.get(15, k) > s.get(15, loudest)) {
                loudest = k;
            }
        }
        assertThat(loudest).isEqualTo(64);
    }

    @Test
    void switchingToLinearKeepsTheTimeRangeShowsAllBinsAndTheReadoutInHz() {
        float[] x = toneInNoise();
        Spectrogram mel = new Spectrogram(new float[32 * 128], 32, 128, 512, 16_000, melCentres());
        Spectrogram lin = LinearSpectrogram.of(x, FeatureSpec.DCASE);
        SpectrogramViewModel vm = new SpectrogramViewModel();
        vm.show("clip", mel, null, null);
        vm.setLinear(lin);
        assertThat(vm.displayedProperty().get()).isSameAs(mel); // the mel scale is the default
        vm.zoomTime(2, 0.5);
        Viewport zoomed = vm.viewportProperty().get();

        vm.scaleProperty().set(SpectrogramViewModel.Scale.LINEAR);
        assertThat(vm.displayedProperty().get()).isSameAs(lin);
        assertThat(vm.linearShown()).isTrue();
        Viewport v = vm.viewportProperty().get();
        assertThat(v.firstFrame()).isEqualTo(zoomed.firstFrame());
        assertThat(v.frames()).isEqualTo(zoomed.frames());
        assertThat(v.firstMel()).isEqualTo(0);
        assertThat(v.mels()).isEqualTo(513);
        // The scale's top follows the loudest bin (the tone), the 80-dB range stays.
        double top = vm.ceilingDbProperty().get();
        assertThat(vm.ceilingDbProperty().get() - vm.floorDbProperty().get()).isEqualTo(SpectrogramViewModel.DEFAULT_RANGE_DB);
        assertThat(top % 10).isEqualTo(0);
        // y = 1 - 64.5/513 from the top is the middle of bin 64: 1,000 Hz exactly.
        vm.pointAt(0.5, 1 - 64.5 / 513);
        assertThat(vm.readoutProperty().get()).contains("f 1000 Hz (bin 64)");
        // Frequency zoom works in bins of the linear picture.
        vm.zoomFrequency(4, 1);
        assertThat(vm.viewportProperty().get().mels()).isCloseTo(513 / 4.0, within(1e-9));

        vm.scaleProperty().set(SpectrogramViewModel.Scale.MEL);
        assertThat(vm.displayedProperty().get()).isSameAs(mel);
        assertThat(vm.viewportProperty().get().mels()).isEqualTo(128);
        assertThat(vm.viewportProperty().get().frames()).isEqualTo(zoomed.frames());
    }

    @Test
    void aNewRecordingDropsTheOldLinearPictureUntilItsOwnArrives() {
        Spectrogram mel = new Spectrogram(new float[32 * 128], 32, 128, 512, 16_000, melCentres());
        SpectrogramViewModel vm = new SpectrogramViewModel();
        vm.scaleProperty().set(SpectrogramViewModel.Scale.LINEAR);
        vm.show("a", mel, null, null);
        vm.setLinear(LinearSpectrogram.of(toneInNoise(), FeatureSpec.DCASE));
        assertThat(vm.linearShown()).isTrue();
        Spectrogram other = new Spectrogram(new float[32 * 128], 32, 128, 512, 16_000, melCentres());
        vm.show("b", other, null, null);
        // The mel picture of b, not a's linear one, until b's linear picture is set.
        assertThat(vm.displayedProperty().get()).isSameAs(other);
        assertThat(vm.linearShown()).isFalse();
    }

    private static double[] melCentres() {
        double[] c = new double[128];
        for (int m = 0; m < 128; m++) {
            c[m] = 50.0 + 60.0 * m;
        }
        return c;
    }
}
