package io.auscult.proxy;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.nn.BatchNorms;
import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.detect.nn.ConvBatchNorm;
import io.auscult.detect.nn.ConvLayerWeights;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.features.Spectrogram;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The lab's graph is the detector's backbone: batch norm in both branches, gradients that match
 * finite differences, running statistics from recalibration, and a reconstruction model that is
 * exactly the conv AE of {@code detect.nn}.
 */
class ProxyGraphTest {

    private static final int MELS = 16;
    private static final List<Integer> WIDTHS = List.of(4, 8);

    private static float[] randomValues(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static Spectrogram clip(int frames, long seed) {
        return new Spectrogram(randomValues(frames * MELS, seed), frames, MELS, 512, 16000, new double[MELS]);
    }

    /** An encoder whose running statistics and affine parameters are not at identity. */
    private static EncoderWeights nonTrivialEncoder() {
        SplittableRandom r = new SplittableRandom(3);
        List<ConvLayerWeights> layers = new ArrayList<>();
        for (ConvLayerWeights l : EncoderWeights.initial(WIDTHS, 5).layers()) {
            layers.add(BatchNorms.randomised(l, r, 0));
        }
        return new EncoderWeights(layers);
    }

    @Test
    void encoderFileRoundTripsAndRefusesTheOldFormat() throws IOException {
        EncoderWeights e = nonTrivialEncoder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        e.write(bytes);
        EncoderWeights back = EncoderWeights.read(new ByteArrayInputStream(bytes.toByteArray()), "test");
        assertThat(back.widths()).isEqualTo(WIDTHS);
        for (int k = 0; k < WIDTHS.size(); k++) {
            // stored as float32
            assertThat(back.layers().get(k).weight()).containsExactly(e.layers().get(k).weight(), within(1e-6));
            assertThat(back.layers().get(k).batchNorm().runningVar())
                    .containsExactly(e.layers().get(k).batchNorm().runningVar(), within(1e-6));
        }
        byte[] old = {0x41, 0x50, 0x58, 0x45, 0, 0, 0, 1};
        assertThatThrownBy(() -> EncoderWeights.read(new ByteArrayInputStream(old), "old.bin"))
                .isInstanceOf(IOException.class).hasMessageContaining("old.bin").hasMessageContaining("batch norm");
    }

    @Test
    void embeddingUsesRunningStatisticsSoItDoesNotDependOnTheBatch() {
        EncoderWeights e = nonTrivialEncoder();
        try (ProxyGraph g = new ProxyGraph(ProxyTaskKind.CLASSIFICATION, e, MELS, 3, 1, true)) {
            ProxyModel model = new ProxyModel(g, WIDTHS.size());
            Spectrogram a = clip(32, 1);
            double[] alone = model.embed(List.of(a))[0];
            double[] inBatch = model.embed(List.of(clip(32, 2), a, clip(32, 3)))[1];
            assertThat(inBatch).containsExactly(alone, within(1e-5));
            // and it is the encoder computed by hand in inference mode
            assertThat(alone).containsExactly(embedByHand(e, a), within(1e-4));
        }
    }

    /** conv k3 s2 p1 + running-statistics batch norm + ReLU per level, then the mean: plain Java, double. */
    private static double[] embedByHand(EncoderWeights e, Spectrogram s) {
        int rows = MELS;
        int cols = s.frames();
        int channels = 1;
        double[] h = new double[rows * cols];
        for (int f = 0; f < cols; f++) {
            for (int m = 0; m < rows; m++) {
                h[m * cols + f] = s.values()[f * MELS + m];
            }
        }
        for (ConvLayerWeights l : e.layers()) {
            int outRows = (rows + 1) / 2;
            int outCols = (cols + 1) / 2;
            double[] w = l.weight(); // PyTorch [out][in][kh][kw]
            double[] next = new double[l.outChannels() * outRows * outCols];
            for (int o = 0; o < l.outChannels(); o++) {
                ConvBatchNorm bn = l.batchNorm();
                for (int y = 0; y < outRows; y++) {
                    for (int x = 0; x < outCols; x++) {
                        double acc = l.bias()[o];
                        for (int i = 0; i < channels; i++) {
                            for (int kh = 0; kh < 3; kh++) {
                                for (int kw = 0; kw < 3; kw++) {
                                    int iy = 2 * y - 1 + kh;
                                    int ix = 2 * x - 1 + kw;
                                    if (iy >= 0 && iy < rows && ix >= 0 && ix < cols) {
                                        acc += w[((o * channels + i) * 3 + kh) * 3 + kw]
                                                * h[(i * rows + iy) * cols + ix];
                                    }
                                }
                            }
                        }
                        double v = acc * bn.scale(o) + bn.shift(o);
                        next[(o * outRows + y) * outCols + x] = Math.max(0, v);
                    }
                }
            }
            h = next;
            rows = outRows;
            cols = outCols;
            channels = l.outChannels();
        }
        double[] emb = new double[channels];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < rows * cols; i++) {
                emb[c] += h[c * rows * cols + i];
            }
            emb[c] /= rows * cols;
        }
        return emb;
    }

    @Test
    void trainingGradientsMatchFiniteDifferences() {
        try (ProxyGraph g = new ProxyGraph(ProxyTaskKind.RECONSTRUCTION, nonTrivialEncoder(), MELS, 0, 9, true)) {
            Map<String, INDArray> ph = new HashMap<>();
            ph.put(ProxyGraph.X, Crops.nhwc(randomValues(2 * MELS * 16, 4), 2, MELS, 16));
            OutAndGrad r = g.lossAndGradients(ph);
            // gamma and beta of batch norms in the encoder and decoder, and a conv weight of each
            for (String name : List.of("enc1.gamma", "enc2.beta", "dec1.gamma", "enc2.w", "dec2.w")) {
                INDArray grad = r.getGradients().get(name).dup();
                INDArray p = g.array(name);
                for (long i : new long[] {0, p.length() / 2, p.length() - 1}) {
                    double analytic = grad.getDouble(i);
                    double keep = p.getDouble(i);
                    // float32 graph: a step of 2e-3 keeps the rounding error (~1e-7 / 2e-3) small
                    double h = 2e-3;
                    p.putScalar(i, keep + h);
                    double plus = g.lossAndGradients(ph).getOutputs().get(ProxyGraph.LOSS).getDouble(0);
                    p.putScalar(i, keep - h);
                    double minus = g.lossAndGradients(ph).getOutputs().get(ProxyGraph.LOSS).getDouble(0);
                    p.putScalar(i, keep);
                    double numeric = (plus - minus) / (2 * h);
                    // measured: within 4 % or 3e-4 (ReLU kinks inside the step); a missing or wrong batch
                    // norm term changes these gradients by far more
                    assertThat(analytic).as(name + "[" + i + "]")
                            .isCloseTo(numeric, within(0.06 * Math.abs(numeric) + 8e-4));
                }
            }
        }
    }

    @Test
    void recalibrationSetsRunningStatisticsToTheBatchStatistics() {
        try (ProxyGraph g = new ProxyGraph(ProxyTaskKind.RECONSTRUCTION, EncoderWeights.initial(WIDTHS, 2), MELS, 0,
                9, true)) {
            // standardised-like input shifted to mean 3: the first layer's statistics must move off 0 / 1
            float[] v = randomValues(4 * MELS * 16, 8);
            for (int i = 0; i < v.length; i++) {
                v[i] += 3;
            }
            INDArray x = Crops.nhwc(v, 4, MELS, 16);
            Map<String, INDArray> stats = g.output(Map.of(ProxyGraph.X, x), "enc1.bn.mean", "enc1.bn.var");
            double[] batchMean = stats.get("enc1.bn.mean").dup().data().asDouble();
            double[] batchVar = stats.get("enc1.bn.var").dup().data().asDouble();
            g.recalibrate(List.of(x, x));
            ConvBatchNorm bn = g.encoderWeights().layers().get(0).batchNorm();
            double n = 4 * 8 * 8; // batch x rows x columns after one halving
            for (int c = 0; c < 4; c++) {
                assertThat(bn.runningMean()[c]).isCloseTo(batchMean[c], within(1e-5));
                assertThat(bn.runningVar()[c]).isCloseTo(batchVar[c] * n / (n - 1), within(1e-4 * (1 + batchVar[c])));
            }
            assertThat(bn.runningMean()).isNotEqualTo(new double[4]);
        }
    }

    @Test
    void aReconstructionModelIsTheDetectorsConvAutoencoder() {
        try (ProxyGraph g = new ProxyGraph(ProxyTaskKind.RECONSTRUCTION, nonTrivialEncoder(), MELS, 0, 9, true)) {
            g.recalibrate(List.of(Crops.nhwc(randomValues(3 * MELS * 16, 6), 3, MELS, 16)));
            ConvBackboneWeights w = g.autoencoderWeights();
            assertThat(w.widths()).isEqualTo(WIDTHS);
            Spectrogram s = clip(32, 12);
            ProxyModel model = new ProxyModel(g, WIDTHS.size());
            double[] lab = model.output(List.of(s)).get(0); // NHWC (1, mels, frames, 1) = mel-major
            try (ConvAutoencoder ae = new ConvAutoencoder(w, MELS, ConvPrecision.FLOAT)) {
                Reconstruction r = ae.reconstruct(List.of(s)).get(0);
                float[] rec = r.reconstruction().values(); // time-major
                double maxDiff = 0;
                for (int f = 0; f < 32; f++) {
                    for (int m = 0; m < MELS; m++) {
                        maxDiff = Math.max(maxDiff, Math.abs(rec[f * MELS + m] - lab[m * 32 + f]));
                    }
                }
                // same float32 mathematics; the AE folds batch norm into the conv weights
                assertThat(maxDiff).isLessThan(1e-4);
            }
        }
    }
}
