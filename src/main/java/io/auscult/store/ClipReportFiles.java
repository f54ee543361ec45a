package io.auscult.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auscult.detect.Provenance;
import io.auscult.engine.AtomicFile;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.faithfulness.BudgetGrid;
import io.auscult.faithfulness.Faithfulness;
import io.auscult.faithfulness.Localisation;
import io.auscult.faithfulness.ReplacementCurve;
import io.auscult.faithfulness.StudyCell;
import io.auscult.features.Spectrogram;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes the report of one clip ({@link ClipReport}) into a folder:
 * <ul>
 * <li>{@code report.html}: self-contained (every figure a base64 PNG data URI, no script, no
 * external file): the clip and its labels, each detector's score against its threshold, the
 * log-mel with the ground-truth outline, each cell's overlay, each detector's faithfulness
 * curves over its random band, the table, the settings and each model's provenance. Written
 * as well-formed XHTML-compatible markup, all text escaped;</li>
 * <li>{@code table.csv}: one row per detector x method;</li>
 * <li>{@code curves.csv}: the curves long-form, one row per detector x method x k;</li>
 * <li>{@code map_DETECTOR_METHOD.csv}: each map in model-input units ({@link SpectrogramCsv});</li>
 * <li>{@code report.json}: the table and the curves.</li>
 * </ul>
 * Numbers in CSV and JSON are written in full (Java's shortest round-trip form), undefined ones
 * empty (CSV) or null (JSON). Every file is written atomically.
 */
public final class ClipReportFiles {

    /** The columns of table.csv. */
    public static final List<String> TABLE_COLUMNS = List.of("detector", "method", "parameters", "area",
            "random_area", "gain", "drop_at_1", "drop_at_5", "drop_at_10", "loc_auroc", "temporal_auroc",
            "relevance_mass", "ms", "curve_ms", "failure");

    /** The columns of curves.csv. */
    public static final List<String> CURVE_COLUMNS = List.of("detector", "method", "k", "drop", "score",
            "random_mean", "random_lo", "random_hi");

    private ClipReportFiles() {
    }

    /** Writes every file into {@code dir} (created if needed); returns the paths, report.html last. */
    public static List<Path> write(Path dir, ClipReport report) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        written.add(text(dir.resolve("table.csv"), tableCsv(report)));
        written.add(text(dir.resolve("curves.csv"), curvesCsv(report)));
        for (Map.Entry<String, AttributionMap> m : mapFiles(report).entrySet()) {
            Path p = dir.resolve(m.getKey());
            SpectrogramCsv.write(m.getValue().values(), p);
            written.add(p);
        }
        written.add(text(dir.resolve("report.json"), json(report)));
        written.add(writeHtml(dir.resolve("report.html"), report));
        return written;
    }

    /** Writes only the self-contained HTML report (the workbench's "export HTML"). */
    public static Path writeHtml(Path file, ClipReport report) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return text(file, html(report));
    }

    /** The file name of each cell's map CSV, unique within the report, in (row, column) order. */
    public static Map<String, AttributionMap> mapFiles(ClipReport report) {
        Map<String, AttributionMap> files = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (StudyCell c : report.orderedCells()) {
            if (c.map().isEmpty()) {
                continue;
            }
            String base = "map_" + safe(c.detector()) + "_" + safe(c.method());
            String name = base + ".csv";
            for (int i = 2; !used.add(name); i++) {
                name = base + "-" + i + ".csv";
            }
            files.put(name, c.map().get());
        }
        return files;
    }

    static String tableCsv(ClipReport report) {
        StringBuilder sb = new StringBuilder(String.join(",", TABLE_COLUMNS)).append('\n');
        for (StudyCell c : report.orderedCells()) {
            Optional<Faithfulness> f = c.faithfulness();
            Optional<Localisation> l = c.localisation();
            List<String> cells = List.of(csv(c.detector()), csv(c.method()), csv(parameters(c)),
                    f.map(x -> num(x.curve().area())).orElse(""),
                    f.map(x -> num(x.reference().meanArea())).orElse(""),
                    f.map(x -> num(x.gain())).orElse(""),
                    f.map(x -> num(drop(x, 0))).orElse(""), f.map(x -> num(drop(x, 1))).orElse(""),
                    f.map(x -> num(drop(x, 2))).orElse(""),
                    l.map(x -> num(x.pixelAuroc())).orElse(""), l.map(x -> num(x.temporalAuroc())).orElse(""),
                    l.map(x -> num(x.relevanceMass())).orElse(""),
                    num(c.millis()), c.succeeded() ? num(c.curveMillis()) : "", csv(c.failure().orElse("")));
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    static String curvesCsv(ClipReport report) {
        StringBuilder sb = new StringBuilder(String.join(",", CURVE_COLUMNS)).append('\n');
        for (StudyCell c : report.orderedCells()) {
            if (c.faithfulness().isEmpty()) {
                continue;
            }
            Faithfulness f = c.faithfulness().get();
            ReplacementCurve curve = f.curve();
            double[][] band = FaithfulnessCurvePlot.randomBand(f.reference());
            double[] k = curve.fractions();
            double[] d = curve.drops();
            double[] s = curve.scores();
            for (int i = 0; i < k.length; i++) {
                sb.append(String.join(",", csv(c.detector()), csv(c.method()), num(k[i]), num(d[i]), num(s[i]),
                        num(band[1][i]), num(band[0][i]), num(band[2][i]))).append('\n');
            }
        }
        return sb.toString();
    }

    static String json(ClipReport report) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("title", report.title());
        root.put("clip", report.clipName());
        ObjectNode labels = root.putObject("labels");
        new TreeMap<>(report.labels()).forEach(labels::put);
        ObjectNode settings = root.putObject("settings");
        settingsShown(report).forEach(settings::put);
        ArrayNode detectors = root.putArray("detectors");
        for (ClipReport.DetectorRow d : report.detectors()) {
            ObjectNode o = detectors.addObject();
            o.put("detector", d.label());
            put(o, "score", d.score());
            o.put("threshold", d.threshold().value());
            o.put("threshold_method", d.threshold().method());
            o.put("anomalous", d.anomalous());
            if (d.provenance().isPresent()) {
                provenance(o.putObject("provenance"), d.provenance().get());
            } else {
                o.putNull("provenance");
            }
        }
        ArrayNode cells = root.putArray("cells");
        for (StudyCell c : report.orderedCells()) {
            ObjectNode o = cells.addObject();
            o.put("detector", c.detector());
            o.put("method", c.method());
            ObjectNode params = o.putObject("parameters");
            new TreeMap<>(c.parameters()).forEach(params::put);
            if (c.failure().isPresent()) {
                o.put("failure", c.failure().get());
                put(o, "ms", c.millis());
                continue;
            }
            o.putNull("failure");
            Faithfulness f = c.faithfulness().get();
            put(o, "area", f.curve().area());
            put(o, "random_area", f.reference().meanArea());
            put(o, "gain", f.gain());
            put(o, "drop_at_1", drop(f, 0));
            put(o, "drop_at_5", drop(f, 1));
            put(o, "drop_at_10", drop(f, 2));
            put(o, "loc_auroc", c.localisation().map(Localisation::pixelAuroc).orElse(Double.NaN));
            put(o, "temporal_auroc", c.localisation().map(Localisation::temporalAuroc).orElse(Double.NaN));
            put(o, "relevance_mass", c.localisation().map(Localisation::relevanceMass).orElse(Double.NaN));
            put(o, "ms", c.millis());
            put(o, "curve_ms", c.curveMillis());
            ObjectNode curve = o.putObject("curve");
            double[][] band = FaithfulnessCurvePlot.randomBand(f.reference());
            array(curve.putArray("k"), f.curve().fractions());
            array(curve.putArray("drop"), f.curve().drops());
            array(curve.putArray("score"), f.curve().scores());
            array(curve.putArray("random_mean"), band[1]);
            array(curve.putArray("random_lo"), band[0]);
            array(curve.putArray("random_hi"), band[2]);
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    // ---------------------------------------------------------------- HTML

    static String html(ClipReport report) throws IOException {
        List<StudyCell> ordered = report.orderedCells();
        int columns = (int) ordered.stream().mapToInt(StudyCell::column).distinct().count();
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>").append(esc(report.title()))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1400px;color:#202020}"
                        + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;"
                        + "text-align:right}td.t,th{text-align:left}th{background:#f0f0f0}"
                        + ".anomalous{color:#b00;font-weight:bold}.normal{color:#070;font-weight:bold}"
                        + ".grid{display:grid;gap:10px;grid-template-columns:repeat(" + Math.max(1, columns)
                        + ",minmax(260px,1fr));overflow-x:auto}.cell{border:1px solid #ddd;padding:4px;font-size:12px}"
                        + ".cell img{width:100%}.failed{color:#b00}img{max-width:100%}"
                        + "dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:bold}"
                        + "dd{margin:0}</style></head><body>\n");
        h.append("<h1>").append(esc(report.title())).append("</h1>\n");

        h.append("<h2>Clip</h2>\n<dl><dt>clip</dt><dd>").append(esc(report.clipName())).append("</dd>");
        for (Map.Entry<String, String> e : new TreeMap<>(report.labels()).entrySet()) {
            h.append("<dt>").append(esc(e.getKey())).append("</dt><dd>").append(esc(e.getValue())).append("</dd>");
        }
        h.append("<dt>ground truth</dt><dd>").append(esc(report.mask().map(m -> m.count() + " bins, frames "
                + m.firstFrame() + " to " + m.lastFrame() + " (outlined in cyan)").orElse("none known")))
                .append("</dd></dl>\n");

        h.append("<h2>Detectors</h2>\n<table><tr><th>detector</th><th>score</th><th>threshold</th>"
                + "<th>decision</th></tr>\n");
        for (ClipReport.DetectorRow d : report.detectors()) {
            String decision = !Double.isFinite(d.score()) ? "" : d.anomalous() ? "anomalous" : "normal";
            h.append("<tr><td class=\"t\">").append(esc(d.label())).append("</td><td>").append(fmt(d.score(), "%.5g"))
                    .append("</td><td>").append(fmt(d.threshold().value(), "%.5g")).append("</td><td class=\"t ")
                    .append(decision).append("\">").append(decision).append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Log-mel spectrogram</h2>\n");
        SpectrogramImage.Options background = new SpectrogramImage.Options(report.clipName() + " — log-mel (dB)",
                ColorMap.named("magma"), 80, report.mask().map(m -> m.cells()));
        image(h, SpectrogramImage.render(report.logMelDb(), background), "log-mel of " + report.clipName());

        h.append("<h2>Attribution maps</h2>\n<p>").append(esc(describe(report.normalisation(), report.scale())))
                .append(report.mask().isPresent() ? " The ground-truth region is outlined in cyan." : "")
                .append("</p>\n");
        Map<StudyCell, Spectrogram> shown = normalised(report);
        boolean signed = report.normalisation().mode() == DisplayNormalisation.Mode.SIGNED;
        String label = report.normalisation().mode().name().toLowerCase(Locale.ROOT);
        for (int r = 0; r < report.detectors().size(); r++) {
            List<StudyCell> row = report.row(r);
            if (row.isEmpty()) {
                continue;
            }
            h.append("<h3>").append(esc(report.detectors().get(r).label())).append("</h3>\n<div class=\"grid\">\n");
            for (StudyCell c : row) {
                h.append("<div class=\"cell\"><b>").append(esc(c.method())).append("</b> ");
                if (c.failure().isPresent()) {
                    h.append("<p class=\"failed\">").append(esc(c.failure().get())).append("</p></div>\n");
                    continue;
                }
                h.append(esc(String.format(Locale.ROOT, "gain %+.3f", c.gain())));
                c.localisation().ifPresent(l -> h.append(esc(", AUROC " + fmt(l.pixelAuroc(), "%.3f"))));
                h.append("<br/>");
                Spectrogram values = shown.get(c);
                Spectrogram bg = onGrid(report.logMelDb(), values);
                Optional<boolean[]> mask = report.mask().filter(m -> m.frames() == values.frames()
                        && m.mels() == values.mels()).map(m -> m.cells());
                SpectrogramImage.Options o = new SpectrogramImage.Options(c.detector() + " — " + c.method(),
                        ColorMap.named("gray"), 80, mask);
                image(h, SpectrogramImage.render(bg, o, new SpectrogramImage.Overlay(values, signed, label)),
                        c.detector() + " " + c.method());
                h.append("</div>\n");
            }
            h.append("</div>\n");
        }

        h.append("<h2>Faithfulness curves</h2>\n<p>The highest-attributed units are replaced by the reconstruction "
                + "and the clip is scored again: d(k) = (s(x) − s(x_k)) / (s(x) − s(x̂)). Area under d: higher means "
                + "the map finds what drives the score sooner. Gain: area minus the mean area of random orders "
                + "(grey band: lowest to highest random order, dashed: their mean).</p>\n");
        for (int r = 0; r < report.detectors().size(); r++) {
            List<StudyCell> row = report.row(r);
            if (row.stream().anyMatch(StudyCell::succeeded)) {
                String detector = report.detectors().get(r).label();
                image(h, FaithfulnessCurvePlot.clipCurves("Replacement curves: " + detector, row),
                        "faithfulness curves of " + detector);
            }
        }

        h.append("<h2>Table</h2>\n<table><tr><th>detector</th><th>method</th><th>parameters</th><th>area</th>"
                + "<th>gain</th><th>d@1%</th><th>d@5%</th><th>d@10%</th><th>pixel AUROC</th><th>temporal AUROC</th>"
                + "<th>relevance mass</th><th>ms</th><th>note</th></tr>\n");
        for (StudyCell c : ordered) {
            Optional<Faithfulness> f = c.faithfulness();
            Optional<Localisation> l = c.localisation();
            h.append("<tr><td class=\"t\">").append(esc(c.detector())).append("</td><td class=\"t\">")
                    .append(esc(c.method())).append("</td><td class=\"t\">").append(esc(parameters(c)))
                    .append("</td><td>").append(f.map(x -> fmt(x.curve().area(), "%.3f")).orElse(""))
                    .append("</td><td>").append(f.map(x -> fmt(x.gain(), "%+.3f")).orElse(""))
                    .append("</td><td>").append(f.map(x -> fmt(drop(x, 0), "%.3f")).orElse(""))
                    .append("</td><td>").append(f.map(x -> fmt(drop(x, 1), "%.3f")).orElse(""))
                    .append("</td><td>").append(f.map(x -> fmt(drop(x, 2), "%.3f")).orElse(""))
                    .append("</td><td>").append(l.map(x -> fmt(x.pixelAuroc(), "%.3f")).orElse(""))
                    .append("</td><td>").append(l.map(x -> fmt(x.temporalAuroc(), "%.3f")).orElse(""))
                    .append("</td><td>").append(l.map(x -> fmt(x.relevanceMass(), "%.3f")).orElse(""))
                    .append("</td><td>").append(fmt(c.millis(), "%.0f")).append("</td><td class=\"t failed\">")
                    .append(esc(c.failure().orElse(""))).append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Settings</h2>\n<dl>");
        for (Map.Entry<String, String> e : settingsShown(report).entrySet()) {
            h.append("<dt>").append(esc(e.getKey())).append("</dt><dd>").append(esc(e.getValue())).append("</dd>");
        }
        h.append("</dl>\n<h2>Models</h2>\n");
        for (ClipReport.DetectorRow d : report.detectors()) {
            h.append("<h3>").append(esc(d.label())).append("</h3>\n<dl><dt>threshold</dt><dd>")
                    .append(esc(fmt(d.threshold().value(), "%.5g") + " (" + d.threshold().method() + ")"))
                    .append("</dd>");
            if (d.provenance().isPresent()) {
                Provenance p = d.provenance().get();
                dd(h, "Auscult version", p.auscultVersion());
                dd(h, "ND4J version", p.nd4jVersion());
                dd(h, "training seed", Long.toString(p.seed()));
                dd(h, "dataset", p.dataset());
                dd(h, "training files", Integer.toString(p.trainingFiles().size()));
                dd(h, "config", p.config().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ")));
                if (!p.evaluation().isEmpty()) {
                    dd(h, "evaluation", p.evaluation().entrySet().stream()
                            .map(e -> e.getKey() + "=" + fmt(e.getValue(), "%.4f")).collect(Collectors.joining(", ")));
                }
            } else {
                dd(h, "provenance", "not known");
            }
            h.append("</dl>\n");
        }
        h.append("<p>Made by Auscult. Figures are embedded; this file needs nothing else.</p>\n</body></html>\n");
        return h.toString();
    }

    /** Each cell's map prepared for display, per map or on one scale per detector. */
    static Map<StudyCell, Spectrogram> normalised(ClipReport report) {
        Map<StudyCell, Spectrogram> out = new IdentityHashMap<>();
        for (int r = 0; r < report.detectors().size(); r++) {
            List<StudyCell> row = report.row(r).stream().filter(StudyCell::succeeded).toList();
            if (report.scale() == ClipReport.OverlayScale.PER_ROW) {
                List<Spectrogram> shared = report.normalisation().applyShared(
                        row.stream().map(c -> c.map().orElseThrow()).toList());
                for (int i = 0; i < row.size(); i++) {
                    out.put(row.get(i), shared.get(i));
                }
            } else {
                for (StudyCell c : row) {
                    out.put(c, report.normalisation().apply(c.map().orElseThrow()));
                }
            }
        }
        return out;
    }

    /** The settings as shown: the study's, then the display normalisation. */
    private static Map<String, String> settingsShown(ClipReport report) {
        Map<String, String> s = new LinkedHashMap<>(new TreeMap<>(report.settings()));
        s.put("display", describe(report.normalisation(), report.scale()));
        return s;
    }

    private static String describe(DisplayNormalisation n, ClipReport.OverlayScale scale) {
        return String.format(Locale.ROOT, "Overlays show the %s part of each map, full strength from percentile %s "
                        + "of its values up, %s.",
                n.mode().name().toLowerCase(Locale.ROOT), new java.math.BigDecimal(Double.toString(n.clipPercentile()))
                        .stripTrailingZeros().toPlainString(),
                scale == ClipReport.OverlayScale.PER_ROW ? "on one scale per detector" : "each on its own scale");
    }

    /** The log-mel when it is on the map's grid; else a flat background (a detector with another front end). */
    private static Spectrogram onGrid(Spectrogram logMel, Spectrogram map) {
        if (logMel.frames() == map.frames() && logMel.mels() == map.mels()) {
            return logMel;
        }
        return map.withValues(new float[map.values().length]);
    }

    private static void dd(StringBuilder h, String term, String value) {
        h.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>");
    }

    private static void image(StringBuilder h, BufferedImage img, String alt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer available");
        }
        h.append("<img alt=\"").append(esc(alt)).append("\" width=\"").append(img.getWidth()).append("\" height=\"")
                .append(img.getHeight()).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(out.toByteArray())).append("\"/>\n");
    }

    private static String parameters(StudyCell c) {
        return new TreeMap<>(c.parameters()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static double drop(Faithfulness f, int budget) {
        List<io.auscult.faithfulness.BudgetDrop> b = f.curve().budgets();
        return budget < b.size() && b.get(budget).fraction() == BudgetGrid.REPORTED_BUDGETS[budget]
                ? b.get(budget).drop() : Double.NaN;
    }

    private static void provenance(ObjectNode o, Provenance p) {
        o.put("auscult_version", p.auscultVersion());
        o.put("nd4j_version", p.nd4jVersion());
        o.put("seed", p.seed());
        o.put("dataset", p.dataset());
        o.put("training_files", p.trainingFiles().size());
        ObjectNode config = o.putObject("config");
        p.config().forEach(config::put);
        ObjectNode evaluation = o.putObject("evaluation");
        p.evaluation().forEach((k, v) -> put(evaluation, k, v));
    }

    private static void array(ArrayNode a, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
    }

    private static void put(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    private static Path text(Path p, String content) throws IOException {
        AtomicFile.write(p, o -> o.write(content.getBytes(StandardCharsets.UTF_8)));
        return p;
    }

    /** Full precision: the shortest decimal that reads back to the same double; empty if undefined. */
    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String fmt(double v, String pattern) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, pattern, v) : "–";
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A label as part of a file name: letters, digits, '.', '-' kept, runs of anything else one '_'. */
    static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9.-]+", "_").replaceAll("^_+|_+$", "");
        return t.isEmpty() ? "x" : t;
    }

    /** Text for HTML content and attribute values. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
