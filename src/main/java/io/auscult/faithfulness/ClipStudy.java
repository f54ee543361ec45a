package io.auscult.faithfulness;

import io.auscult.data.synth.AnomalyMask;
import io.auscult.detect.Reconstruction;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.nn.ConvBackboneNetwork;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;
import io.auscult.explain.Attribution;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.ExplanationTarget;
import io.auscult.features.Spectrogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One clip, several detectors (rows) x several attribution methods (columns): each cell's map, its
 * faithfulness curve and gain against the row's random reference, and its localisation when the
 * clip's anomaly region is known (issue 7, "Side-by-side comparison"). The service behind the
 * workbench's method grid, the clip report and {@code auscult report}.
 *
 * <p><b>Order.</b> Cells are computed and delivered to {@code onCell} as they are done, the cheap
 * methods first, so that a grid fills up while the slow cells are still running. The order is a
 * fixed ranking of the methods by their expected cost with default parameters, method by method
 * and within a method row by row:
 * <ol>
 * <li>{@code error}: one forward pass (the reconstruction);</li>
 * <li>{@code saliency}: one input gradient;</li>
 * <li>{@code gradcam}: one layer gradient;</li>
 * <li>{@code gradshap}: 25 input gradients;</li>
 * <li>{@code smoothgrad}: 25 input gradients plus noise;</li>
 * <li>{@code ig}: 50 input gradients;</li>
 * <li>{@code occlusion}: one forward pass per patch position, over its receptive field.</li>
 * </ol>
 * A method outside this list comes last, in the order given. Each cell also costs one
 * replacement curve (about 21 forward passes); the first cell of a row also pays for the row's
 * reconstruction and its random reference (R curves), which is computed once per detector: it
 * depends only on the clip, the units and the seed, not on the method. Each map is also handed
 * out on its own as soon as it exists, before its curve ({@link MapReady}).
 *
 * <p><b>Failures.</b> A method that does not apply (Grad-CAM on the dense AE, GradientSHAP
 * without normal references) or fails on this input gives a cell with the reason instead of
 * failing the study; a detector whose curve is undefined gives that reason in each of its cells.
 *
 * <p>Runs on the caller's thread (the compute executor). Cancellation is checked between cells,
 * between the random orders of a reference and inside the methods (between their batches); a
 * cancelled study throws {@link CancelledException} after the cells already delivered.
 */
public final class ClipStudy {

    /** The methods by expected cost with default parameters, cheapest first. */
    public static final List<String> COST_ORDER = List.of("error", "saliency", "gradcam", "gradshap", "smoothgrad",
            "ig", "occlusion");

    private final StudySettings settings;

    public ClipStudy(StudySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public StudySettings settings() {
        return settings;
    }

    /**
     * The columns in the order the study computes them (indices into {@code methods}): by
     * {@link #COST_ORDER}, unknown methods last, ties in the given order.
     */
    public static List<Integer> computeOrder(List<Attribution> methods) {
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            columns.add(i);
        }
        columns.sort(Comparator.comparingInt(i -> rank(methods.get(i).method())));
        return columns;
    }

    private static int rank(String method) {
        int r = COST_ORDER.indexOf(method);
        return r < 0 ? COST_ORDER.size() : r;
    }

    /** A cell's map, delivered before its faithfulness curve is computed (so a grid can show it at once). */
    public record MapReady(int row, int column, String detector, AttributionMap map) {
    }

    /**
     * Runs the study.
     *
     * @param detectors the rows
     * @param methods   the columns
     * @param mask      the clip's ground-truth anomaly region (frames x mels), if known; rows whose
     *                  input is on another grid get no localisation
     * @param onCell    receives each cell as soon as it is done (on this thread), cheap methods first
     * @return the rows and all cells in (row, column) order
     */
    public StudyResult run(List<StudyDetector> detectors, List<Attribution> methods, Optional<AnomalyMask> mask,
                           Consumer<StudyCell> onCell, Progress progress, Cancellation cancel) {
        return run(detectors, methods, mask, m -> { }, onCell, progress, cancel);
    }

