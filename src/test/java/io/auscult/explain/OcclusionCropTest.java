package io.auscult.explain;

import io.auscult.detect.ReconstructionNetwork;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Occlusion's time-cropped scoring (only the frames a patch can change) against scoring every
 * occluded input whole, on a recording long enough for the crops (16 mels x 123 frames, so the
 * conv nets pad it to 128), conv AE and MAE (whose crops must keep the inference groups), with
 * overlapping windows. The float64 networks make both exact up to the float rounding of the
 * spectrograms.
 */
class OcclusionCropTest {

    private static final int MELS = 16;
    private static final int FRAMES = 123;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ae", "mae"})
    void croppedDropsEqualWholeRecordingDrops(String kind) {
        try (ReconstructionNetwork net = kind.equals("ae") ? ExplainFixtures.tinyConvAe()
                : ExplainFixtures.tinyMae()) {
            assertThat(Occlusion.timeLocality(net)).isPresent();
            SplittableRandom random = new SplittableRandom(8);
            float[] v = new float[MELS * FRAMES];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian();
            }
            Spectrogram x = new Spectrogram(v, FRAMES, MELS, 160, 16000, new double[MELS]);
            Occlusion occlusion = new Occlusion(4, 6, 4, 3, 0);
            AttributionMap map = occlusion.explain(ExplanationTarget.of(net, x), Progress.NONE, Cancellation.NEVER);

            // Whole-recording reference: every window's drop, averaged per bin as the method does.
            float[] r = net.reconstruct(List.of(x)).get(0).reconstruction().values();
            double s = net.reconstruct(List.of(x)).get(0).score();
            List<int[]> windows = new ArrayList<>();
            for (int m0 : Occlusion.starts(MELS, 4, 4)) {
                for (int f0 : Occlusion.starts(FRAMES, 6, 3)) {
                    windows.add(new int[] {m0, Math.min(MELS, m0 + 4), f0, Math.min(FRAMES, f0 + 6)});
                }
            }
            List<Spectrogram> occluded = new ArrayList<>();
            for (int[] w : windows) {
                float[] o = v.clone();
                for (int f = w[2]; f < w[3]; f++) {
                    System.arraycopy(r, f * MELS + w[0], o, f * MELS + w[0], w[1] - w[0]);
                }
                occluded.add(x.withValues(o));
            }
            double[] sum = new double[v.length];
            int[] count = new int[v.length];
            List<io.auscult.detect.Reconstruction> scored = net.reconstruct(occluded);
            for (int k = 0; k < windows.size(); k++) {
                int[] w = windows.get(k);
                for (int f = w[2]; f < w[3]; f++) {
                    for (int m = w[0]; m < w[1]; m++) {
                        sum[f * MELS + m] += s - scored.get(k).score();
                        count[f * MELS + m]++;
                    }
                }
            }
            double[] expected = new double[v.length];
            double[] actual = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                expected[i] = sum[i] / count[i];
                actual[i] = map.values().values()[i];
            }
            // Measured: 5e-8 of the largest drop (float error maps summed over the changed frames); a
            // crop that missed part of a patch's reach would be off by whole error terms (~1e-2).
            ExplainFixtures.assertClose(kind + " cropped occlusion", actual, expected, 1e-5);
        }
    }
}
