package io.auscult.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The format of {@code auscult bench}, not its speed (speed is for the benchmark itself). */
class BenchCommandTest {

    @Test
    void printsOneJsonLineWithTheAgreedFieldsPerBenchmark() throws Exception {
        CliRun run = CliRun.of("bench", "--only", "frontend.logmel_10s", "--repeats", "7");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(run.out().lines().findFirst().orElseThrow());
        assertThat(line.get("name").asText()).isEqualTo("frontend.logmel_10s");
        assertThat(line.get("unit").asText()).isEqualTo("ms");
        assertThat(line.get("repeats").asInt()).isEqualTo(7);
        double min = line.get("min").asDouble();
        double median = line.get("median").asDouble();
        assertThat(min).isPositive().isLessThanOrEqualTo(median);
        assertThat(median).isLessThanOrEqualTo(line.get("max").asDouble());
    }

    @Test
    void listsTheStableNames() {
        CliRun run = CliRun.of("bench", "--list");
        assertThat(run.out()).contains("frontend.logmel_10s\tms", "audio.decode_mimii_10s\tms", "data.scan_10k\tms", "synth.clip_10s\tms",
                "detect.conv_train\tcrops/s", "detect.mae_train\tcrops/s", "detect.score_1000_rss_growth_mb\tMB");
    }

    @Test
    void anUnknownNameOrTooFewRepeatsIsAUsageError() {
        CliRun unknown = CliRun.of("bench", "--only", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("nope", "frontend.logmel_10s");
        assertThat(CliRun.of("bench", "--repeats", "3").exitCode()).isEqualTo(2);
    }
}
