package io.auscult.faithfulness;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.engine.Cancellation;
import io.auscult.explain.AttributionMap;
import io.auscult.features.Spectrogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reconstruction-replacement metric of DESIGN.md ("Faithfulness") one budget at a time: the
 * engine behind the workbench's budget slider. For a budget k it replaces the
 * {@code n_k = BudgetGrid.unitsAt(k, N)} highest-ranked units of the input x by the
 * reconstruction x_hat, {@code x_k = (1 - M_k) x + M_k x_hat}, scores x_k with one network call
 * and gives the normalised drop {@code d(k) = (s(x) - s(x_k)) / (s(x) - s(x_hat))}. The whole
 * curve with its random-order reference is {@link #faithfulness(Cancellation)}, computed by
 * exactly the code {@link FaithfulnessMeasure#measure} runs, so the slider and the curve agree.
 *
 * <p>The unit order is {@code UnitOrder.byAttribution(units.unitAttribution(map))}, as the
 * measure orders them. Each bin's rank (the rank of its unit) is computed once, so building M_k
 * and x_k for any k is one pass over the bins, whatever the order of moves.
 *
 * <p>Scores of {@link #at(double)} are cached by n_k (least recently used, {@link #CACHE_SIZE}
 * entries), so moving the slider back costs no network call. The curve's batched scores are
 * deliberately <em>not</em> put into that cache: a network may give another last bit for the
 * same input in a batch of 7 than alone (oneDNN picks kernels per batch shape), and the value a
 * budget shows should not depend on whether the curve happened to be computed first.
 *
 * <p><b>Threads:</b> {@link #at}, {@link #region} and {@link #faithfulness} call the network;
 * run them on the compute executor (DESIGN.md, "Running work"). They are synchronised, so two
 * callers never use the network at once. {@link #cachedAt(double)} never calls the network and
 * may be called from any thread (e.g. the UI thread, to show a cached step at once).
 */
public final class ReplacementExplorer {

    /** Budgets whose scores are kept: a slider over a 10-s clip rarely visits more. */
    public static final int CACHE_SIZE = 512;

    private final ReconstructionNetwork network;
    private final Spectrogram input;
    private final double[] map;
    private final ReplacementUnits units;
    private final FaithfulnessMeasure measure;
    private final ReplacementClip clip;
    private final Spectrogram reconstruction;
    private final double scoreReconstruction;
    private final UnitOrder order;
    /** Rank in the order of the unit each bin belongs to (time-major): bin replaced iff rank < n_k. */
    private final int[] binRank;
    private final Map<Integer, Double> scoreCache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Double> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    /** Written once under the lock, read without it by {@link #computedFaithfulness()}. */
    private volatile Faithfulness faithfulness;

    private ReplacementExplorer(ReconstructionNetwork network, Spectrogram input, double[] map,
                                ReplacementUnits units, FaithfulnessMeasure measure, ReplacementClip clip,
                                Spectrogram reconstruction, double scoreReconstruction) {
        this.network = network;
        this.input = input;
        this.map = map;
        this.units = units;
        this.measure = measure;
        this.clip = clip;
        this.reconstruction = reconstruction;
        this.scoreReconstruction = scoreReconstruction;
        this.order = UnitOrder.byAttribution(units.unitAttribution(map));
        this.binRank = new int[units.frames() * units.mels()];
        int[] ranks = order.ranks();
        for (int f = 0; f < units.frames(); f++) {
            for (int m = 0; m < units.mels(); m++) {
                binRank[f * units.mels() + m] = ranks[units.unitOf(f, m)];
            }
        }
    }

    /**
     * Reconstructs the input once (x_hat and s(x)) and scores x_hat once (s(x_hat)).
     *
     * @param network the detector's network (not closed here: the caller owns it)
     * @param input   the standardised model input, time-major
     * @param map     attribution values, time-major on the input's grid
     * @param units   bins or patches, on the input's grid
     * @param measure the grid, budgets and random reference of the curve
     * @throws IllegalArgumentException when the grids disagree, the map is not finite, or
     *                                  s(x) = s(x_hat), where the normalised drop is undefined
     */
    public static ReplacementExplorer prepare(ReconstructionNetwork network, Spectrogram input, double[] map,
                                              ReplacementUnits units, FaithfulnessMeasure measure) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(measure, "measure");
        if (units.frames() != input.frames() || units.mels() != input.mels()) {
            throw new IllegalArgumentException("the units are for a " + units.frames() + " x " + units.mels()
                    + " grid, the input is " + input.frames() + " x " + input.mels() + " (frames x mels)");
        }
        units.requireGrid(map, "attribution map");
        Reconstruction rec = network.reconstruct(List.of(input)).get(0);
        ReplacementClip clip = ReplacementClip.of(input, rec);
        Spectrogram xHat = rec.reconstruction();
        double sHat = network.reconstruct(List.of(xHat)).get(0).score();
        if (!Double.isFinite(sHat)) {
            throw new IllegalStateException("the score of the reconstruction is " + sHat);
        }
        if (clip.score() == sHat) {
            throw new IllegalArgumentException("the normalised drop is undefined: the reconstruction scores the "
                    + "same as the input (" + sHat + ")");
        }
        return new ReplacementExplorer(network, input, map.clone(), units, measure, clip, xHat, sHat);
    }

    /** As {@link #prepare(ReconstructionNetwork, Spectrogram, double[], ReplacementUnits, FaithfulnessMeasure)}, with a method's map. */
    public static ReplacementExplorer prepare(ReconstructionNetwork network, Spectrogram input, AttributionMap map,
                                              ReplacementUnits units, FaithfulnessMeasure measure) {
        Objects.requireNonNull(map, "map");
        return prepare(network, input, ReplacementClip.toDoubles(map.values().values()), units, measure);
    }

    /**
     * One budget of the slider.
     *
     * @param fraction      k (for a hand-painted region: the fraction of bins it marks)
     * @param unitsReplaced n_k (for a region: the bins it marks)
     * @param replaced      M_k, time-major, true where x_hat replaces x (not copied: read-only)
     * @param perturbed     x_k, standardised, on the input's grid
     * @param score         s(x_k)
     * @param drop          d(k)
     */
    public record Step(double fraction, int unitsReplaced, boolean[] replaced, Spectrogram perturbed, double score,
                       double drop) {

        public Step {
            Objects.requireNonNull(replaced, "replaced");
            Objects.requireNonNull(perturbed, "perturbed");
        }

        /** Bins of x_k that come from the reconstruction. */
        public int binsReplaced() {
            int n = 0;
            for (boolean b : replaced) {
                if (b) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * The perturbed input at budget k: one network call of one input unless n_k is 0 (s(x)),
     * N (s(x_hat)) or cached.
     *
     * @throws IllegalArgumentException when k is not in [0, 1]
     */
    public synchronized Step at(double k) {
        int n = BudgetGrid.unitsAt(k, units.count());
        boolean[] replaced = replacedBins(n);
        Spectrogram perturbed = mix(replaced);
        Double cached = cachedScore(n);
        double score;
        if (cached != null) {
            score = cached;
        } else {
            score = scoreOf(perturbed);
            synchronized (scoreCache) {
                scoreCache.put(n, score);
            }
        }
        return new Step(k, n, replaced, perturbed, score, drop(score));
    }

    /**
     * The step at budget k if its score needs no network call (n_k is 0 or N, or was scored
     * before); never blocks on the network, so the UI thread may call it.
     *
     * @throws IllegalArgumentException when k is not in [0, 1]
     */
    public Optional<Step> cachedAt(double k) {
        int n = BudgetGrid.unitsAt(k, units.count());
        Double score = cachedScore(n);
        if (score == null) {
            return Optional.empty();
        }
        boolean[] replaced = replacedBins(n);
        return Optional.of(new Step(k, n, replaced, mix(replaced), score, drop(score)));
    }

    /**
     * Replaces an arbitrary set of bins (a hand-painted region) by the reconstruction and scores
     * the result with one network call (none when the region is empty or everything).
     *
     * @param bins time-major, true where x_hat replaces x
     */
    public synchronized Step region(boolean[] bins) {
        Objects.requireNonNull(bins, "bins");
        if (bins.length != binRank.length) {
            throw new IllegalArgumentException("the region has " + bins.length + " bins, the input "
                    + input.frames() + " x " + input.mels() + " = " + binRank.length);
        }
        boolean[] replaced = bins.clone();
        int marked = 0;
        for (boolean b : replaced) {
            if (b) {
                marked++;
            }
        }
        Spectrogram perturbed = mix(replaced);
        double score = marked == 0 ? clip.score() : marked == replaced.length ? scoreReconstruction
                : scoreOf(perturbed);
        return new Step(marked / (double) replaced.length, marked, replaced, perturbed, score, drop(score));
    }

    /**
     * The whole curve on the measure's grid and its random-order reference, computed once (later
     * calls return the same object): {@code measure.reference} then {@code measure.measure}
     * through a {@link NetworkScorer}, as a comparison run computes them.
     *
     * @throws io.auscult.engine.CancelledException when cancelled (nothing is cached then)
     */
    public synchronized Faithfulness faithfulness(Cancellation cancel) {
        Objects.requireNonNull(cancel, "cancel");
        if (faithfulness == null) {
            NetworkScorer scorer = new NetworkScorer(network, input);
            RandomReference reference = measure.reference(clip, units, scorer, cancel);
            cancel.throwIfCancelled();
            faithfulness = measure.measure(clip, units, map, reference, scorer);
        }
        return faithfulness;
    }

    /** The curve if {@link #faithfulness(Cancellation)} has finished, without waiting for it. */
    public Optional<Faithfulness> computedFaithfulness() {
        return Optional.ofNullable(faithfulness);
    }

    /** x, x_hat and s(x) as the curve uses them. */
    public ReplacementClip clip() {
        return clip;
    }

    public ReplacementUnits units() {
        return units;
    }

    /** The order units are replaced in: highest attribution first. */
    public UnitOrder order() {
        return order;
    }

    public FaithfulnessMeasure measure() {
        return measure;
    }

    /** x, the standardised input. */
    public Spectrogram input() {
        return input;
    }

    /** The attribution map the order comes from (a copy). */
    public double[] map() {
        return map.clone();
    }

    /** s(x). */
    public double scoreInput() {
        return clip.score();
    }

    /** s(x_hat), scored alone once. */
    public double scoreReconstruction() {
        return scoreReconstruction;
    }

    /** x_hat, standardised, on the input's grid. */
    public Spectrogram reconstruction() {
        return reconstruction;
    }

    private Double cachedScore(int n) {
        if (n == 0) {
            return clip.score();
        }
        if (n == units.count()) {
            // x_N is x_hat bin for bin, so its score is s(x_hat) and d(1) = 1 exactly.
            return scoreReconstruction;
        }
        synchronized (scoreCache) {
            return scoreCache.get(n);
        }
    }

    private boolean[] replacedBins(int n) {
        boolean[] replaced = new boolean[binRank.length];
        for (int i = 0; i < replaced.length; i++) {
            replaced[i] = binRank[i] < n;
        }
        return replaced;
    }

    private Spectrogram mix(boolean[] replaced) {
        float[] x = input.values();
        float[] xHat = reconstruction.values();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = replaced[i] ? xHat[i] : x[i];
        }
        return input.withValues(out);
    }

    private double scoreOf(Spectrogram perturbed) {
        double s = network.reconstruct(List.of(perturbed)).get(0).score();
        if (!Double.isFinite(s)) {
            throw new IllegalStateException("the score of the perturbed input is " + s);
        }
        return s;
    }

    private double drop(double score) {
        return (clip.score() - score) / (clip.score() - scoreReconstruction);
    }
}
