package io.auscult.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.auscult.engine.AtomicFile;
import io.auscult.metrics.BootstrapInterval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a lab's results into a folder: {@code models.csv} (one row per model),
 * {@code alignment.csv} (one row per correlation test), {@code stages.csv}, {@code lab.json}
 * (everything, with the seed and the bootstrap convention), {@code report.html} (self-contained:
 * the scatter plots as base64 PNG, the tables, the stage verdicts) and one PNG per task. Every
 * file is written atomically.
 */
public final class LabReport {

    private LabReport() {
    }

    /** The files written, in order. */
    public static List<Path> write(ProxyLab.Result result, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        Path models = dir.resolve("models.csv");
        AtomicFile.writeString(models, modelsCsv(result.models()));
        written.add(models);
        Path alignment = dir.resolve("alignment.csv");
        AtomicFile.writeString(alignment, alignmentCsv(result.alignment()));
        written.add(alignment);
        Path stages = dir.resolve("stages.csv");
        AtomicFile.writeString(stages, stagesCsv(result.alignment()));
        written.add(stages);
        Path json = dir.resolve("lab.json");
        AtomicFile.writeString(json, json(result));
        written.add(json);
        Map<ProxyTaskKind, byte[]> plots = new EnumMap<>(ProxyTaskKind.class);
        for (Map.Entry<ProxyTaskKind, List<ModelResult>> e : byTask(result.models()).entrySet()) {
            if (e.getKey().trains()) {
                byte[] png = LabScatterPlot.png(e.getKey(), e.getValue());
                plots.put(e.getKey(), png);
                Path p = dir.resolve("scatter-" + e.getKey().word() + ".png");
                AtomicFile.write(p, out -> out.write(png));
                written.add(p);
            }
        }
        Path html = dir.resolve("report.html");
        AtomicFile.writeString(html, html(result, plots));
        written.add(html);
        return written;
    }

    static Map<ProxyTaskKind, List<ModelResult>> byTask(List<ModelResult> models) {
        Map<ProxyTaskKind, List<ModelResult>> out = new EnumMap<>(ProxyTaskKind.class);
        for (ModelResult m : models) {
            out.computeIfAbsent(m.task(), t -> new ArrayList<>()).add(m);
        }
        return out;
    }

    /** A number for CSV: empty when undefined (NaN), else the shortest exact decimal. */
    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static String modelsCsv(List<ModelResult> models) {
        StringBuilder b = new StringBuilder("task,model,proxy_metric_name,proxy_metric,lp_auc,md_auc,direct_auc,"
                + "direct_pauc,capacity,epoch,embedding_dim,train_loss,effective_rank\n");
        for (ModelResult m : models) {
            b.append(m.task().word()).append(',').append(m.model()).append(',').append(m.task().metricName())
                    .append(',').append(num(m.proxyMetric())).append(',').append(num(m.lpAuc())).append(',')
                    .append(num(m.mdAuc())).append(',').append(num(m.directAuc())).append(',')
                    .append(num(m.directPauc())).append(',').append(m.capacity()).append(',').append(m.epoch())
                    .append(',').append(m.embeddingDim()).append(',').append(num(m.trainLoss())).append(',')
                    .append(num(m.effectiveRank())).append('\n');
        }
        return b.toString();
    }

    static String alignmentCsv(Alignment a) {
        StringBuilder b = new StringBuilder("x,y,method,r,p,p_bh,reject,n,ci_low,ci_high,ci_dropped,purpose\n");
        for (AlignmentTest t : a.tests()) {
            b.append(t.x()).append(',').append(t.y()).append(',').append(t.method()).append(',').append(num(t.r()))
                    .append(',').append(num(t.p())).append(',').append(num(t.pBh())).append(',').append(t.reject())
                    .append(',').append(t.n()).append(',').append(num(t.interval().low())).append(',')
                    .append(num(t.interval().high())).append(',').append(t.interval().dropped()).append(',')
                    .append(t.purpose()).append('\n');
        }
        return b.toString();
    }