    /**
     * Runs the study, delivering each map as soon as it exists ({@code onMap}) and each finished
     * cell after its curve ({@code onCell}). The first map of a row comes before the row's random
     * reference is computed: a grid shows its first overlay after one reconstruction and one
     * error map, not after the R + 1 curves the first finished cell costs.
     */
    public StudyResult run(List<StudyDetector> detectors, List<Attribution> methods, Optional<AnomalyMask> mask,
                           Consumer<MapReady> onMap, Consumer<StudyCell> onCell, Progress progress,
                           Cancellation cancel) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(onMap, "onMap");
        Objects.requireNonNull(onCell, "onCell");
        int rows = detectors.size();
        int columns = methods.size();
        Prepared[] prepared = new Prepared[rows];
        for (int r = 0; r < rows; r++) {
            prepared[r] = new Prepared();
        }
        StudyCell[] cells = new StudyCell[rows * columns];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            total += preparationCost();
            for (Attribution m : methods) {
                total += cost(m);
            }
        }
        double[] done = {0};
        double sum = total;
        try {
            for (int column : computeOrder(methods)) {
                Attribution method = methods.get(column);
                for (int r = 0; r < rows; r++) {
                    cancel.throwIfCancelled();
                    StudyDetector d = detectors.get(r);
                    Prepared p = prepared[r];
                    // This cell's share of the bar: its map, the row's random reference if still
                    // to come, and its curve, in that order (so the bar never moves back).
                    double weight = cost(method);
                    boolean referenced = p.referenced;
                    double share = weight + (referenced ? 0 : preparationCost());
                    double mapShare = (weight - CURVE_PASSES) / share;
                    Progress slice = progress.slice(done[0] / sum, (done[0] + share) / sum);
                    Progress mapPart = slice.slice(0, mapShare);
                    String what = d.label() + ": " + method.method();
                    Progress inner = (f, m) -> mapPart.report(f, what + ", " + m);
                    slice.report(0, what);
                    Runnable reference = () -> {
                        if (!p.referenced) {
                            slice.report(mapShare, d.label() + ": random reference");
                            reference(d, p, cancel);
                        }
                    };
                    StudyCell cell = cell(r, column, d, method, p, mask, onMap, reference, inner, cancel);
                    done[0] += weight + (!referenced && p.referenced ? preparationCost() : 0);
                    cells[r * columns + column] = cell;
                    progress.report(done[0] / sum, what + " done");
                    onCell.accept(cell);
                }
            }
            for (int r = 0; r < rows; r++) {
                cancel.throwIfCancelled();
                reference(detectors.get(r), prepared[r], cancel);
            }
        } finally {
            release(detectors);
        }
        progress.report(1, "studied " + rows + " detector(s) x " + columns + " method(s)");
        List<StudyRow> studyRows = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Prepared p = prepared[r];
            studyRows.add(new StudyRow(r, detectors.get(r).label(), p.score, Optional.ofNullable(p.reference),
                    Optional.ofNullable(p.failure)));
        }
        return new StudyResult(studyRows, List.of(cells));
    }

    /**
     * What every cell of a row shares: x, x_hat and s(x), the units and the scorer (made at the
     * row's first cell), and the random reference (made before the row's first curve).
     */
    private static final class Prepared {
        boolean reconstructed;
        boolean referenced;
        ReplacementClip clip;
        ReplacementUnits units;
        NetworkScorer scorer;
        RandomReference reference;
        double score = Double.NaN;
        String failure;
    }

    private void reconstruct(StudyDetector d, Prepared p) {
        if (p.reconstructed) {
            return;
        }
        p.reconstructed = true;
        try {
            Spectrogram x = d.input();
            Reconstruction rec = d.network().reconstruct(List.of(x)).get(0);
            p.score = rec.score();
            p.clip = ReplacementClip.of(x, rec);
            p.units = settings.units(x.frames(), x.mels());
            p.scorer = new NetworkScorer(d.network(), x);
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            p.failure = message(e);
        }
    }

    private void reference(StudyDetector d, Prepared p, Cancellation cancel) {
        reconstruct(d, p);
        if (p.referenced || p.failure != null) {
            p.referenced = true;
            return;
        }
        try {
            p.reference = settings.measure().reference(p.clip, p.units, p.scorer, cancel);
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            p.failure = message(e);
        }
        p.referenced = true;
    }

    private StudyCell cell(int row, int column, StudyDetector d, Attribution method, Prepared p,
                           Optional<AnomalyMask> mask, Consumer<MapReady> onMap, Runnable reference,
                           Progress progress, Cancellation cancel) {
        reconstruct(d, p);
        if (p.failure != null) {
            return StudyCell.failed(row, column, d.label(), method.method(), method.parameters(), p.failure, 0);
        }
        long t0 = System.nanoTime();
        AttributionMap map;
        try {
            ExplanationTarget target = new ExplanationTarget(d.network(), d.input(), d.normalReferences(),
                    settings.seed());
            map = method.explain(target, progress, cancel);
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            return StudyCell.failed(row, column, d.label(), method.method(), method.parameters(), message(e),
                    (System.nanoTime() - t0) / 1e6);
        }
        double millis = (System.nanoTime() - t0) / 1e6;
        onMap.accept(new MapReady(row, column, d.label(), map));
        reference.run();
        if (p.failure != null) {
            return StudyCell.failed(row, column, d.label(), method.method(), map.parameters(), p.failure, millis);
        }
        long t1 = System.nanoTime();
        try {
            double[] values = ReplacementClip.toDoubles(map.values().values());
            Faithfulness f = settings.measure().measure(p.clip, p.units, values, p.reference, p.scorer);
            long t2 = System.nanoTime();
            Optional<Localisation> loc = mask.filter(m -> m.frames() == p.clip.frames() && m.mels() == p.clip.mels())
                    .map(m -> Localisation.of(values, m));
            return StudyCell.of(row, column, d.label(), map, f, loc, millis, (t2 - t1) / 1e6);
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            return StudyCell.failed(row, column, d.label(), method.method(), map.parameters(), message(e), millis);
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Frees the conv networks' working buffers once (a network may sit in several rows). */
    private static void release(List<StudyDetector> detectors) {
        Map<ReconstructionNetwork, Boolean> seen = new IdentityHashMap<>();
        for (StudyDetector d : detectors) {
            if (seen.put(d.network(), Boolean.TRUE) == null && d.network() instanceof ConvBackboneNetwork conv) {
                conv.releaseWorkingMemory();
            }
        }
    }

    /** A row's reconstruction and R random curves, in forward passes (for the progress bar only). */
    private double preparationCost() {
        return 1 + settings.measure().randomOrders() * CURVE_PASSES;
    }

    private static final double CURVE_PASSES = 21;

    /** A cell's expected cost in forward passes (a gradient counts 3): for the progress bar only. */
    static double cost(Attribution method) {
        Map<String, String> p = method.parameters();
        double map = switch (method.method()) {
            case "error" -> 1;
            case "saliency", "gradcam" -> 3;
            case "gradshap", "smoothgrad" -> 3 * number(p.get("samples"), 25);
            case "ig" -> 3 * number(p.get("steps"), 50);
            case "occlusion" -> 40;
            default -> 30;
        };
        return map + CURVE_PASSES;
    }

    private static double number(String text, double fallback) {
        try {
            return text == null ? fallback : Math.max(1, Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
