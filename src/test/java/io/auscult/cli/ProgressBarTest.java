package io.auscult.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    @Test
    void withoutATerminalItPrintsOneLinePerTenth() {
        StringWriter sink = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(sink, true), "synth", false)) {
            for (int i = 0; i <= 100; i++) {
                bar.report(i / 100.0, "clip " + i);
            }
        }
        assertThat(sink.toString().lines()).hasSize(11)
                .first().isEqualTo("synth:   0% clip 0");
        assertThat(sink.toString().lines().reduce((a, b) -> b)).hasValue("synth: 100% clip 100");
    }

    @Test
    void onATerminalItRedrawsOneLineAndClearsItAtTheEnd() {
        StringWriter sink = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(sink, true), "scan", true)) {
            bar.report(0.5, "half");
            bar.report(1.0, "done");
        }
        String text = sink.toString();
        assertThat(text).doesNotContain("\n").contains("\r").contains(" 50% half").contains("100% done");
        assertThat(text).contains("[" + "#".repeat(15) + "-".repeat(15) + "]");
        assertThat(text).endsWith("\r\u001B[K");
    }
}
