package io.auscult.data.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.auscult.data.Domain;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;

import static org.assertj.core.api.Assertions.assertThat;

/** Faults of {@link AnomalyExtent#PERSISTENT} extent last the clip, as a damaged machine's would. */
class PersistentAnomalyTest {

    private final MachineSoundSynthesizer synth = new MachineSoundSynthesizer();

    private static ClipSpec spec(MachineType m, AnomalyKind k, long seed, AnomalyExtent extent) {
        // 6-s clips: long enough for several impacts and bursts, and quick to render
        return ClipSpec.anomalous(m, 0, Domain.SOURCE, k, 6, 6, seed).withExtent(extent);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.auscult.data.synth.MachineSoundSynthesizerTest#everySupportedKind")
    void persistentFaultIsHeardInTheFirstAndTheLastThirdOfTheClip(MachineType machine, AnomalyKind kind) {
        SyntheticClip c = synth.render(spec(machine, kind, 300 + kind.ordinal(), AnomalyExtent.PERSISTENT));
        AnomalyMask mask = c.mask();
        assertThat(c.anomaly().kind()).isEqualTo(kind);
        assertThat(mask.count()).isGreaterThanOrEqualTo(MachineSoundSynthesizer.MIN_MASK_BINS);
        assertThat(mask.firstFrame()).as("first masked frame").isLessThan(mask.frames() / 3);
        assertThat(mask.lastFrame()).as("last masked frame").isGreaterThan(2 * mask.frames() / 3);
        assertThat(c.anomaly().endSeconds() - c.anomaly().startSeconds()).as("event span, s").isGreaterThan(3.0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.auscult.data.synth.MachineSoundSynthesizerTest#everySupportedKind")
    void persistentFaultMarksMoreFramesThanOneEventOfTheSameKind(MachineType machine, AnomalyKind kind) {
        // summed over a few seeds, so one short persistent draw against one long event cannot decide it
        int eventFrames = 0;
        int persistentFrames = 0;
        for (long seed = 500; seed < 502; seed++) {
            eventFrames += maskedFrames(synth.render(spec(machine, kind, seed, AnomalyExtent.EVENT)).mask());
            persistentFrames += maskedFrames(synth.render(spec(machine, kind, seed, AnomalyExtent.PERSISTENT)).mask());
        }
        assertThat(persistentFrames).isGreaterThan(eventFrames);
    }

    @Test
    void sameSpecRendersTheSameSamplesAndAnEventSpecIsUnchangedByTheOption() {
        ClipSpec persistent = spec(MachineType.SLIDER, AnomalyKind.EXTRA_IMPACT, 77, AnomalyExtent.PERSISTENT);
        assertThat(new MachineSoundSynthesizer().render(persistent).samples())
                .isEqualTo(synth.render(persistent).samples());
        ClipSpec event = spec(MachineType.SLIDER, AnomalyKind.EXTRA_IMPACT, 77, AnomalyExtent.EVENT);
        ClipSpec legacy = ClipSpec.anomalous(MachineType.SLIDER, 0, Domain.SOURCE, AnomalyKind.EXTRA_IMPACT, 6, 6, 77);
        assertThat(synth.render(event).samples()).isEqualTo(synth.render(legacy).samples())
                .isNotEqualTo(synth.render(persistent).samples());
    }

    @Test
    void normalClipIsTheSameWhateverTheExtent() {
        ClipSpec normal = ClipSpec.normal(MachineType.FAN, 1, Domain.TARGET, 3, 6, 5);
        assertThat(synth.render(normal.withExtent(AnomalyExtent.PERSISTENT)).samples())
                .isEqualTo(synth.render(normal).samples());
    }

    @Test
    void aPersistentDatasetSaysSoInItsManifestAndItsClipsRenderAgainFromIt(@TempDir Path tmp) throws IOException {
        SynthDatasetSpec spec = new SynthDatasetSpec(List.of(MachineType.VALVE), 1, 1, 0, 2, 4.0, 3, 9, 0,
                List.of(AnomalyKind.EXTRA_IMPACT), SynthDatasetSpec.Layout.DCASE2020)
                .withAnomalyExtent(AnomalyExtent.PERSISTENT);
        SynthDatasetWriter.write(tmp, spec, 11, false, Progress.NONE, Cancellation.NEVER);
        JsonNode root = new ObjectMapper().readTree(tmp.resolve("manifest.json").toFile());
        assertThat(root.at("/config/anomalyExtent").asText()).isEqualTo("persistent");
        JsonNode f = root.get("files").get(2);
        ClipSpec again = new ClipSpec(MachineType.VALVE, 0, Domain.parse(f.get("domain").asText()).orElseThrow(),
                AnomalyKind.EXTRA_IMPACT, f.get("snrDb").asDouble(), 4.0,
                Long.parseUnsignedLong(f.get("seed").asText(), 16),
                AnomalyExtent.parse(root.at("/config/anomalyExtent").asText()).orElseThrow());
        assertThat(AnomalyMaskCsv.read(tmp.resolve(f.at("/anomaly/mask").asText())).cells())
                .isEqualTo(synth.render(again).mask().cells());
        SynthDatasetWriter.write(tmp.resolve("event"), spec.withAnomalyExtent(AnomalyExtent.EVENT), 11, false,
                Progress.NONE, Cancellation.NEVER);
        assertThat(new ObjectMapper().readTree(tmp.resolve("event/manifest.json").toFile()).at("/config").has(
                "anomalyExtent")).as("an event dataset's manifest is as it always was").isFalse();
    }

    @Test
    void extentParsesItsWords() {
        assertThat(AnomalyExtent.parse(" Persistent")).contains(AnomalyExtent.PERSISTENT);
        assertThat(AnomalyExtent.parse("event")).contains(AnomalyExtent.EVENT);
        assertThat(AnomalyExtent.parse("always")).isEmpty();
    }

    private static int maskedFrames(AnomalyMask mask) {
        int n = 0;
        for (int t = 0; t < mask.frames(); t++) {
            for (int m = 0; m < mask.mels(); m++) {
                if (mask.get(t, m)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }
}
