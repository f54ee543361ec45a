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

/** Reads the statistics fixtures in ../shared/fixtures/stats (see its README). */
final class StatsFixtures {

    static final Path DIR = Path.of("..", "shared", "fixtures", "stats");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatsFixtures() {
    }

    static Stream<Arguments> arguments(String file) {
        try {
            JsonNode root = MAPPER.readTree(DIR.resolve(file).toFile());
            List<Arguments> out = new ArrayList<>();
            root.get("cases").forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
            if (out.size() != root.get("case_count").asInt()) {
                throw new IllegalStateException(file + ": case_count disagrees with the cases");
            }
            return out.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = MetricFixtures.doubles(rows.get(i));
        }
        return out;
    }
}
