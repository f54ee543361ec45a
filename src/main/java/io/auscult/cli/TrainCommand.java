package io.auscult.cli;

import io.auscult.data.DatasetScanner;
import io.auscult.data.Domain;
import io.auscult.data.ScanResult;
import io.auscult.detect.DataSelection;
import io.auscult.detect.DetectorKind;
import io.auscult.detect.DetectorTraining;
import io.auscult.detect.ScoreKind;
import io.auscult.detect.TrainedDetector;
import io.auscult.detect.nn.MaeMaskKind;
import io.auscult.engine.BackgroundTask;
import io.auscult.store.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code auscult train}: learn what a machine's normal sound is like. */
@Command(name = "train", sortOptions = false, description = {
    "Train a detector on the normal training clips of one machine type, fit its threshold (90th",
    "percentile of a gamma fit to the normal training scores) and save it as one .auscult file."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset folder (or CSV list).")
    Path data;

    @Option(names = "--machine", required = true, paramLabel = "TYPE", description = "Machine type, e.g. fan.")
    String machine;

    @Option(names = "--model", paramLabel = "ae|mae|dense", defaultValue = "dense",
            description = "Detector (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.auscult", description = "Model file to write.")
    Path out;

    @Option(names = "--ids", paramLabel = "LIST", split = ",", description = "Only these ids/sections, e.g. id_00.")
    List<String> ids;

    @Option(names = "--domain", paramLabel = "source|target", split = ",", description = "Only these domains.")
    List<Domain> domains;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "0",
            description = "Maximum epochs (default: the detector's own, with early stopping).")
    int epochs;

    @Option(names = "--widths", paramLabel = "LIST", split = ",", description = {
            "Encoder channel widths of the conv AE or MAE, input side first (default 32,64,128, the reference;",
            "e.g. 32,64,128,256,16: two more levels and a narrow bottleneck, the better detector on",
            "docs/results.md's benchmark). Crops stay 64 frames, so at most 6 widths."})
    List<Integer> widths;

    @Option(names = "--mask", paramLabel = "patches|time|frequency", defaultValue = "patches", description = {
            "What the MAE hides: 16x8 patches (default, the reference), time stripes",
            "8 frames wide (all bands) or frequency stripes 16 mels high (all frames)."})
    String mask;

    @Option(names = "--score", paramLabel = "mse|band", defaultValue = "mse", description = {
            "What the conv AE or MAE scores by: the mean squared error (default, the reference) or its",
            "worst mel band, each band's error standardised over the normal training clips; the",
            "threshold, decisions and explanations then follow that score."})
    String score;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DetectorKind kind = DetectorKind.parse(model);
        if (!out.getFileName().toString().endsWith(ModelFile.EXTENSION)) {
            throw new IllegalArgumentException("--out must end in " + ModelFile.EXTENSION + ", not " + out);
        }
        DataSelection selection = new DataSelection(machine, ids == null ? Set.of() : Set.copyOf(ids),
                domains == null ? Set.of() : Set.copyOf(domains));
        ScanResult scan = new DatasetScanner().scan(data);
        DetectorTraining.Request request = new DetectorTraining.Request(selection, kind, seed, epochs,
                widths == null ? List.of() : widths, MaeMaskKind.parse(mask), ScoreKind.parse(score));
        TrainedDetector detector = ComputeRun.run(err, BackgroundTask.of("train " + kind.word(), (progress, cancel) -> {
            TrainedDetector d = DetectorTraining.train(scan, request, progress, cancel);
            try {
                cancel.throwIfCancelled();
                ModelFile.write(out, d);
                return d;
            } catch (Exception e) {
                d.close();
                throw e;
            }
        }));
        try (detector) {
            var curve = detector.provenance().curve();
            stdout.printf("Trained %s on %s: %s training + %s validation clips, %d epochs (kept %d, validation loss %.4g)%n",
                    kind.word(), machine, detector.provenance().config().get("trainingClips"),
                    detector.provenance().config().get("validationClips"), curve.trainLoss().size(),
                    curve.bestEpoch() + 1, curve.validationLoss().get(curve.bestEpoch()));
            stdout.printf("Threshold %.6g: %s%n", detector.threshold().value(), detector.threshold().method());
            stdout.printf("Saved %s%n", out);
        }
        stdout.flush();
        return 0;
    }
}