    static String stagesCsv(Alignment a) {
        StringBuilder b = new StringBuilder("task,stage,verdict,numbers\n");
        for (StageCheck s : a.stages()) {
            b.append(s.task().word()).append(',').append(s.stage()).append(',').append(s.verdict().word()).append(",\"")
                    .append(s.numbers().replace("\"", "\"\"")).append("\"\n");
        }
        return b.toString();
    }

    static String json(ProxyLab.Result result) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        ProxyLab.Request r = result.request();
        root.put("tasks", r.tasks().stream().map(ProxyTaskKind::word).sorted().toList());
        root.put("seed", r.seed());
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("name", r.grid().name());
        grid.put("capacities", r.grid().capacities());
        grid.put("checkpoints", r.grid().checkpoints());
        grid.put("batchSize", r.grid().batchSize());
        grid.put("cropFrames", r.grid().cropFrames());
        grid.put("learningRate", r.grid().learningRate());
        root.put("grid", grid);
        LabData d = result.data();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("classes", d.classes());
        data.put("trainClips", d.role(LabClip.Role.TRAIN).size());
        data.put("validationClips", d.role(LabClip.Role.VALIDATION).size());
        data.put("testClips", d.role(LabClip.Role.TEST).size());
        data.put("skipped", d.skipped().stream().map(Object::toString).toList());
        root.put("data", data);
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelResult m : result.models()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("task", m.task().word());
            o.put("model", m.model());
            o.put("capacity", m.capacity());
            o.put("epoch", m.epoch());
            o.put("embeddingDim", m.embeddingDim());
            o.put("proxyMetricName", m.task().metricName());
            o.put("proxyMetric", finite(m.proxyMetric()));
            o.put("lpAuc", finite(m.lpAuc()));
            o.put("mdAuc", finite(m.mdAuc()));
            o.put("directAuc", finite(m.directAuc()));
            o.put("directPauc", finite(m.directPauc()));
            o.put("trainLoss", finite(m.trainLoss()));
            o.put("effectiveRank", finite(m.effectiveRank()));
            models.add(o);
        }
        root.put("models", models);
        List<Map<String, Object>> tests = new ArrayList<>();
        for (AlignmentTest t : result.alignment().tests()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("x", t.x());
            o.put("y", t.y());
            o.put("method", t.method());
            o.put("n", t.n());
            o.put("r", t.r());
            o.put("p", t.p());
            o.put("pBh", t.pBh());
            o.put("reject", t.reject());
            o.put("ciLow", t.interval().low());
            o.put("ciHigh", t.interval().high());
            o.put("ciDropped", t.interval().dropped());
            o.put("ciUnreliable", t.interval().unreliable());
            o.put("purpose", t.purpose());
            tests.add(o);
        }
        root.put("alignment", tests);
        root.put("multipleTesting", "Benjamini-Hochberg over all " + tests.size() + " tests, alpha "
                + Alignment.ALPHA + ", reject iff adjusted p <= alpha");
        root.put("bootstrap", "95% percentile bootstrap over models (pairs resampled), B = "
                + BootstrapInterval.DEFAULT_REPLICATES + ", seed " + r.seed() + " + test index");
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageCheck s : result.alignment().stages()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("task", s.task().word());
            o.put("stage", s.stage());
            o.put("verdict", s.verdict().word());
            o.put("numbers", s.numbers());
            stages.add(o);
        }
        root.put("stages", stages);
        root.put("skippedTests", result.alignment().skipped());
        root.put("reading", reading(result));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * The plain-language reading: how many tests survive the correction, and which task's
     * embeddings detected best; nothing beyond what the numbers say.
     */
    static String reading(ProxyLab.Result result) {
        List<AlignmentTest> tests = result.alignment().tests();
        long headline = tests.stream().filter(t -> t.purpose().equals("headline")).count();
        List<AlignmentTest> surviving = tests.stream().filter(t -> t.purpose().equals("headline") && t.reject())
                .toList();
        StringBuilder b = new StringBuilder();
        if (headline == 0) {
            b.append("No proxy-metric test could be run (too few models per task). ");
        } else if (surviving.isEmpty()) {
            b.append(String.format(Locale.ROOT, "None of the %d proxy-metric vs detection tests survives "
                    + "Benjamini-Hochberg correction at %.2f: on this data no proxy metric is shown to predict "
                    + "LP or MD detection. ", headline, Alignment.ALPHA));
        } else {
            b.append(String.format(Locale.ROOT, "%d of %d proxy-metric vs detection tests survive "
                    + "Benjamini-Hochberg correction at %.2f: ", surviving.size(), headline, Alignment.ALPHA));
            for (AlignmentTest t : surviving) {
                b.append(String.format(Locale.ROOT, "%s vs %s (%s r = %.2f, BH p = %.3g); ", t.x(), t.y(),
                        t.method(), t.r(), t.pBh()));
            }
        }
        ModelResult best = null;
        for (ModelResult m : result.models()) {
            double auc = Math.max(m.lpAuc(), m.mdAuc());
            if (best == null || auc > Math.max(best.lpAuc(), best.mdAuc())) {
                best = m;
            }
        }
        if (best != null) {
            b.append(String.format(Locale.ROOT, "Best embedding detection: %s (LP AUC %.3f, MD AUC %.3f). ",
                    best.model(), best.lpAuc(), best.mdAuc()));
        }
        ModelResult bestDirect = null;
        for (ModelResult m : result.models()) {
            if (Double.isFinite(m.directAuc()) && (bestDirect == null || m.directAuc() > bestDirect.directAuc())) {
                bestDirect = m;
            }
        }
        if (bestDirect != null) {
            b.append(String.format(Locale.ROOT, "Best direct score: %s (AUC %.3f).", bestDirect.model(),
                    bestDirect.directAuc()));
        }
        return b.toString().trim();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "&ndash;";
    }

    static String html(ProxyLab.Result result, Map<ProxyTaskKind, byte[]> plots) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Auscult proxy-task lab")
                .append("</title>\n<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;")
                .append("padding:3px 7px;text-align:right}th{background:#f3f3f3}td.l{text-align:left}")
                .append(".pass{color:#176b1c;font-weight:bold}.fail{color:#a11;font-weight:bold}")
                .append(".inconclusive{color:#866000;font-weight:bold}img{margin:4px;border:1px solid #ddd}")
                .append("</style></head><body>\n");
        ProxyLab.Request r = result.request();
        b.append("<h1>Proxy-task lab</h1>\n<p>Grid <b>").append(esc(r.grid().name())).append("</b>, seed ")
                .append(r.seed()).append(", ").append(result.models().size()).append(" models; classes ")
                .append(esc(String.join(", ", result.data().classes()))).append("; ")
                .append(result.data().role(LabClip.Role.TRAIN).size()).append(" training, ")
                .append(result.data().role(LabClip.Role.VALIDATION).size()).append(" held-out normal and ")
                .append(result.data().role(LabClip.Role.TEST).size()).append(" test clips.</p>\n");
        b.append("<h2>Reading</h2>\n<p>").append(esc(reading(result))).append("</p>\n");
        b.append("<h2>Proxy metric vs detection</h2>\n");
        for (Map.Entry<ProxyTaskKind, byte[]> e : plots.entrySet()) {
            b.append("<img alt=\"").append(e.getKey().word()).append(" scatter\" width=\"").append(LabScatterPlot.WIDTH)
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(e.getValue()))
                    .append("\">\n");
        }
        b.append("<h2>Three-stage check</h2>\n<table><tr><th>task</th><th>stage</th><th>verdict</th><th>numbers</th></tr>\n");
        for (StageCheck s : result.alignment().stages()) {
            b.append("<tr><td class=\"l\">").append(s.task().word()).append("</td><td>").append(s.stage())
                    .append("</td><td class=\"").append(s.verdict().word()).append("\">").append(s.verdict().word())
                    .append("</td><td class=\"l\">").append(esc(s.numbers())).append("</td></tr>\n");
        }
        b.append("</table>\n<p>Stage 1: the proxy task is neither saturated nor failed. Stage 2: the proxy metric "
                + "tracks an embedding property (effective rank of the normal embeddings). Stage 3: that property "
                + "tracks detection (LP and MD AUC). A correlation stage passes when its test survives "
                + "Benjamini-Hochberg correction, fails when its 95% bootstrap interval lies inside (-0.5, 0.5), "
                + "and is inconclusive otherwise.</p>\n");
        b.append("<h2>Statistics</h2>\n<table><tr><th>x</th><th>y</th><th>method</th><th>n</th><th>r</th>"
                + "<th>95% CI</th><th>p</th><th>p (BH)</th><th>reject</th></tr>\n");
        for (AlignmentTest t : result.alignment().tests()) {
            b.append("<tr><td class=\"l\">").append(esc(t.x())).append("</td><td class=\"l\">").append(esc(t.y()))
                    .append("</td><td class=\"l\">").append(t.method()).append("</td><td>").append(t.n())
                    .append("</td><td>").append(f(t.r())).append("</td><td>[").append(f(t.interval().low()))
                    .append(", ").append(f(t.interval().high())).append("]").append(t.interval().unreliable()
                            ? " unreliable" : "").append("</td><td>").append(f(t.p())).append("</td><td>")
                    .append(f(t.pBh())).append("</td><td>").append(t.reject() ? "yes" : "no").append("</td></tr>\n");
        }
        b.append("</table>\n<p>Benjamini-Hochberg over all tests of this lab at alpha ").append(Alignment.ALPHA)
                .append("; intervals: 95% percentile bootstrap over models, B = ")
                .append(BootstrapInterval.DEFAULT_REPLICATES).append(", seed ").append(r.seed()).append(".</p>\n");
        if (!result.alignment().skipped().isEmpty()) {
            b.append("<p>Tests not run:</p><ul>\n");
            for (String s : result.alignment().skipped()) {
                b.append("<li>").append(esc(s)).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("<h2>Models</h2>\n<table><tr><th>model</th><th>proxy metric</th><th>value</th><th>LP AUC</th>"
                + "<th>MD AUC</th><th>direct AUC</th><th>direct pAUC</th><th>emb. dim</th><th>eff. rank</th></tr>\n");
        for (ModelResult m : result.models()) {
            b.append("<tr><td class=\"l\">").append(esc(m.model())).append("</td><td class=\"l\">")
                    .append(m.task().metricName()).append("</td><td>").append(f(m.proxyMetric())).append("</td><td>")
                    .append(f(m.lpAuc())).append("</td><td>").append(f(m.mdAuc())).append("</td><td>")
                    .append(f(m.directAuc())).append("</td><td>").append(f(m.directPauc())).append("</td><td>")
                    .append(m.embeddingDim()).append("</td><td>").append(f(m.effectiveRank())).append("</td></tr>\n");
        }
        b.append("</table>\n<p>Embedding: mean over time and frequency of the last encoder level (dimension = its "
                + "width). LP AUC: L2 logistic regression, 4-fold stratified cross-validation over the test clips, "
                + "C chosen by inner 3-fold CV. MD AUC: squared Mahalanobis distance to the clip's own machine's "
                + "normal training embeddings (Ledoit-Wolf covariance). AUCs pooled over all test clips.</p>\n");
        b.append("</body></html>\n");
        return b.toString();
    }
}
