package io.auscult.proxy;

import io.auscult.metrics.Auc;
import io.auscult.metrics.LogisticRegression;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The linear-probe (LP) detector: L2 logistic regression on embeddings, normal vs anomaly,
 * judged by cross-validation so that no clip is scored by a model that saw it. Folds are by clip
 * (one embedding per clip), stratified by label and seeded. Inside each outer fold the features
 * are standardised with the training part's statistics and the regularisation C is chosen by an
 * inner stratified cross-validation on the training part only; nothing of the held-out fold
 * leaks into the choice. The AUC is over the pooled out-of-fold decision values.
 */
public final class LinearProbe {

    /** Candidate inverse regularisation strengths. */
    static final double[] C_GRID = {0.01, 0.1, 1, 10};
    static final int OUTER_FOLDS = 4;
    static final int INNER_FOLDS = 3;

    private LinearProbe() {
    }

    /** Cross-validated AUC of the probe; needs at least 2 clips of each class. */
    public static double crossValidatedAuc(double[][] x, boolean[] anomalous, long seed) {
        double[] decisions = outOfFoldDecisions(x, anomalous, OUTER_FOLDS, seed, true);
        return Auc.of(decisions, anomalous);
    }

    static double[] outOfFoldDecisions(double[][] x, boolean[] y, int folds, long seed, boolean chooseC) {
        int[] fold = stratifiedFolds(y, folds, seed);
        int k = 0;
        for (int f : fold) {
            k = Math.max(k, f + 1);
        }
        double[] out = new double[x.length];
        for (int f = 0; f < k; f++) {
            List<Integer> trainIdx = new ArrayList<>();
            List<Integer> testIdx = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                (fold[i] == f ? testIdx : trainIdx).add(i);
            }
            double[][] tx = select(x, trainIdx);
            boolean[] ty = select(y, trainIdx);
            double c = chooseC ? chooseC(tx, ty, seed + 31L * (f + 1)) : 1.0;
            double[][] scale = scaling(tx);
            LogisticRegression fit = LogisticRegression.fit(apply(tx, scale), ints(ty), c);
            for (int i : testIdx) {
                out[i] = fit.decision(apply(x[i], scale));
            }
        }
        return out;
    }

    /** The C of the grid with the best inner cross-validated AUC (the smallest C on ties: more regularised). */
    static double chooseC(double[][] x, boolean[] y, long seed) {
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        if (Math.min(positives, y.length - positives) < 2) {
            return 1.0; // too few to cross-validate inside; the default
        }
        double best = C_GRID[0];
        double bestAuc = -1;
        int[] fold = stratifiedFolds(y, INNER_FOLDS, seed);
        for (double c : C_GRID) {
            double[] d = new double[x.length];
            int k = 0;
            for (int f : fold) {
                k = Math.max(k, f + 1);
            }
            for (int f = 0; f < k; f++) {
                List<Integer> tr = new ArrayList<>();
                List<Integer> te = new ArrayList<>();
                for (int i = 0; i < x.length; i++) {
                    (fold[i] == f ? te : tr).add(i);
                }
                double[][] tx = select(x, tr);
                boolean[] ty = select(y, tr);
                boolean both = false;
                for (boolean b : ty) {
                    both |= b != ty[0];
                }
                if (!both) {
                    continue;
                }
                double[][] scale = scaling(tx);
                LogisticRegression fit = LogisticRegression.fit(apply(tx, scale), ints(ty), c);
                for (int i : te) {
                    d[i] = fit.decision(apply(x[i], scale));
                }
            }
            double auc = Auc.of(d, y);
            if (auc > bestAuc) {
                bestAuc = auc;
                best = c;
            }
        }
        return best;
    }

    /**
     * Fold of each item: within each class a seeded shuffle dealt round-robin, so every fold has
     * both classes when each class has at least {@code folds} items (fewer folds otherwise).
     */
    static int[] stratifiedFolds(boolean[] y, int folds, long seed) {
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        int k = Math.max(2, Math.min(folds, Math.min(positives, y.length - positives)));
        int[] fold = new int[y.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (boolean cls : new boolean[] {false, true}) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == cls) {
                    members.add(i);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = members.get(i);
                members.set(i, members.get(j));
                members.set(j, t);
            }
            for (int i = 0; i < members.size(); i++) {
                fold[members.get(i)] = i % k;
            }
        }
        return fold;
    }

    /** Per-feature mean and standard deviation of the training rows (std 1 where a feature is constant). */
    private static double[][] scaling(double[][] x) {
        int p = x[0].length;
        double[] mean = new double[p];
        double[] std = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= x.length;
        }
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                std[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
        }
        for (int j = 0; j < p; j++) {
            std[j] = Math.sqrt(std[j] / x.length);
            if (std[j] < 1e-12) {
                std[j] = 1;
            }
        }
        return new double[][] {mean, std};
    }

    private static double[] apply(double[] row, double[][] scale) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = (row[j] - scale[0][j]) / scale[1][j];
        }
        return out;
    }

    private static double[][] apply(double[][] x, double[][] scale) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = apply(x[i], scale);
        }
        return out;
    }

    private static double[][] select(double[][] x, List<Integer> idx) {
        double[][] out = new double[idx.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[idx.get(i)];
        }
        return out;
    }

    private static boolean[] select(boolean[] y, List<Integer> idx) {
        boolean[] out = new boolean[idx.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = y[idx.get(i)];
        }
        return out;
    }

    private static int[] ints(boolean[] y) {
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] ? 1 : 0;
        }
        return out;
    }
}
