package io.auscult.cli;

import io.auscult.data.UnusableFile;
import io.auscult.detect.Networks;
import io.auscult.detect.RecordingScorer;
import io.auscult.detect.ScoredBatch;
import io.auscult.detect.TrainedDetector;
import io.auscult.engine.AtomicFile;
import io.auscult.engine.BackgroundTask;
import io.auscult.store.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code auscult score --model M FILES|DIR}: anomaly scores and decisions. */
@Command(name = "score", description = {
    "Score recordings with a model: CSV with header file,score,decision (decision 1 = anomalous,",
    "score above the model's threshold). Folders are searched for .wav files. Bad files are listed",
    "at the end and the rest is scored; exit code 1 if any failed."})
final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE.auscult", description = "Model file.")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "FILES|DIR", description = "WAV files or folders.")
    List<Path> inputs;

    @Option(names = "--csv", paramLabel = "OUT.csv", description = "Write the CSV here instead of standard output.")
    Path csv;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = expand(inputs);
        ScoredBatch batch;
        try (TrainedDetector detector = ModelFile.read(model, Networks.LOADER)) {
            batch = ComputeRun.run(err, BackgroundTask.of("score",
                    (progress, cancel) -> new RecordingScorer(detector).scoreAll(files, progress, cancel)));
        }
        StringBuilder text = new StringBuilder("file,score,decision\n");
        for (ScoredBatch.Scored s : batch.scored()) {
            text.append(s.file()).append(',').append(String.format(Locale.ROOT, "%.8g", s.score())).append(',')
                    .append(s.anomalous() ? 1 : 0).append('\n');
        }
        if (csv == null) {
            stdout.print(text);
            stdout.flush();
        } else {
            AtomicFile.write(csv, o -> o.write(text.toString().getBytes(StandardCharsets.UTF_8)));
            long anomalous = batch.scored().stream().filter(ScoredBatch.Scored::anomalous).count();
            stdout.printf("Scored %d files (%d anomalous) into %s%n", batch.scored().size(), anomalous, csv);
            stdout.flush();
        }
        for (UnusableFile f : batch.failed()) {
            err.println("auscult score: " + f.path() + ": " + f.reason());
        }
        if (!batch.failed().isEmpty()) {
            err.printf("auscult score: %d of %d files could not be scored%n", batch.failed().size(), files.size());
        }
        return batch.failed().isEmpty() ? 0 : 1;
    }

    /** Files as given; folders become their .wav files, sorted. */
    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().toLowerCase(Locale.ROOT)
                            .endsWith(".wav")).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }
}
