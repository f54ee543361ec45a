package io.auscult.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Reads the metric fixtures in ../shared/fixtures/metrics (see its README). */
final class MetricFixtures {

    static final Path DIR = Path.of("..", "shared", "fixtures", "metrics");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MetricFixtures() {
    }

    /** The cases of one fixture file, in file order. */
    static List<JsonNode> cases(String file) {
        try {
            JsonNode root = MAPPER.readTree(DIR.resolve(file).toFile());
            List<JsonNode> cases = new ArrayList<>();
            root.get("cases").forEach(cases::add);
            if (cases.size() != root.get("case_count").asInt()) {
                throw new IllegalStateException(file + ": case_count says " + root.get("case_count")
                        + " but there are " + cases.size() + " cases");
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases as JUnit arguments (name, case) for a parameterised test. */
    static Stream<Arguments> arguments(String file) {
        return cases(file).stream().map(c -> Arguments.of(c.get("name").asText(), c));
    }

    /** A number as the README writes it: a JSON number, or "Infinity" / "-Infinity" / "NaN". */
    static double number(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new IllegalStateException("expected a number, found " + node);
        }
        return node.isTextual() ? Double.parseDouble(node.asText()) : node.doubleValue();
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    /** 0/1 integers as booleans (1 = anomaly). */
    static boolean[] labels(JsonNode array) {
        boolean[] out = new boolean[array.size()];
        for (int i = 0; i < out.length; i++) {
            int v = array.get(i).intValue();
            if (v != 0 && v != 1) {
                throw new IllegalStateException("a label is 0 or 1, found " + v);
            }
            out[i] = v == 1;
        }
        return out;
    }
}
