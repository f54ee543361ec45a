package io.auscult.proxy;

import io.auscult.metrics.LedoitWolf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Mahalanobis (MD) detector: per machine type/id, a Ledoit–Wolf shrinkage covariance of the
 * normal training embeddings; a clip's score is its squared Mahalanobis distance to its own
 * group's fit. Shrinkage keeps the covariance invertible with fewer clips than dimensions.
 */
public final class MahalanobisDetector {

    private final Map<Integer, LedoitWolf> fits = new HashMap<>();

    /** @param groups the group of each training row */
    public MahalanobisDetector(double[][] normalTraining, int[] groups) {
        Map<Integer, List<double[]>> byGroup = new HashMap<>();
        for (int i = 0; i < normalTraining.length; i++) {
            byGroup.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(normalTraining[i]);
        }
        byGroup.forEach((g, rows) -> fits.put(g, LedoitWolf.fit(rows.toArray(double[][]::new))));
    }

    /** Squared distance of an embedding to its group's normal training embeddings. */
    public double score(double[] embedding, int group) {
        LedoitWolf fit = fits.get(group);
        if (fit == null) {
            throw new IllegalArgumentException("no normal training embeddings for group " + group);
        }
        return fit.mahalanobisSquared(embedding);
    }
}
