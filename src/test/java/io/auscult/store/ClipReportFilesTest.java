package io.auscult.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.data.synth.AnomalyMask;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.detect.DetectorKind;
import io.auscult.detect.Networks;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.explain.Attributions;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.faithfulness.ClipStudy;
import io.auscult.faithfulness.FaithfulnessMeasure;
import io.auscult.faithfulness.ReplacementCurve;
import io.auscult.faithfulness.ReplacementPerturbation;
import io.auscult.faithfulness.StudyCell;
import io.auscult.faithfulness.StudyDetector;
import io.auscult.faithfulness.StudyResult;
import io.auscult.faithfulness.StudySettings;
import io.auscult.faithfulness.TinyComparisonData;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The report of one clip from a study of tiny untrained AE and dense detectors. */
class ClipReportFilesTest {

    @TempDir
    static Path dir;
    private static TrainedDetector ae;
    private static TrainedDetector dense;
    private static ClipReport report;
    private static StudyResult study;
    private static Path out;
    private static List<Path> written;

    @BeforeAll
    static void setUp() throws Exception {
        Path data = TinyComparisonData.dataset(dir.resolve("data"));
        ae = ModelFile.read(TinyComparisonData.model(data, DetectorKind.AE, dir.resolve("ae.auscult")),
                Networks.LOADER);
        dense = ModelFile.read(TinyComparisonData.model(data, DetectorKind.DENSE, dir.resolve("dense.auscult")),
                Networks.LOADER);
        Path clip;
        try (Stream<Path> s = Files.list(data.resolve("valve").resolve("test"))) {
            clip = s.filter(p -> p.getFileName().toString().startsWith("anomaly") && p.toString().endsWith(".wav"))
                    .sorted().findFirst().orElseThrow();
        }
        AnomalyMask mask = AnomalyMaskCsv.read(AnomalyMaskCsv.besideWav(clip));
        LogMelExtractor extractor = new LogMelExtractor(ae.features());
        Spectrogram logMel = extractor.extract(AudioLoader.load(clip, ChannelChoice.MEAN, 16_000));
        List<StudyDetector> rows = List.of(
                new StudyDetector("valve · AE <tiny>", ae.reconstruction().orElseThrow(), ae.standardiser().apply(logMel), List.of(),
                        ae.threshold()),
                new StudyDetector("valve · dense", dense.reconstruction().orElseThrow(), dense.standardiser().apply(logMel), List.of(),
                        dense.threshold()));
        StudySettings settings = new StudySettings(1, 1,
                new FaithfulnessMeasure(ReplacementPerturbation.standard(), 3, 5), 5);
        study = new ClipStudy(settings).run(rows,
                List.of(Attributions.create("error", Map.of()), Attributions.create("saliency", Map.of()),
                        Attributions.create("gradcam", Map.of())),
                Optional.of(mask), c -> { }, Progress.NONE, Cancellation.NEVER);
        report = new ClipReport("Clip report: \"valve\" & <friends>", clip.getFileName().toString(),
                Map.of("machine", "valve", "condition", "anomaly"), logMel, Optional.of(mask),
                List.of(ClipReport.DetectorRow.of(study.rows().get(0), ae),
                        ClipReport.DetectorRow.of(study.rows().get(1), dense)),
                study.cells(), DisplayNormalisation.DEFAULT, ClipReport.OverlayScale.PER_ROW,
                settings.describe());
        out = dir.resolve("report");
        written = ClipReportFiles.write(out, report);
    }

    @AfterAll
    static void tearDown() {
        ae.close();
        dense.close();
    }

