package io.auscult.faithfulness;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Spearman's rank correlation of two maps with average ranks for ties, as
 * {@code scipy.stats.spearmanr}: the Pearson correlation of the ranks.
 */
public final class RankCorrelation {

    private RankCorrelation() {
    }

    /**
     * @return rho in [-1, 1]; NaN when either map is constant (its ranks have no variance)
     */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("maps of " + a.length + " and " + b.length + " bins");
        }
        if (a.length < 2 || isConstant(a) || isConstant(b)) {
            return Double.NaN;
        }
        return new SpearmansCorrelation(new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE))
                .correlation(a, b);
    }

    private static boolean isConstant(double[] v) {
        for (double x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }
}
