package io.auscult.faithfulness;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * The order in which units are replaced: {@code order()[r]} is the unit replaced r-th.
 *
 * <p>By attribution: highest <em>signed</em> attribution first (a negative attribution says the
 * unit lowers the score, so it comes last, not first as it would by |A|); ties go to the lower
 * time-major unit number, i.e. the earlier frame, then the lower band. That is a stable sort by
 * descending attribution over the time-major array, and the fixtures are built on that rule.
 *
 * @param order a permutation of 0..N-1
 */
public record UnitOrder(int[] order) {

    public UnitOrder {
        order = order.clone();
        boolean[] seen = new boolean[order.length];
        for (int u : order) {
            if (u < 0 || u >= order.length || seen[u]) {
                throw new IllegalArgumentException("not a permutation of 0.." + (order.length - 1) + ": unit " + u);
            }
            seen[u] = true;
        }
    }

    /** Highest signed attribution first, ties by ascending unit number. */
    public static UnitOrder byAttribution(double[] unitAttribution) {
        for (int u = 0; u < unitAttribution.length; u++) {
            if (!Double.isFinite(unitAttribution[u])) {
                throw new IllegalArgumentException("the attribution of unit " + u + " is " + unitAttribution[u]
                        + ": a map must be finite to order its units");
            }
        }
        Integer[] idx = new Integer[unitAttribution.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        // Numeric comparison (not Double.compare), so that -0.0 and 0.0 tie as in numpy; the sort
        // is stable, so tied units keep ascending unit order.
        Comparator<Integer> descending = (a, b) -> {
            double x = unitAttribution[a];
            double y = unitAttribution[b];
            return x > y ? -1 : x < y ? 1 : 0;
        };
        Arrays.sort(idx, descending);
        int[] order = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            order[i] = idx[i];
        }
        return new UnitOrder(order);
    }

    /** A uniformly random order (Fisher-Yates), the same for the same seed. */
    public static UnitOrder random(int units, long seed) {
        int[] order = new int[units];
        for (int i = 0; i < units; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = units - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return new UnitOrder(order);
    }

    /** The order whose rank of unit u is {@code ranks[u]} (0 = replaced first). */
    public static UnitOrder fromRanks(int[] ranks) {
        int[] order = new int[ranks.length];
        Arrays.fill(order, -1);
        for (int u = 0; u < ranks.length; u++) {
            int r = ranks[u];
            if (r < 0 || r >= ranks.length || order[r] != -1) {
                throw new IllegalArgumentException("not a ranking of " + ranks.length + " units: rank " + r);
            }
            order[r] = u;
        }
        return new UnitOrder(order);
    }

    /** Each unit's position in the order (0 = replaced first). */
    public int[] ranks() {
        int[] ranks = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            ranks[order[r]] = r;
        }
        return ranks;
    }

    public int size() {
        return order.length;
    }

    @Override
    public int[] order() {
        return order.clone();
    }

    int unitAt(int rank) {
        return order[rank];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitOrder u && Arrays.equals(order, u.order);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(order);
    }

    @Override
    public String toString() {
        return "UnitOrder(" + order.length + " units)";
    }
}
