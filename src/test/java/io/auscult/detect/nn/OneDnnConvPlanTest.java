package io.auscult.detect.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.auscult.detect.nn.ConvFixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oneDNN plan against the ND4J plan, both in float32, step by step: every layer's output
 * (after its ReLU), the reconstruction, every layer's gradient and the input gradient, with random
 * weights and batch norms far from identity, at the shipped widths and at a deeper network's, for
 * one and several inputs, conv AE (one input channel) and MAE (two). Networks whose widths leave
 * oneDNN's channel blocks part empty are refused (and run on the ND4J plan).
 *
 * <p>Tolerance 1e-4 of each array's largest magnitude, as ConvPlanFloatTest: the two sum the same
 * float products in different orders (differences near 1e-6 of the scale); a wrong kernel tap,
 * padding or bias changes values by a sizeable fraction of it.
 */
class OneDnnConvPlanTest {

    @Test
    void oneDnnLoadsOnThePlatformWeShip() {
        // Linux x86-64 is the platform of the build and of CI: there the direct path must be the
        // one the tests exercise, not the fallback.
        assertThat(OneDnn.available()).as("oneDNN loaded").isTrue();
    }

    @ParameterizedTest(name = "widths {0}")
    @CsvSource({"'4,8,18'", "'12,20,6'"})
    void refusesWidthsThatLeaveChannelBlocksPartEmpty(String widths) {
        // Part-empty blocks under 4-, 8- and 16-channel blocking alike.
        ConvBackboneWeights weights = ConvBackboneWeights.initial(1, parse(widths), 11);
        assertThat(OneDnnConvPlan.supports(weights)).isFalse();
        assertThat(OneDnnConvPlan.supports(ConvBackboneWeights.initial(1, List.of(32, 64, 128), 11))).isTrue();
    }

    private static List<Integer> parse(String widths) {
        List<Integer> w = new ArrayList<>();
        for (String s : widths.split(",")) {
            w.add(Integer.parseInt(s));
        }
        return w;
    }

    @ParameterizedTest(name = "{0} channels, widths {1}, batch {2}")
    @CsvSource({"1, '32,64,128', 1", "1, '32,64,128', 3", "2, '32,64,128', 2", "1, '16,32,32,64,16', 2"})
    void equalsTheNd4jPlan(int channels, String widths, int batch) {
        ConvBackboneWeights weights = BatchNorms.randomised(ConvBackboneWeights.initial(channels, parse(widths), 11));
        int levels = weights.levels();
        int mels = 1 << (levels + 1);
        int frames = 3 << levels;
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[batch * mels * frames * channels];
        float[] dr = new float[batch * mels * frames];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < dr.length; i++) {
            dr[i] = (float) random.nextGaussian();
        }
        try (ConvForwardPlan nd4j = new ConvForwardPlan(weights, DataType.FLOAT);
             OneDnnConvPlan onednn = new OneDnnConvPlan(weights)) {
            List<ConvPass> plans = List.of(nd4j, onednn);
            List<double[]> recon = new ArrayList<>();
            List<double[]> gradient = new ArrayList<>();
            for (ConvPass p : plans) {
                ConvArrays.write(p.input(batch, mels, frames), x);
                recon.add(ConvArrays.toDoubles(p.run()));
                ConvArrays.write(p.gradOutput(), dr);
                gradient.add(ConvArrays.toDoubles(p.backward()));
            }
            String what = channels + " ch " + widths + " batch " + batch;
            for (int l = 0; l < weights.layers().size(); l++) {
                INDArray[] a = nd4j.backwardTo(l);
                double[] activation = ConvArrays.toDoubles(a[0]);
                double[] layerGradient = ConvArrays.toDoubles(a[1]);
                long[] shape = a[0].shape();
                INDArray[] b = onednn.backwardTo(l);
                assertThat(b[0].shape()).as(what + " layer " + l + " shape").isEqualTo(shape);
                assertClose(what + " layer " + l + " output", ConvArrays.toDoubles(b[0]), activation, 1e-4);
                assertClose(what + " layer " + l + " gradient", ConvArrays.toDoubles(b[1]), layerGradient, 1e-4);
            }
            assertClose(what + " reconstruction", recon.get(1), recon.get(0), 1e-4);
            assertClose(what + " input gradient", gradient.get(1), gradient.get(0), 1e-4);
        }
    }
}
