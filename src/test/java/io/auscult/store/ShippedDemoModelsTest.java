package io.auscult.store;

import io.auscult.data.DatasetScanner;
import io.auscult.data.ScanResult;
import io.auscult.detect.DataSelection;
import io.auscult.detect.DetectorKind;
import io.auscult.detect.DetectorTraining;
import io.auscult.detect.Networks;
import io.auscult.detect.RecordingScorer;
import io.auscult.detect.ScoredBatch;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The demo models shipped in samples/models (made by samples/models/regenerate) load, and give
 * the demo clips exactly the scores and decisions recorded beside them; retraining one with the
 * same command reproduces those scores within 1e-5 on the CPU they were trained on.
 */
class ShippedDemoModelsTest {

    private static final Path MODELS = Path.of("samples/models");
    private static final double TOLERANCE = 1e-5;

    static Stream<String> models() {
        List<String> names = new ArrayList<>();
        for (String machine : List.of("fan", "pump", "slider", "valve")) {
            for (String kind : List.of("ae", "mae", "dense")) {
                names.add(machine + "-" + kind);
            }
        }
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("models")
    void aShippedModelGivesTheRecordedScores(String name) throws Exception {
        Map<String, double[]> recorded = recordedScores(name);
        assertThat(recorded).as(name + ": one score per demo clip of the machine").hasSize(20);
        try (TrainedDetector detector = ModelFile.read(MODELS.resolve(name + ".auscult"), Networks.LOADER)) {
            assertThat(detector.kind().name().toLowerCase()).isEqualTo(name.substring(name.indexOf('-') + 1));
            assertThat(detector.provenance().config()).containsEntry("machine", name.substring(0, name.indexOf('-')));
            ScoredBatch batch = new RecordingScorer(detector).scoreAll(
                    recorded.keySet().stream().map(Path::of).toList(), Progress.NONE, Cancellation.NEVER);
            assertThat(batch.failed()).isEmpty();
            for (ScoredBatch.Scored s : batch.scored()) {
                double[] expected = recorded.get(s.file().toString());
                assertThat(s.score()).as(s.file().toString()).isCloseTo(expected[0], within(TOLERANCE));
                assertThat(s.anomalous() ? 1.0 : 0.0).as(s.file() + " decision").isEqualTo(expected[1]);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"fan,DENSE", "valve,AE"})
    void retrainingWithTheDocumentedCommandReproducesTheShippedScores(String machine, DetectorKind kind)
            throws Exception {
        Assumptions.assumeTrue(sameCpuAsTheShippedModels(),
                "the demo models were trained on another kind of CPU (samples/models/trained-on.txt): oneDNN and "
                        + "OpenBLAS pick other kernels there, so bit-level reproduction is not expected");
        String name = machine + "-" + kind.name().toLowerCase();
        Map<String, double[]> recorded = recordedScores(name);
        ScanResult samples = new DatasetScanner().scan(Path.of("samples"));
        // The same request as `auscult train --data samples --machine M --model K --seed 42`.
        try (TrainedDetector fresh = DetectorTraining.train(samples,
                new DetectorTraining.Request(DataSelection.machine(machine), kind, 42, 0), Progress.NONE,
                Cancellation.NEVER)) {
            ScoredBatch batch = new RecordingScorer(fresh).scoreAll(
                    recorded.keySet().stream().map(Path::of).toList(), Progress.NONE, Cancellation.NEVER);
            for (ScoredBatch.Scored s : batch.scored()) {
                assertThat(s.score()).as(s.file().toString()).isCloseTo(recorded.get(s.file().toString())[0],
                        within(TOLERANCE));
            }
        }
    }

    /** file -> {score, decision} from NAME.scores.csv, as `auscult score --csv` wrote it. */
    private static Map<String, double[]> recordedScores(String name) throws IOException {
        Map<String, double[]> out = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(MODELS.resolve(name + ".scores.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                out.put(r.get("file"), new double[] {Double.parseDouble(r.get("score")),
                        Double.parseDouble(r.get("decision"))});
            }
        }
        return out;
    }

    /** The same test as samples/models/regenerate writes into trained-on.txt. */
    static boolean sameCpuAsTheShippedModels() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return false;
        }
        String model = "";
        String flags = "";
        for (String line : Files.readAllLines(cpuinfo)) {
            if (model.isEmpty() && line.startsWith("model name")) {
                model = line.replaceFirst("^model name\\s*:\\s*", "");
            }
            if (flags.isEmpty() && line.startsWith("flags")) {
                flags = line.replaceFirst("^flags\\s*:\\s*", "");
            }
        }
        String sorted = String.join("\n", Stream.of(flags.split(" ")).sorted().toList()) + "\n";
        String expected = "model name: " + model + "\nflags sha256: " + sha256(sorted) + "\n";
        return expected.equals(Files.readString(MODELS.resolve("trained-on.txt")));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
