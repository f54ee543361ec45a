package io.auscult.explain;

import io.auscult.detect.BandErrorStatistics;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.nn.ConvBackboneNetwork;
import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
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
    @ValueSource(strings = {"ae", "mae", "ae band score", "mae band score"})
    void croppedDropsEqualWholeRecordingDrops(String kind) {
        try (ConvBackboneNetwork net = kind.startsWith("ae") ? ExplainFixtures.tinyConvAe()
                : ExplainFixtures.tinyMae()) {
            assertThat(Occlusion.timeLocality(net)).isPresent();
            if (kind.endsWith("band score")) {
                useBandScore(net);
            }
            Spectrogram x = randomInput(MELS, FRAMES, 8);
            Occlusion occlusion = new Occlusion(4, 6, 4, 3, 0);
            double[] actual = toDoubles(occlusion.explain(ExplanationTarget.of(net, x), Progress.NONE,
                    Cancellation.NEVER).values().values());
            // Measured: 5e-8 of the largest drop (float error maps summed over the changed frames); a
            // crop that missed part of a patch's reach would be off by whole error terms (~1e-2).
            ExplainFixtures.assertClose(kind + " cropped occlusion", actual, wholeRecordingMap(net, x, 4, 6, 4, 3),
                    1e-5);
        }
    }

    /**
     * The equal-size crops cut along the mel bands too (plain AE): 64 bands, 2 levels (reach 8
     * bands), so the crops hold 32 of 64 bands, start at band 0, in the middle and end at the top
     * band; 8-band patches, frames overlapping (stride 4 < 6), 123 frames padded to 124 (the tail
     * crops carry the padding zeros). Random initial weights (every ReLU pattern is exercised), in
     * float64 and in float32 as the bench runs.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DOUBLE", "FLOAT", "DOUBLE band score"})
    void melAndTimeCropsEqualWholeRecordingDrops(String variant) {
        int mels = 64;
        String precision = variant.split(" ")[0];
        try (ConvAutoencoder net = new ConvAutoencoder(ConvBackboneWeights.initial(1, List.of(4, 8), 21), mels,
                ConvPrecision.valueOf(precision))) {
            if (variant.endsWith("band score")) {
                useBandScore(net);
            }
            Spectrogram x = randomInput(mels, FRAMES, 9);
            Occlusion occlusion = new Occlusion(8, 6, 8, 4, 0);
            double[] actual = toDoubles(occlusion.explain(ExplanationTarget.of(net, x), Progress.NONE,
                    Cancellation.NEVER).values().values());
            double[] expected = wholeRecordingMap(net, x, 8, 6, 8, 4);
            // float64: both paths exact up to the float error maps (as above, 1e-5). float32: the
            // drops are differences of sums of float errors computed by different kernels/batch
            // shapes (measured well under 1e-3 of the largest drop); a missed reach would be off
            // by whole error terms, of the order of the drops themselves.
            ExplainFixtures.assertClose(precision + " mel-cropped occlusion", actual, expected,
                    precision.equals("DOUBLE") ? 1e-5 : 1e-2);
        }
    }

    /**
     * Scores the network by its worst band, with statistics of five random inputs: occlusion's crops
     * must then combine each band's change (one band decides the score) instead of summing them.
     */
    private static void useBandScore(ConvBackboneNetwork net) {
        List<Spectrogram> normals = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            normals.add(randomInput(net.mels(), FRAMES, 100 + s));
        }
        net.useBandScore(BandErrorStatistics.fit(net.reconstruct(normals).stream()
                .map(io.auscult.detect.Reconstruction::errorMap).toList()));
    }

    private static Spectrogram randomInput(int mels, int frames, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[mels * frames];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return new Spectrogram(v, frames, mels, 160, 16000, new double[mels]);
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Every window's drop from scoring the whole occluded input, averaged per bin as the method does. */
    private static double[] wholeRecordingMap(ReconstructionNetwork net, Spectrogram x, int patchMels,
                                              int patchFrames, int strideMels, int strideFrames) {
        int mels = x.mels();
        int frames = x.frames();
        float[] v = x.values();
        float[] r = net.reconstruct(List.of(x)).get(0).reconstruction().values();
        double s = net.reconstruct(List.of(x)).get(0).score();
        List<int[]> windows = new ArrayList<>();
        for (int m0 : Occlusion.starts(mels, patchMels, strideMels)) {
            for (int f0 : Occlusion.starts(frames, patchFrames, strideFrames)) {
                windows.add(new int[] {m0, Math.min(mels, m0 + patchMels), f0, Math.min(frames, f0 + patchFrames)});
            }
        }
        List<Spectrogram> occluded = new ArrayList<>();
        for (int[] w : windows) {
            float[] o = v.clone();
            for (int f = w[2]; f < w[3]; f++) {
                System.arraycopy(r, f * mels + w[0], o, f * mels + w[0], w[1] - w[0]);
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
                    sum[f * mels + m] += s - scored.get(k).score();
                    count[f * mels + m]++;
                }
            }
        }
        double[] expected = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            expected[i] = sum[i] / count[i];
        }
        return expected;
    }
}
