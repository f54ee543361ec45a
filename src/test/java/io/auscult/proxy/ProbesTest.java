package io.auscult.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** LP and MD detectors on hand-checkable embeddings, and the alignment statistics' bookkeeping. */
class ProbesTest {

    /** 40 clips, 8 dimensions; anomalies shifted by {@code shift} along the first axis. */
    private static double[][] embeddings(boolean[] anomalous, double shift, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[anomalous.length][8];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 8; j++) {
                x[i][j] = gaussian(r);
            }
            if (anomalous[i]) {
                x[i][0] += shift;
            }
        }
        return x;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static boolean[] labels(int n) {
        boolean[] y = new boolean[n];
        for (int i = n / 2; i < n; i++) {
            y[i] = true;
        }
        return y;
    }

    @Test
    void linearProbeFindsASeparatingDirection() {
        boolean[] y = labels(40);
        double[][] x = embeddings(y, 4.0, 1);
        // The classes are 4 standard deviations apart along one axis: nearly perfectly separable.
        assertThat(LinearProbe.crossValidatedAuc(x, y, new int[40], 7)).isGreaterThan(0.95);
    }

    @Test
    void shuffledLabelsGiveChanceBecauseNothingLeaksAcrossFolds() {
        boolean[] y = labels(40);
        double[][] x = embeddings(y, 4.0, 2);
        double sum = 0;
        int repeats = 30;
        SplittableRandom r = new SplittableRandom(3);
        for (int k = 0; k < repeats; k++) {
            boolean[] shuffled = y.clone();
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                boolean t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            sum += LinearProbe.crossValidatedAuc(x, shuffled, new int[40], k);
        }
        // One AUC over 20 + 20 clips has a standard deviation of about 0.09 under the null; the mean
        // of 30 about 0.017, so 0.5 ± 0.08 is a margin of more than 4 standard deviations. Leakage
        // (choosing C or scaling on the test fold) would push it well above.
        assertThat(sum / repeats).isCloseTo(0.5, within(0.08));
    }

    @Test
    void machineIdentityInTheEmbeddingDoesNotTurnTheProbeBackwards() {
        // 4 machines, 4 normal + 4 anomalous clips each; the embedding says which machine (one-hot,
        // far apart) and nothing about the label. Folds stratified by label alone gave training
        // folds whose per-machine balance is the opposite of the held-out fold's, and AUCs far
        // below 0.5; balanced within each machine, the probe has nothing to learn: about 0.5.
        int n = 32;
        boolean[] y = new boolean[n];
        int[] groups = new int[n];
        double sum = 0;
        int repeats = 30;
        for (int k = 0; k < repeats; k++) {
            // An independent data set each time, so the mean estimates the probe's null expectation.
            double[][] x = new double[n][6];
            SplittableRandom r = new SplittableRandom(100 + k);
            for (int i = 0; i < n; i++) {
                groups[i] = i / 8;
                y[i] = i % 8 >= 4;
                x[i][groups[i]] = 10;
                x[i][4] = r.nextDouble();
                x[i][5] = r.nextDouble();
            }
            sum += LinearProbe.crossValidatedAuc(x, y, groups, k);
        }
        // Measured: 0.514 with folds balanced per machine, 0.404 with folds stratified by label only.
        // Pure Java arithmetic with fixed seeds: the same on every machine.
        assertThat(sum / repeats).isCloseTo(0.5, within(0.05));
        int[] folds = LinearProbe.stratifiedFolds(y, groups, 4, 1);
        for (int g = 0; g < 4; g++) {
            for (int f = 0; f < 4; f++) {
                int normals = 0;
                int anomalies = 0;
                for (int i = 0; i < n; i++) {
                    if (groups[i] == g && folds[i] == f) {
                        normals += y[i] ? 0 : 1;
                        anomalies += y[i] ? 1 : 0;
                    }
                }
                assertThat(normals).as("machine " + g + " fold " + f).isEqualTo(anomalies);
            }
        }
    }

    @Test
    void foldsAreStratifiedAndCoverEveryClipOnce() {
        boolean[] y = labels(10);
        int[] folds = LinearProbe.stratifiedFolds(y, new int[10], 4, 1);
        for (int f = 0; f < 4; f++) {
            int pos = 0;
            int neg = 0;
            for (int i = 0; i < y.length; i++) {
                if (folds[i] == f) {
                    pos += y[i] ? 1 : 0;
                    neg += y[i] ? 0 : 1;
                }
            }
            assertThat(pos).isBetween(1, 2);
            assertThat(neg).isBetween(1, 2);
        }
    }

    @Test
    void mahalanobisRanksByDistanceToTheOwnGroup() {
        // Group 0 normals around the origin, group 1 around (10, 10); unit spread on a square.
        double[][] train = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {11, 10}, {9, 10}, {10, 11}, {10, 9}};
        int[] groups = {0, 0, 0, 0, 1, 1, 1, 1};
        MahalanobisDetector md = new MahalanobisDetector(train, groups);
        // S = diag(0.5, 0.5), mu = 0.5, so shrinkage leaves it as is: d^2 = |t - centre|^2 / 0.5.
        assertThat(md.score(new double[] {0, 0}, 0)).isCloseTo(0.0, within(1e-12));
        assertThat(md.score(new double[] {2, 0}, 0)).isCloseTo(8.0, within(1e-9));
        assertThat(md.score(new double[] {10, 12}, 1)).isCloseTo(8.0, within(1e-9));
        // The same point is far from the other group.
        assertThat(md.score(new double[] {10, 12}, 0)).isGreaterThan(400);
    }

    @Test
    void effectiveRankIsOneOnALineAndTheDimensionWhenIsotropic() {
        double[][] line = new double[10][3];
        for (int i = 0; i < 10; i++) {
            line[i] = new double[] {i, 2 * i, -i};
        }
        assertThat(ModelEvaluator.effectiveRank(line)).isCloseTo(1.0, within(1e-9));
        double[][] cube = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        assertThat(ModelEvaluator.effectiveRank(cube)).isCloseTo(3.0, within(1e-9));
    }

    private static ModelResult model(ProxyTaskKind task, int i, double proxy, double lp, double md, double rank) {
        return new ModelResult(task, task.word() + i, "w", i, 8, 0.1, proxy, lp, md, Double.NaN, Double.NaN, rank);
    }

    @Test
    void alignmentCorrectsAllTestsTogetherAndReportsStages() {
        List<ModelResult> models = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 8; i++) {
            // classification: LP AUC rises exactly with accuracy; MD unrelated noise.
            models.add(model(ProxyTaskKind.CLASSIFICATION, i, 0.5 + 0.05 * i, 0.6 + 0.04 * i, r.nextDouble(),
                    2 + i));
            models.add(model(ProxyTaskKind.RECONSTRUCTION, i, 1.0 - 0.1 * i, r.nextDouble(), r.nextDouble(),
                    r.nextDouble()));
        }
        models.add(model(ProxyTaskKind.PRETRAINED, 0, Double.NaN, 0.7, 0.6, 3));
        Alignment a = Alignment.of(models, Map.of(ProxyTaskKind.CLASSIFICATION, 0.25), 9);
        // 2 trainable tasks x (4 headline + 1 stage-2 + 2 stage-3) tests, pretrained excluded.
        assertThat(a.tests()).hasSize(14);
        AlignmentTest lp = a.tests().stream().filter(t -> t.x().equals("classification.validation_accuracy")
                && t.y().equals("lp_auc") && t.method().equals("spearman")).findFirst().orElseThrow();
        assertThat(lp.r()).isCloseTo(1.0, within(1e-12));
        assertThat(lp.reject()).isTrue();
        assertThat(lp.pBh()).isGreaterThanOrEqualTo(lp.p());
        for (AlignmentTest t : a.tests()) {
            assertThat(t.pBh()).isGreaterThanOrEqualTo(t.p());
            assertThat(t.reject()).isEqualTo(t.pBh() <= Alignment.ALPHA);
        }
        StageCheck stage1 = a.stages().stream().filter(s -> s.task() == ProxyTaskKind.CLASSIFICATION
                && s.stage() == 1).findFirst().orElseThrow();
        assertThat(stage1.verdict()).isEqualTo(StageCheck.Verdict.PASS);
        StageCheck stage2 = a.stages().stream().filter(s -> s.task() == ProxyTaskKind.CLASSIFICATION
                && s.stage() == 2).findFirst().orElseThrow();
        // accuracy and effective rank rise together exactly: rho = 1, survives the correction.
        assertThat(stage2.verdict()).isEqualTo(StageCheck.Verdict.PASS);
        assertThat(stage2.numbers()).contains("rho 1.00");
    }

    @Test
    void aSaturatedOrFailedTaskFailsStageOne() {
        List<ModelResult> perfect = List.of(model(ProxyTaskKind.CLASSIFICATION, 0, 1.0, 0.5, 0.5, 1),
                model(ProxyTaskKind.CLASSIFICATION, 1, 1.0, 0.6, 0.5, 2));
        assertThat(Alignment.stageOne(ProxyTaskKind.CLASSIFICATION, perfect, 0.25).numbers()).contains("SATURATED");
        List<ModelResult> flat = List.of(model(ProxyTaskKind.SEPARATION, 0, 0.1, 0.5, 0.5, 1),
                model(ProxyTaskKind.SEPARATION, 1, -0.2, 0.6, 0.5, 2));
        StageCheck s = Alignment.stageOne(ProxyTaskKind.SEPARATION, flat, 0);
        assertThat(s.verdict()).isEqualTo(StageCheck.Verdict.FAIL);
        assertThat(s.numbers()).contains("not learnt");
    }
}