    @Test
    void writesEveryFileAndTheHtmlIsWellFormedWithDecodableImages() throws Exception {
        assertThat(written).allSatisfy(p -> assertThat(p).isRegularFile());
        assertThat(written.get(written.size() - 1).getFileName().toString()).isEqualTo("report.html");
        assertThat(written).extracting(p -> p.getFileName().toString()).contains("table.csv", "curves.csv",
                "report.json", "map_valve_AE_tiny_error.csv", "map_valve_dense_saliency.csv")
                .doesNotContain("map_valve_dense_gradcam.csv");
        assertThat(written).hasSize(4 + 5);

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).doesNotContain("<script", "<link", "src=\"http", "src=\"file");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("h1").item(0).getTextContent())
                .isEqualTo("Clip report: \"valve\" & <friends>");
        NodeList images = doc.getElementsByTagName("img");
        // The log-mel, 5 overlays (dense Grad-CAM has none) and one curve chart per detector.
        assertThat(images.getLength()).isEqualTo(1 + 5 + 2);
        for (int i = 0; i < images.getLength(); i++) {
            Element img = (Element) images.item(i);
            String src = img.getAttribute("src");
            assertThat(src).startsWith("data:image/png;base64,");
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(
                    Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));
            assertThat(decoded).as(img.getAttribute("alt")).isNotNull();
            assertThat(decoded.getWidth()).isEqualTo(Integer.parseInt(img.getAttribute("width"))).isBetween(400, 3000);
            assertThat(decoded.getHeight()).isBetween(300, 2000);
        }
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text).contains("valve · AE <tiny>", "Grad-CAM needs a convolutional layer", "anomaly",
                "single bins", "ND4J version", "tiny synthetic set", "on one scale per detector", "from percentile 99 of its values up");
    }

    @Test
    void csvAndJsonCarryTheStudysNumbers() throws Exception {
        List<CSVRecord> table = csv(out.resolve("table.csv"));
        assertThat(table).hasSize(6);
        for (int i = 0; i < table.size(); i++) {
            CSVRecord r = table.get(i);
            StudyCell c = study.cells().get(i);
            assertThat(r.get("detector")).isEqualTo(c.detector());
            assertThat(r.get("method")).isEqualTo(c.method());
            if (c.succeeded()) {
                var f = c.faithfulness().orElseThrow();
                assertThat(Double.parseDouble(r.get("area"))).isEqualTo(f.curve().area());
                assertThat(Double.parseDouble(r.get("gain"))).isEqualTo(f.gain());
                assertThat(Double.parseDouble(r.get("drop_at_5"))).isEqualTo(f.curve().dropAt(0.05));
                assertThat(Double.parseDouble(r.get("loc_auroc")))
                        .isEqualTo(c.localisation().orElseThrow().pixelAuroc());
                assertThat(r.get("failure")).isEmpty();
            } else {
                assertThat(r.get("area")).isEmpty();
                assertThat(r.get("failure")).isEqualTo(c.failure().orElseThrow());
            }
        }
        List<CSVRecord> curves = csv(out.resolve("curves.csv"));
        assertThat(curves).hasSize(5 * 21);
        StudyCell aeSaliency = study.cell(0, 1);
        ReplacementCurve c = aeSaliency.faithfulness().orElseThrow().curve();
        List<CSVRecord> mine = curves.stream().filter(r -> r.get("detector").equals(aeSaliency.detector())
                && r.get("method").equals("saliency")).toList();
        assertThat(mine).hasSize(21);
        double[][] band = FaithfulnessCurvePlot.randomBand(aeSaliency.faithfulness().orElseThrow().reference());
        for (int i = 0; i < 21; i++) {
            assertThat(Double.parseDouble(mine.get(i).get("k"))).isEqualTo(c.fractions()[i]);
            assertThat(Double.parseDouble(mine.get(i).get("drop"))).isEqualTo(c.drops()[i]);
            assertThat(Double.parseDouble(mine.get(i).get("score"))).isEqualTo(c.scores()[i]);
            double lo = Double.parseDouble(mine.get(i).get("random_lo"));
            double hi = Double.parseDouble(mine.get(i).get("random_hi"));
            assertThat(Double.parseDouble(mine.get(i).get("random_mean"))).isEqualTo(band[1][i]).isBetween(lo, hi);
        }
        // The band is the range of the 3 random orders: at k = 0 and k = 1 every order agrees.
        assertThat(Double.parseDouble(mine.get(0).get("random_hi"))).isEqualTo(0.0);
        assertThat(Double.parseDouble(mine.get(20).get("random_lo"))).isEqualTo(1.0);

        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.get("cells")).hasSize(6);
        JsonNode cell = json.get("cells").get(1);
        assertThat(cell.get("method").asText()).isEqualTo("saliency");
        assertThat(cell.get("gain").asDouble()).isEqualTo(aeSaliency.gain());
        assertThat(cell.get("curve").get("drop")).hasSize(21);
        assertThat(cell.get("curve").get("drop").get(10).asDouble()).isEqualTo(c.drops()[10]);
        assertThat(json.get("cells").get(5).get("failure").asText()).contains("dense");
        assertThat(json.get("detectors").get(0).get("provenance").get("dataset").asText())
                .isEqualTo("tiny synthetic set");
        assertThat(json.get("detectors").get(1).get("score").asDouble()).isEqualTo(study.rows().get(1).score());

        List<String> map = Files.readAllLines(out.resolve("map_valve_AE_tiny_error.csv"));
        Spectrogram values = study.cell(0, 0).map().orElseThrow().values();
        assertThat(map).hasSize(1 + values.frames());
        assertThat(Float.parseFloat(map.get(1 + 7).split(",")[3])).isEqualTo(values.get(7, 3));
    }

    @Test
    void perMapScaleAndTheHtmlAloneAlsoWork() throws Exception {
        ClipReport perMap = new ClipReport(report.title(), report.clipName(), report.labels(), report.logMelDb(),
                report.mask(), report.detectors(), report.cells(),
                new DisplayNormalisation(DisplayNormalisation.Mode.SIGNED, 100), ClipReport.OverlayScale.PER_MAP,
                report.settings());
        Path file = ClipReportFiles.writeHtml(dir.resolve("alone").resolve("clip.html"), perMap);
        assertThat(Files.readString(file)).contains("signed part", "each on its own scale");
        assertThat(Files.list(file.getParent())).hasSize(1);
    }

    private static List<CSVRecord> csv(Path p) throws Exception {
        try (Reader r = Files.newBufferedReader(p)) {
            return new ArrayList<>(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(r).getRecords());
        }
    }
}
