package io.auscult.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command answers --help with its usage, exit code 0, and no picocli formatting warning. */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"info", "scan", "features", "synth", "bench", "train", "score", "evaluate", "model-info",
            "demo", "explain", "proxy", "gui", "faithfulness", "compare"})
    void eachCommandExplainsItself(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Usage: auscult " + command + " ");
        assertThat(run.out() + run.err()).doesNotContain("Could not format");
    }
}
