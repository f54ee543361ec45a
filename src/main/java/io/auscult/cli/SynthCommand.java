package io.auscult.cli;

import io.auscult.data.synth.AnomalyExtent;
import io.auscult.data.synth.AnomalyKind;
import io.auscult.data.synth.MachineType;
import io.auscult.data.synth.SynthDatasetSpec;
import io.auscult.data.synth.SynthDatasetSummary;
import io.auscult.data.synth.SynthDatasetWriter;
import io.auscult.engine.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** {@code auscult synth}: a synthetic machine-sound dataset with ground-truth anomaly masks. */
@Command(name = "synth", sortOptions = false, description = {
    "Write a synthetic machine-sound dataset (fan, pump, slider, valve) in the DCASE 2020 layout,",
    "with a ground-truth mask NAME.mask.csv beside every anomalous clip and a manifest.json.",
    "Deterministic: the same options and seed give the same bytes. The bundled demo is",
    "  auscult synth --out samples --preset demo --seed 42"})
final class SynthCommand implements Runnable {

    /** The named starting points; options below change them. */
    enum Preset { demo, defaults }

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Master seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "defaults",
            description = "Starting point: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: 4 machines x 3 ids x "
                    + "(100 train + 20 normal + 20 anomalous test clips)).")
    Preset preset;

    @Option(names = "--machines", paramLabel = "LIST", split = ",", description = "Machine types, e.g. fan,valve.")
    List<String> machines;

    @Option(names = "--ids", paramLabel = "N", description = "Machine ids per machine type.")
    Integer ids;

    @Option(names = "--train", paramLabel = "N", description = "Normal training clips per id.")
    Integer train;

    @Option(names = "--test-normal", paramLabel = "N", description = "Normal test clips per id.")
    Integer testNormal;

    @Option(names = "--test-anomaly", paramLabel = "N", description = "Anomalous test clips per id.")
    Integer testAnomaly;

    @Option(names = "--seconds", paramLabel = "S", description = "Clip length in seconds.")
    Double seconds;

    @Option(names = "--snr", paramLabel = "MIN:MAX", description = "Machine-to-background SNR range in dB, e.g. 0:12.")
    String snr;

    @Option(names = "--target-share", paramLabel = "F", description = "Share of clips in the target domain, 0..1.")
    Double targetShare;

    @Option(names = "--anomalies", paramLabel = "LIST", split = ",",
            description = "Anomaly kinds: bearing_whine, harmonic_shift, missing_impact, extra_impact, burst, modulation_change.")
    List<String> anomalies;

    @Option(names = "--layout", paramLabel = "NAME", description = "File naming: DCASE2020 (default) or DCASE2021.")
    SynthDatasetSpec.Layout layout;

    @Option(names = "--extent", paramLabel = "NAME", description = {
            "Anomaly extent: event (default: one event per anomalous clip, for localisation) or persistent",
            "(the fault lasts the whole clip, as in DCASE's recordings of damaged machines)."})
    private String extent;

    @Option(names = "--overwrite", description = "Write into a non-empty folder that is not an earlier synth output.")
    boolean overwrite;

    @Override
    public void run() {
        SynthDatasetSpec s = buildSpec();
        PrintWriter stdout = spec.commandLine().getOut();
        SynthDatasetSummary summary;
        try (ProgressBar bar = ProgressBar.forCommand(spec.commandLine().getErr(), "synth")) {
            summary = SynthDatasetWriter.write(out, s, seed, overwrite, bar, Cancellation.NEVER);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(out + " is not empty and not an earlier synth output; "
                    + "choose another folder or add --overwrite");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
        }
        stdout.printf("Wrote %d clips (%d normal, %d anomalous) to %s, %.1f MB; manifest %s%n", summary.clips(),
                summary.normalClips(), summary.anomalousClips(), summary.root(), summary.bytes() / 1e6,
                summary.manifest().getFileName());
        if (!summary.anomaliesByKind().isEmpty()) {
            stdout.println("Anomalies: " + summary.anomaliesByKind().entrySet().stream()
                    .map(e -> e.getKey().word() + " " + e.getValue()).collect(Collectors.joining(", ")));
        }
        stdout.flush();
    }

    private SynthDatasetSpec buildSpec() {
        SynthDatasetSpec base = preset == Preset.demo ? SynthDatasetSpec.demo() : SynthDatasetSpec.defaults();
        double[] snrRange = snr == null ? new double[] {base.minSnrDb(), base.maxSnrDb()} : parseRange(snr);
        return new SynthDatasetSpec(
                machines == null ? base.machines() : machines.stream().map(SynthCommand::machine).toList(),
                ids == null ? base.idsPerMachine() : ids,
                train == null ? base.trainNormal() : train,
                testNormal == null ? base.testNormal() : testNormal,
                testAnomaly == null ? base.testAnomaly() : testAnomaly,
                seconds == null ? base.clipSeconds() : seconds,
                snrRange[0], snrRange[1],
                targetShare == null ? base.targetShare() : targetShare,
                anomalies == null ? base.anomalyKinds() : anomalies.stream().map(SynthCommand::kind).toList(),
                layout == null ? base.layout() : layout,
                extent == null ? base.anomalyExtent() : AnomalyExtent.parse(extent).orElseThrow(
                        () -> new IllegalArgumentException("unknown anomaly extent '" + extent
                                + "'; choose event or persistent")));
    }

    private static MachineType machine(String name) {
        return MachineType.parse(name).orElseThrow(() -> new IllegalArgumentException("unknown machine type '" + name
                + "'; choose from " + Arrays.stream(MachineType.values()).map(MachineType::folderName).toList()));
    }

    private static AnomalyKind kind(String name) {
        return AnomalyKind.parse(name).orElseThrow(() -> new IllegalArgumentException("unknown anomaly kind '" + name
                + "'; choose from " + Arrays.stream(AnomalyKind.values()).map(AnomalyKind::word).toList()));
    }

    private static double[] parseRange(String text) {
        String[] parts = text.split(":");
        try {
            if (parts.length == 2) {
                return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("--snr must be MIN:MAX in dB, e.g. 0:12, not '" + text + "'");
    }
}
