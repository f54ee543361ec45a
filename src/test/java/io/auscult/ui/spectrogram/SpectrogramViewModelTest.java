package io.auscult.ui.spectrogram;

import io.auscult.features.Spectrogram;
import io.auscult.store.SpectrogramRaster.Viewport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpectrogramViewModelTest {

    private static Spectrogram ramp(int frames, int mels) {
        float[] v = new float[frames * mels];
        for (int i = 0; i < v.length; i++) {
            v[i] = -60f + (i % mels);
        }
        double[] centres = new double[mels];
        for (int m = 0; m < mels; m++) {
            centres[m] = 50.0 + 100.0 * m;
        }
        return new Spectrogram(v, frames, mels, 512, 16000, centres);
    }

    @Test
    void showingARecordingFitsItAndTheDbRangeToItsLoudestBin() {
        SpectrogramViewModel vm = new SpectrogramViewModel();
        vm.show("x", ramp(313, 128), null, null);
        assertThat(vm.viewportProperty().get()).isEqualTo(new Viewport(0, 313, 0, 128));
        // Loudest bin -60 + 127 = 67 dB: top of scale 70 dB, floor 80 dB below.
        assertThat(vm.ceilingDbProperty().get()).isEqualTo(70);
        assertThat(vm.floorDbProperty().get()).isEqualTo(-10);
    }

    @Test
    void zoomKeepsTheFrameUnderTheMouseInPlace() {
        SpectrogramViewModel vm = new SpectrogramViewModel();
        vm.show("x", ramp(1000, 128), null, null);
        double anchor = 0.25;
        double before = vm.viewportProperty().get().frameAt(anchor);
        vm.zoomTime(4, anchor);
        Viewport v = vm.viewportProperty().get();
        assertThat(v.frames()).isCloseTo(250, within(1e-9));
        assertThat(v.frameAt(anchor)).isCloseTo(before, within(1e-9));
    }

    @Test
    void theViewNeverLeavesTheRecordingNorZoomsPastLimits() {
        SpectrogramViewModel vm = new SpectrogramViewModel();
        vm.show("x", ramp(1000, 128), null, null);
        vm.zoomTime(10, 0.5);
        vm.scrollTime(100);
        Viewport v = vm.viewportProperty().get();
        assertThat(v.firstFrame() + v.frames()).isCloseTo(1000, within(1e-9));
        vm.zoomTime(1e6, 0.5);
        assertThat(vm.viewportProperty().get().frames()).isEqualTo(SpectrogramViewModel.MIN_FRAMES);
        vm.zoomTime(1e-6, 0.5);
        assertThat(vm.viewportProperty().get()).isEqualTo(new Viewport(0, 1000, 0, 128));
        vm.zoomFrequency(4, 0);
        assertThat(vm.viewportProperty().get().mels()).isEqualTo(32);
        assertThat(vm.viewportProperty().get().firstMel()).isEqualTo(96); // anchored at the top
    }

    @Test
    void readoutGivesTimeFrequencyAndLevelUnderTheMouse() {
        SpectrogramViewModel vm = new SpectrogramViewModel();
        vm.show("x", ramp(313, 128), null, null);
        // x = 0.5 of 313 frames: frame 156.5 -> 156.5 * 512 / 16000 = 5.008 s.
        // y = 0.5 of 128 bands: band coordinate 64 -> between centres 63 and 64 -> 6,400 Hz; level of band 64.
        vm.pointAt(0.5, 0.5);
        assertThat(vm.readoutProperty().get()).isEqualTo("t 5.008 s   f 6400 Hz (band 64)   4.0 dB");
        vm.pointAt(1.5, 0.5);
        assertThat(vm.readoutProperty().get()).isEmpty();
    }
}
