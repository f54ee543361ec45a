package io.auscult.faithfulness;

import io.auscult.engine.Cancellation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The faithfulness metric of DESIGN.md on one clip: the curve of an attribution map's order and
 * the reference of R seeded random orders. The random orders of a clip depend only on its unit
 * count and the seed, so the same clip gets the same reference in every run.
 */
public final class FaithfulnessMeasure {

    /** Random orders in the reference unless told otherwise. */
    public static final int DEFAULT_RANDOM_ORDERS = 5;

    private final ReplacementPerturbation perturbation;
    private final int randomOrders;
    private final long seed;

    /**
     * @param perturbation the grid and budgets
     * @param randomOrders R, at least 1
     * @param seed         seed of the random orders
     */
    public FaithfulnessMeasure(ReplacementPerturbation perturbation, int randomOrders, long seed) {
        this.perturbation = Objects.requireNonNull(perturbation, "perturbation");
        if (randomOrders < 1) {
            throw new IllegalArgumentException("the random reference needs at least 1 order, not " + randomOrders);
        }
        this.randomOrders = randomOrders;
        this.seed = seed;
    }

    public static FaithfulnessMeasure standard(long seed) {
        return new FaithfulnessMeasure(ReplacementPerturbation.standard(), DEFAULT_RANDOM_ORDERS, seed);
    }

    public ReplacementPerturbation perturbation() {
        return perturbation;
    }

    public int randomOrders() {
        return randomOrders;
    }

    /** The r-th random order of N units (r = 0..R-1). */
    public UnitOrder randomOrder(int units, int r) {
        // One independent stream per r, derived from the seed (not seed + r: neighbouring seeds
        // of a plain LCG-style seeding could correlate; SplittableRandom's split does not).
        SplittableRandom root = new SplittableRandom(seed);
        long s = 0;
        for (int i = 0; i <= r; i++) {
            s = root.nextLong();
        }
        return UnitOrder.random(units, s);
    }

    /** The curves of R random orders, scored curve by curve (memory stays that of one curve). */
    public RandomReference reference(ReplacementClip clip, ReplacementUnits units, BatchScorer scorer,
                                     Cancellation cancel) {
        List<ReplacementCurve> curves = new ArrayList<>(randomOrders);
        for (int r = 0; r < randomOrders; r++) {
            cancel.throwIfCancelled();
            curves.add(perturbation.curve(clip, units, randomOrder(units.count(), r), scorer));
        }
        return RandomReference.of(curves);
    }

    /** The curve of a map's order (map time-major, on the clip's grid) against a reference. */
    public Faithfulness measure(ReplacementClip clip, ReplacementUnits units, double[] map, RandomReference reference,
                                BatchScorer scorer) {
        UnitOrder order = UnitOrder.byAttribution(units.unitAttribution(map));
        return Faithfulness.of(perturbation.curve(clip, units, order, scorer), reference);
    }
}
