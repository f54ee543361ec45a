package io.auscult.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auscult.detect.DetectorKind;
import io.auscult.detect.NetworkLoader;
import io.auscult.detect.Provenance;
import io.auscult.detect.ScoringNetwork;
import io.auscult.detect.Threshold;
import io.auscult.detect.TrainedDetector;
import io.auscult.detect.TrainingCurve;
import io.auscult.engine.AtomicFile;
import io.auscult.features.FeatureSpec;
import io.auscult.features.Standardiser;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .auscult} model file: a zip holding {@code manifest.json} (format, kind, front
 * end, threshold, provenance, and the SHA-256 of every other entry), {@code network.bin}
 * (the network as it saves itself) and {@code standardiser.json}. Written atomically; read
 * back only after every check passes, so a damaged, truncated, foreign or newer file is
 * refused with the reason instead of half-loading.
 */
public final class ModelFile {

    public static final String FORMAT = "auscult-model";
    /** Bumped when the layout changes incompatibly; a reader refuses newer files. */
    public static final int FORMAT_VERSION = 1;
    public static final String EXTENSION = ".auscult";

    private static final String MANIFEST = "manifest.json";
    private static final String NETWORK = "network.bin";
    private static final String STANDARDISER = "standardiser.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A model file is a few MB; anything far larger is not one of ours. */
    private static final long MAX_ENTRY_BYTES = 512L << 20;

    private ModelFile() {
    }

