package io.auscult.data.synth;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.auscult.data.Condition;
import io.auscult.data.Domain;
import io.auscult.data.Split;

/**
 * The dataset's {@code manifest.json}: who made it (generator name and version), from what
 * (seed, full config), how masks are defined, and every file with its labels, its anomaly
 * and its SHA-256.
 *
 * <p>Byte-stable on purpose, so regenerating a dataset gives the identical manifest: keys in
 * a fixed order, no timestamps, no absolute paths, {@code \n} line ends on every platform,
 * and real numbers written as fixed-point decimals rounded from their exact binary value
 * (never through {@code Double.toString}, whose shortest-digits output changed in JDK 19).
 */
final class SynthManifest {

    static final String FILE_NAME = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** One written clip as the manifest lists it. */
    record Entry(String path, MachineType machine, int machineId, Split split, Condition condition,
                 Domain domain, double speed, double snrDb, long seed, String sha256,
                 AnomalyEvent anomaly, String maskPath, String maskSha256, double maskFraction) {
    }

    private SynthManifest() {
    }

    static byte[] toBytes(SynthDatasetSpec spec, long seed, List<Entry> entries) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode generator = root.putObject("generator");
        generator.put("name", MachineSoundSynthesizer.NAME);
        generator.put("version", MachineSoundSynthesizer.VERSION);
        generator.put("entryPoint", "io.auscult.data.synth.SynthDatasetWriter.write");
        root.put("seed", seed);
        root.set("config", config(spec));
        ObjectNode audio = root.putObject("audio");
        audio.put("sampleRate", MachineSoundSynthesizer.SAMPLE_RATE);
        audio.put("encoding", "pcm16");
        audio.put("channels", 1);
        ObjectNode mask = root.putObject("mask");
        mask.put("definition", "the clip is rendered twice from the same random streams, without and with its"
                + " anomaly; a log-mel bin is in the mask when |L_anomalous - L_normal| >= thresholdDb");
        mask.put("thresholdDb", decimal(AnomalyMask.THRESHOLD_DB, 1));
        mask.put("format", "CSV beside the WAV (NAME.mask.csv): header m0..m127, one row per frame, 0/1,"
                + " mel bands low first");
        ObjectNode frontEnd = mask.putObject("frontEnd");
        frontEnd.put("sampleRate", MachineSoundSynthesizer.FRONT_END.sampleRate());
        frontEnd.put("nFft", MachineSoundSynthesizer.FRONT_END.nFft());
        frontEnd.put("hop", MachineSoundSynthesizer.FRONT_END.hop());
        frontEnd.put("mels", MachineSoundSynthesizer.FRONT_END.nMels());
        frontEnd.put("window", "periodic hann, centred frames, zero padding");
        frontEnd.put("scale", "slaney mel, slaney area normalisation, power, 10 log10(max(mel, 1e-10))");
        ObjectNode strength = root.putObject("strengthMeaning");
        for (AnomalyKind k : AnomalyKind.values()) {
            strength.put(k.word(), k.strengthMeaning());
        }
        ArrayNode files = root.putArray("files");
        for (Entry e : entries) {
            files.add(entry(e));
        }
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(indenter).withArrayIndenter(indenter);
        String text = JSON.writer(printer).writeValueAsString(root) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode config(SynthDatasetSpec spec) {
        ObjectNode c = JSON.createObjectNode();
        ArrayNode machines = c.putArray("machines");
        spec.machines().forEach(m -> machines.add(m.folderName()));
        c.put("idsPerMachine", spec.idsPerMachine());
        c.put("trainNormalPerId", spec.trainNormal());
        c.put("testNormalPerId", spec.testNormal());
        c.put("testAnomalyPerId", spec.testAnomaly());
        c.put("clipSeconds", decimal(spec.clipSeconds(), 3));
        c.put("minSnrDb", decimal(spec.minSnrDb(), 2));
        c.put("maxSnrDb", decimal(spec.maxSnrDb(), 2));
        c.put("targetShare", decimal(spec.targetShare(), 4));
        ArrayNode kinds = c.putArray("anomalyKinds");
        spec.anomalyKinds().forEach(k -> kinds.add(k.word()));
        c.put("layout", spec.layout().name().toLowerCase(Locale.ROOT));
        if (spec.anomalyExtent() != AnomalyExtent.EVENT) {
            // only when not the default, so manifests of event datasets (the demo's) stay as they were
            c.put("anomalyExtent", spec.anomalyExtent().word());
        }
        return c;
    }

    private static ObjectNode entry(Entry e) {
        ObjectNode f = JSON.createObjectNode();
        f.put("path", e.path());
        f.put("machine", e.machine().folderName());
        f.put("id", e.machineId());
        f.put("split", e.split().word());
        f.put("condition", e.condition().word());
        f.put("domain", e.domain().word());
        f.put("speed", decimal(e.speed(), 4));
        f.put("snrDb", decimal(e.snrDb(), 2));
        f.put("seed", String.format(Locale.ROOT, "%016x", e.seed()));
        f.put("sha256", e.sha256());
        if (e.anomaly() != null) {
            AnomalyEvent a = e.anomaly();
            ObjectNode n = f.putObject("anomaly");
            n.put("kind", a.kind().word());
            n.put("startSeconds", decimal(a.startSeconds(), 4));
            n.put("endSeconds", decimal(a.endSeconds(), 4));
            n.put("lowHz", decimal(a.lowHz(), 1));
            n.put("highHz", decimal(a.highHz(), 1));
            n.put("strength", decimal(a.strength(), 4));
            n.put("mask", e.maskPath());
            n.put("maskSha256", e.maskSha256());
            n.put("maskFraction", decimal(e.maskFraction(), 5));
        }
        return f;
    }

    /**
     * A decimal rounded from the double's exact binary value, trailing zeros dropped: the
     * same text on every JDK.
     */
    static BigDecimal decimal(double value, int places) {
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    /**
     * The files a previous run listed, if {@code dir} holds a manifest this generator wrote;
     * empty if there is none or it is someone else's (or unreadable).
     */
    static Optional<List<String>> previousFiles(Path dir) {
        Path manifest = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(manifest.toFile());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !MachineSoundSynthesizer.NAME.equals(root.path("generator").path("name").asText())) {
            return Optional.empty();
        }
        List<String> paths = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            if (f.hasNonNull("path")) {
                paths.add(f.get("path").asText());
            }
            JsonNode mask = f.path("anomaly").path("mask");
            if (mask.isTextual()) {
                paths.add(mask.asText());
            }
        }
        return Optional.of(paths);
    }
}
