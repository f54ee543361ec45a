package io.auscult.proxy;

import io.auscult.metrics.Auc;
import io.auscult.metrics.LogisticRegression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The linear-probe (LP) detector: L2 logistic regression on embeddings, normal vs anomaly,
 * judged by cross-validation so that no clip is scored by a model that saw it. Folds are by clip
 * (one embedding per clip), seeded, and stratified by label <em>within each machine group</em>:
 * stratifying by label alone leaves a training fold with, say, more normal than anomalous fan
 * clips whenever the held-out fold has the opposite, and since embeddings separate machines
 * easily the probe learns "fan means normal" and scores the held-out fans backwards (measured on
 * the demo set: LP AUC 0.1-0.3 for every model before this). Inside each outer fold the features
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

    /**
     * Cross-validated AUC of the probe; needs at least 2 clips of each class.
     *
     * @param groups the machine group of each clip (folds are balanced within each group)
     */
    public static double crossValidatedAuc(double[][] x, boolean[] anomalous, int[] groups, long seed) {
        double[] decisions = outOfFoldDecisions(x, anomalous, groups, OUTER_FOLDS, seed, true);
        return Auc.of(decisions, anomalous);
    }

    static double[] outOfFoldDecisions(double[][] x, boolean[] y, int[] groups, int folds, long seed,
                                       boolean chooseC) {
        int[] fold = stratifiedFolds(y, groups, folds, seed);
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
            int[] tg = select(groups, trainIdx);
            double c = chooseC ? chooseC(tx, ty, tg, seed + 31L * (f + 1)) : 1.0;
            double[][] scale = scaling(tx);
            LogisticRegression fit = LogisticRegression.fit(apply(tx, scale), ints(ty), c);
            for (int i : testIdx) {
                out[i] = fit.decision(apply(x[i], scale));
            }
        }
        return out;
    }

    /** The C of the grid with the best inner cross-validated AUC (the smallest C on ties: more regularised). */
    static double chooseC(double[][] x, boolean[] y, int[] groups, long seed) {
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        if (Math.min(positives, y.length - positives) < 2) {
            return 1.0; // too few to cross-validate inside; the default
        }
        double best = C_GRID[0];
        double bestAuc = -1;
        int[] fold = stratifiedFolds(y, groups, INNER_FOLDS, seed);
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
     * Fold of each item: within each (group, label) stratum a seeded shuffle dealt round-robin,
     * continuing where the previous stratum stopped so the folds stay equal in size. Every fold
     * has both classes when each class has at least {@code folds} items (fewer folds otherwise).
     */
    static int[] stratifiedFolds(boolean[] y, int[] groups, int folds, long seed) {
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        int k = Math.max(2, Math.min(folds, Math.min(positives, y.length - positives)));
        java.util.TreeMap<Long, List<Integer>> strata = new java.util.TreeMap<>();
        for (int i = 0; i < y.length; i++) {
            strata.computeIfAbsent(groups[i] * 2L + (y[i] ? 1 : 0), s -> new ArrayList<>()).add(i);
        }
        int[] fold = new int[y.length];
        SplittableRandom random = new SplittableRandom(seed);
        int next = 0;
        // Normals first then anomalies per group would bunch one class; deal each class's strata in turn.
        for (int cls = 0; cls < 2; cls++) {
            for (Map.Entry<Long, List<Integer>> e : strata.entrySet()) {
                if ((e.getKey() & 1) != cls) {
                    continue;
                }
                List<Integer> members = new ArrayList<>(e.getValue());
                for (int i = members.size() - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    Integer t = members.get(i);
                    members.set(i, members.get(j));
                    members.set(j, t);
                }
                for (Integer m : members) {
                    fold[m] = next % k;
                    next++;
                }
            }
            next = 0;
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

    private static int[] select(int[] v, List<Integer> idx) {
        int[] out = new int[idx.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[idx.get(i)];
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