    public static void write(Path target, TrainedDetector detector) throws IOException {
        ByteArrayOutputStream network = new ByteArrayOutputStream();
        detector.network().save(network);
        byte[] networkBytes = network.toByteArray();
        byte[] standardiserBytes = JSON.writeValueAsBytes(standardiserJson(detector.standardiser()));
        Map<String, String> digests = new LinkedHashMap<>();
        digests.put(NETWORK, sha256(networkBytes));
        digests.put(STANDARDISER, sha256(standardiserBytes));
        byte[] manifest = JSON.writeValueAsBytes(manifestJson(detector, digests));
        AtomicFile.write(target, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, MANIFEST, manifest);
            put(zip, NETWORK, networkBytes);
            put(zip, STANDARDISER, standardiserBytes);
            zip.finish();
        });
    }

    /** The manifest alone, checked, without loading the network (for {@code model-info}). */
    public static JsonNode readManifest(Path file) throws ModelFileException {
        try (ZipFile zip = open(file)) {
            return checkedManifest(file, zip);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    public static TrainedDetector read(Path file, NetworkLoader loader) throws ModelFileException {
        try (ZipFile zip = open(file)) {
            JsonNode manifest = checkedManifest(file, zip);
            Map<String, byte[]> entries = new LinkedHashMap<>();
            JsonNode digests = manifest.path("entries");
            for (String name : List.of(NETWORK, STANDARDISER)) {
                byte[] bytes = entry(file, zip, name);
                if (!sha256(bytes).equals(digests.path(name).asText())) {
                    throw new ModelFileException(file, "is damaged: the checksum of its " + name + " does not match");
                }
                entries.put(name, bytes);
            }
            DetectorKind kind = DetectorKind.parse(manifest.path("kind").asText());
            FeatureSpec features = features(manifest.path("features"));
            Standardiser standardiser = standardiser(JSON.readTree(entries.get(STANDARDISER)));
            Threshold threshold = new Threshold(manifest.at("/threshold/value").asDouble(Double.NaN),
                    manifest.at("/threshold/method").asText());
            Provenance provenance = provenance(manifest.path("provenance"));
            ScoringNetwork network;
            try (InputStream in = new ByteArrayInputStream(entries.get(NETWORK))) {
                network = loader.load(kind, in);
            }
            try {
                return new TrainedDetector(kind, features, standardiser, network, threshold, provenance);
            } catch (RuntimeException e) {
                network.close();
                throw e;
            }
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file, "is damaged or incompatible (" + e.getMessage() + ")", e);
        }
    }

    private static ZipFile open(Path file) throws ModelFileException {
        if (!Files.exists(file)) {
            throw new ModelFileException(file, "does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file, "is a folder, not a model file");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ModelFileException(file, "is not an Auscult model (not a zip archive, or truncated)", e);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "does not exist", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static JsonNode checkedManifest(Path file, ZipFile zip) throws IOException {
        if (zip.getEntry(MANIFEST) == null) {
            throw new ModelFileException(file, "is not an Auscult model (a zip archive without " + MANIFEST + ")");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(entry(file, zip, MANIFEST));
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, "is damaged: its " + MANIFEST + " is not valid JSON", e);
        }
        if (!FORMAT.equals(manifest.path("format").asText())) {
            throw new ModelFileException(file, "is not an Auscult model (format '" + manifest.path("format").asText()
                    + "')");
        }
        int version = manifest.path("formatVersion").asInt(-1);
        if (version > FORMAT_VERSION) {
            throw new ModelFileException(file, "was written by a newer Auscult (model format " + version
                    + "); this version reads format " + FORMAT_VERSION + " and older");
        }
        if (version < 1) {
            throw new ModelFileException(file, "is damaged: its model format version is missing");
        }
        return manifest;
    }

    private static byte[] entry(Path file, ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new ModelFileException(file, "is damaged: it has no " + name);
        }
        if (e.getSize() > MAX_ENTRY_BYTES) {
            throw new ModelFileException(file, "is not an Auscult model (" + name + " is " + e.getSize() + " bytes)");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        } catch (ZipException ex) {
            throw new ModelFileException(file, "is damaged or truncated (" + name + ": " + ex.getMessage() + ")", ex);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0); // no timestamps: the same model gives the same bytes
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    // ------------------------------------------------------------------ JSON

    private static ObjectNode manifestJson(TrainedDetector d, Map<String, String> digests) {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("formatVersion", FORMAT_VERSION);
        m.put("kind", d.kind().word());
        ObjectNode f = m.putObject("features");
        FeatureSpec s = d.features();
        f.put("sampleRate", s.sampleRate()).put("nFft", s.nFft()).put("hop", s.hop()).put("nMels", s.nMels())
                .put("fMin", s.fMin()).put("fMax", s.fMax());
        m.putObject("threshold").put("value", d.threshold().value()).put("method", d.threshold().method());
        Provenance p = d.provenance();
        ObjectNode prov = m.putObject("provenance");
        prov.put("auscultVersion", p.auscultVersion()).put("nd4jVersion", p.nd4jVersion()).put("seed", p.seed())
                .put("dataset", p.dataset());
        ObjectNode config = prov.putObject("config");
        p.config().forEach(config::put);
        ObjectNode files = prov.putObject("trainingFiles");
        p.trainingFiles().forEach(files::put);
        ObjectNode curve = prov.putObject("trainingCurve");
        ArrayNode train = curve.putArray("trainLoss");
        p.curve().trainLoss().forEach(train::add);
        ArrayNode validation = curve.putArray("validationLoss");
        p.curve().validationLoss().forEach(validation::add);
        curve.put("bestEpoch", p.curve().bestEpoch());
        ObjectNode evaluation = prov.putObject("evaluation");
        p.evaluation().forEach(evaluation::put);
        ObjectNode entries = m.putObject("entries");
        digests.forEach(entries::put);
        return m;
    }

    private static ObjectNode standardiserJson(Standardiser s) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode mean = n.putArray("mean");
        for (double v : s.mean()) {
            mean.add(v);
        }
        ArrayNode std = n.putArray("std");
        for (double v : s.std()) {
            std.add(v);
        }
        return n;
    }

    private static Standardiser standardiser(JsonNode n) {
        return new Standardiser(doubles(n.path("mean")), doubles(n.path("std")));
    }

    private static FeatureSpec features(JsonNode f) {
        return new FeatureSpec(f.path("sampleRate").asInt(), f.path("nFft").asInt(), f.path("hop").asInt(),
                f.path("nMels").asInt(), f.path("fMin").asDouble(), f.path("fMax").asDouble());
    }

    private static Provenance provenance(JsonNode p) {
        Map<String, String> config = new LinkedHashMap<>();
        p.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        Map<String, String> files = new LinkedHashMap<>();
        p.path("trainingFiles").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
        Map<String, Double> evaluation = new LinkedHashMap<>();
        p.path("evaluation").fields().forEachRemaining(e -> evaluation.put(e.getKey(), e.getValue().asDouble()));
        JsonNode c = p.path("trainingCurve");
        TrainingCurve curve = new TrainingCurve(list(c.path("trainLoss")), list(c.path("validationLoss")),
                c.path("bestEpoch").asInt());
        return new Provenance(p.path("auscultVersion").asText(), p.path("nd4jVersion").asText(),
                p.path("seed").asLong(), config, p.path("dataset").asText(), files, curve, evaluation);
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static List<Double> list(JsonNode array) {
        List<Double> out = new ArrayList<>(array.size());
        array.forEach(v -> out.add(v.asDouble()));
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
