package io.auscult.proxy;

import io.auscult.metrics.BootstrapInterval;
import io.auscult.metrics.Correlation;
import io.auscult.metrics.MultipleTesting;
import io.auscult.metrics.Pearson;
import io.auscult.metrics.Spearman;
import io.auscult.metrics.UndefinedMetricException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The lab's alignment statistics across models, per trainable task:
 * <ul>
 *   <li>headline tests: proxy metric vs LP AUC and vs MD AUC, Pearson and Spearman;</li>
 *   <li>stage 2: proxy metric vs the effective rank of the normal embeddings (Spearman);</li>
 *   <li>stage 3: effective rank vs LP AUC and vs MD AUC (Spearman).</li>
 * </ul>
 * Every test's p-value is corrected with Benjamini–Hochberg over all the tests of the lab (one
 * family) at {@value #ALPHA}; each carries a 95 % percentile bootstrap interval of r over models.
 * A test needs at least {@value #MIN_MODELS} models with non-constant values; others are
 * listed as skipped with the reason, never reported as "no association".
 *
 * <p>Stage verdicts: a correlation stage passes when its test survives the correction, fails
 * when the bootstrap interval excludes every strong association (it lies inside (−0.5, 0.5)),
 * and is inconclusive otherwise: too few models or too wide an interval to tell.
 */
public record Alignment(List<AlignmentTest> tests, List<StageCheck> stages, List<String> skipped, long seed) {

    public static final double ALPHA = 0.05;
    public static final int MIN_MODELS = 4;
    /** |r| below this is "no strong association" for a fail verdict. */
    public static final double STRONG = 0.5;

    private record Pending(String x, String y, String method, double[] xs, double[] ys, String purpose,
                           Correlation c) {
    }

    public static Alignment of(List<ModelResult> models, Map<ProxyTaskKind, Double> chance, long seed) {
        Map<ProxyTaskKind, List<ModelResult>> byTask = new EnumMap<>(ProxyTaskKind.class);
        for (ModelResult m : models) {
            byTask.computeIfAbsent(m.task(), t -> new ArrayList<>()).add(m);
        }
        List<Pending> pending = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<ProxyTaskKind, List<ModelResult>> e : byTask.entrySet()) {
            ProxyTaskKind task = e.getKey();
            if (!task.trains()) {
                continue;
            }
            List<ModelResult> ms = e.getValue();
            double[] proxy = values(ms, ModelResult::proxyMetric);
            double[] lp = values(ms, ModelResult::lpAuc);
            double[] md = values(ms, ModelResult::mdAuc);
            double[] rank = values(ms, ModelResult::effectiveRank);
            String px = task.word() + "." + task.metricName();
            for (String method : List.of("pearson", "spearman")) {
                add(pending, skipped, px, "lp_auc", method, proxy, lp, "headline");
                add(pending, skipped, px, "md_auc", method, proxy, md, "headline");
            }
            add(pending, skipped, px, task.word() + ".effective_rank", "spearman", proxy, rank, "stage2");
            add(pending, skipped, task.word() + ".effective_rank", "lp_auc", "spearman", rank, lp, "stage3");
            add(pending, skipped, task.word() + ".effective_rank", "md_auc", "spearman", rank, md, "stage3");
        }
        List<AlignmentTest> tests = new ArrayList<>();
        if (!pending.isEmpty()) {
            double[] p = pending.stream().mapToDouble(t -> t.c().p()).toArray();
            double[] q = MultipleTesting.benjaminiHochberg(p);
            boolean[] reject = MultipleTesting.reject(q, ALPHA);
            for (int i = 0; i < pending.size(); i++) {
                Pending t = pending.get(i);
                ToDoubleFunction<double[][]> stat = t.method().equals("pearson")
                        ? xy -> Pearson.of(xy[0], xy[1]).r() : xy -> Spearman.of(xy[0], xy[1]).r();
                BootstrapInterval ci = BootstrapInterval.ofPairs(t.xs(), t.ys(), stat,
                        BootstrapInterval.DEFAULT_REPLICATES, seed + i);
                tests.add(new AlignmentTest(t.x(), t.y(), t.method(), t.xs().length, t.c().r(), t.c().p(), q[i],
                        reject[i], ci, t.purpose()));
            }
        }
        List<StageCheck> stages = new ArrayList<>();
        for (Map.Entry<ProxyTaskKind, List<ModelResult>> e : byTask.entrySet()) {
            if (e.getKey().trains()) {
                stages.addAll(stages(e.getKey(), e.getValue(), tests, chance.getOrDefault(e.getKey(), 0.0)));
            }
        }
        return new Alignment(tests, stages, skipped, seed);
    }

    private static void add(List<Pending> pending, List<String> skipped, String x, String y, String method,
                            double[] xs, double[] ys, String purpose) {
        String what = x + " vs " + y + " (" + method + ")";
        if (xs.length < MIN_MODELS) {
            skipped.add(what + ": only " + xs.length + " models, at least " + MIN_MODELS + " needed");
            return;
        }
        try {
            Correlation c = method.equals("pearson") ? Pearson.of(xs, ys) : Spearman.of(xs, ys);
            pending.add(new Pending(x, y, method, xs, ys, purpose, c));
        } catch (UndefinedMetricException ex) {
            skipped.add(what + ": " + ex.getMessage());
        }
    }

    private static double[] values(List<ModelResult> ms, ToDoubleFunction<ModelResult> f) {
        return ms.stream().mapToDouble(f).toArray();
    }

    private static List<StageCheck> stages(ProxyTaskKind task, List<ModelResult> ms, List<AlignmentTest> tests,
                                           double chance) {
        List<StageCheck> out = new ArrayList<>();
        out.add(stageOne(task, ms, chance));
        String px = task.word() + "." + task.metricName();
        String rank = task.word() + ".effective_rank";
        out.add(correlationStage(task, 2, find(tests, px, rank)));
        AlignmentTest lp = find(tests, rank, "lp_auc");
        AlignmentTest md = find(tests, rank, "md_auc");
        StageCheck s3lp = correlationStage(task, 3, lp);
        StageCheck s3md = correlationStage(task, 3, md);
        StageCheck.Verdict v = s3lp.verdict() == s3md.verdict() ? s3lp.verdict()
                : s3lp.verdict() == StageCheck.Verdict.PASS || s3md.verdict() == StageCheck.Verdict.PASS
                ? StageCheck.Verdict.PASS : StageCheck.Verdict.INCONCLUSIVE;
        out.add(new StageCheck(task, 3, v, "LP: " + s3lp.numbers() + "; MD: " + s3md.numbers()));
        return out;
    }

    private static AlignmentTest find(List<AlignmentTest> tests, String x, String y) {
        return tests.stream().filter(t -> t.x().equals(x) && t.y().equals(y) && t.method().equals("spearman"))
                .findFirst().orElse(null);
    }

    private static StageCheck correlationStage(ProxyTaskKind task, int stage, AlignmentTest t) {
        if (t == null) {
            return new StageCheck(task, stage, StageCheck.Verdict.INCONCLUSIVE,
                    "no test (too few models or a constant quantity)");
        }
        String numbers = String.format(Locale.ROOT, "%s vs %s: Spearman rho %.2f, p %.3g, BH p %.3g, n %d, %s",
                t.x(), t.y(), t.r(), t.p(), t.pBh(), t.n(), t.interval().describe());
        StageCheck.Verdict v;
        if (t.reject()) {
            v = StageCheck.Verdict.PASS;
        } else if (t.interval().low() > -STRONG && t.interval().high() < STRONG && !t.interval().unreliable()) {
            v = StageCheck.Verdict.FAIL;
        } else {
            v = StageCheck.Verdict.INCONCLUSIVE;
        }
        return new StageCheck(task, stage, v, numbers);
    }

    /**
     * Stage 1: fails when every model of the task is at chance (the task was not learnt) or every
     * model is at the ceiling (saturated: the metric cannot tell the models apart).
     *
     * @param chance the metric's chance level for classification (1 / classes) and contrastive
     *               retrieval (1 / validation clips); ignored for the other tasks
     */
    static StageCheck stageOne(ProxyTaskKind task, List<ModelResult> ms, double chance) {
        double[] v = values(ms, ModelResult::proxyMetric);
        double min = java.util.Arrays.stream(v).min().orElse(Double.NaN);
        double max = java.util.Arrays.stream(v).max().orElse(Double.NaN);
        return switch (task) {
            // Standardised inputs: predicting the band mean gives an MSE of about 1.
            case RECONSTRUCTION -> verdict(task, ms, min >= 0.95, max <= 0.01, String.format(Locale.ROOT,
                    "validation MSE %.4g..%.4g over %d models (chance, predicting the band mean: about 1; "
                            + "failed if all >= 0.95, saturated if all <= 0.01)", min, max, ms.size()));
            case SEPARATION -> verdict(task, ms, max <= 0.5, min >= 30, String.format(Locale.ROOT,
                    "SI-SDR improvement %.3g..%.3g dB over %d models (failed if all <= 0.5 dB, "
                            + "saturated if all >= 30 dB)", min, max, ms.size()));
            case CLASSIFICATION, CONTRASTIVE -> verdict(task, ms, max <= chance + 0.1, min >= 0.99,
                    String.format(Locale.ROOT, "%s %.3g..%.3g over %d models (chance %.3g; failed if all <= chance + "
                                    + "0.1, saturated if all >= 0.99)",
                            task == ProxyTaskKind.CLASSIFICATION ? "validation accuracy" : "top-1 retrieval", min,
                            max, ms.size(), chance));
            case PRETRAINED -> new StageCheck(task, 1, StageCheck.Verdict.INCONCLUSIVE,
                    "frozen encoder: no proxy metric");
        };
    }

    private static StageCheck verdict(ProxyTaskKind task, List<ModelResult> ms, boolean failed, boolean saturated,
                                      String numbers) {
        if (ms.size() < 2) {
            return new StageCheck(task, 1, StageCheck.Verdict.INCONCLUSIVE, numbers + "; fewer than 2 models");
        }
        if (failed) {
            return new StageCheck(task, 1, StageCheck.Verdict.FAIL, numbers + "; FAILED (not learnt)");
        }
        if (saturated) {
            return new StageCheck(task, 1, StageCheck.Verdict.FAIL, numbers + "; SATURATED");
        }
        return new StageCheck(task, 1, StageCheck.Verdict.PASS, numbers);
    }
}
