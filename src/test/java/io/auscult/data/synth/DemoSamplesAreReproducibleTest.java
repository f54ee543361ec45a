package io.auscult.data.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed demo set (samples/) is exactly what the generator makes from the demo
 * preset and seed. A generator change that alters it fails here: raise
 * {@link MachineSoundSynthesizer#VERSION} and regenerate samples/ (see samples/README.md).
 */
class DemoSamplesAreReproducibleTest {

    /** Relative to the worktree root, where Maven runs the tests. */
    private static final Path SAMPLES = Path.of("samples");

    @TempDir
    Path tmp;

    @Test
    void regeneratedDemoMatchesTheCommittedSamplesByteForByte() throws IOException {
        assertThat(SAMPLES.resolve("manifest.json")).as("samples/ must hold the demo set").isRegularFile();
        Path fresh = tmp.resolve("demo");
        SynthDatasetWriter.write(fresh, SynthDatasetSpec.demo(), SynthDatasetSpec.DEMO_SEED, Progress.NONE,
                Cancellation.NEVER);

        Map<String, String> expected = SynthDatasetWriterTest.hashes(fresh);
        Map<String, String> committed = SynthDatasetWriterTest.hashes(SAMPLES);
        committed.remove("README.md");
        committed.remove(".gitattributes");
        // The demo models are made from the clips, not by the generator (ShippedDemoModelsTest).
        committed.keySet().removeIf(f -> f.startsWith("models/"));
        List<String> differing = new ArrayList<>();
        for (var e : expected.entrySet()) {
            if (!e.getValue().equals(committed.get(e.getKey()))) {
                differing.add(e.getKey());
            }
        }
        assertThat(differing).as("files that differ from or are missing in samples/").isEmpty();
        assertThat(committed.keySet()).as("files in samples/ the generator does not make")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void committedSamplesStayUnder30MegabytesAndTheirModelsUnder20() throws IOException {
        long clips = 0;
        long models = 0;
        for (String f : SynthDatasetWriterTest.relativeFiles(SAMPLES)) {
            long size = Files.size(SAMPLES.resolve(f));
            if (f.startsWith("models/")) {
                models += size;
            } else {
                clips += size;
            }
        }
        assertThat(clips).isLessThan(30_000_000);
        assertThat(models).isLessThan(20_000_000);
    }
}
