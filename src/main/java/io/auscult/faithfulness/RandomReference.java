package io.auscult.faithfulness;

import java.util.List;

/**
 * The random-order reference of one clip: the curves of R random replacement orders, their mean
 * area (what the gain is measured against) and the spread of their areas. It depends on the
 * clip, the detector and the units, not on the attribution method, so one reference serves every
 * method of a comparison.
 *
 * @param curves   one curve per seed
 * @param meanArea mean of the R areas
 * @param spread   sample standard deviation of the R areas (0 for R = 1)
 */
public record RandomReference(List<ReplacementCurve> curves, double meanArea, double spread) {

    public RandomReference {
        curves = List.copyOf(curves);
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("a random reference needs at least one random order");
        }
    }

    /** The reference of the given random-order curves. */
    public static RandomReference of(List<ReplacementCurve> curves) {
        double sum = 0;
        for (ReplacementCurve c : curves) {
            sum += c.area();
        }
        double mean = sum / curves.size();
        double ss = 0;
        for (ReplacementCurve c : curves) {
            ss += (c.area() - mean) * (c.area() - mean);
        }
        double spread = curves.size() > 1 ? Math.sqrt(ss / (curves.size() - 1)) : 0;
        return new RandomReference(curves, mean, spread);
    }

    /** Mean of the random curves' drops at each grid point (for plotting). */
    public double[] meanDrops() {
        double[] mean = new double[curves.get(0).drops().length];
        for (ReplacementCurve c : curves) {
            double[] d = c.drops();
            for (int i = 0; i < mean.length; i++) {
                mean[i] += d[i] / curves.size();
            }
        }
        return mean;
    }
}
