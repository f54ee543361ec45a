package io.auscult.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.auscult.store.ModelFile;
import io.auscult.store.ModelFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code auscult model-info MODEL.auscult...}: how a model was made, from its manifest. */
@Command(name = "model-info", description = {
    "Show what a model file holds and how it was made: detector, front end, threshold, versions,",
    "seed, training options and data (with SHA-256 of every file), training curve, evaluation."})
final class ModelInfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = ".auscult model files")
    List<Path> models;

    @Option(names = "--json", description = "Print each manifest as JSON (one object per line).")
    boolean json;

    @Option(names = "--files", description = "List every training file with its SHA-256.")
    boolean files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        for (Path model : models) {
            try {
                JsonNode m = ModelFile.readManifest(model);
                if (json) {
                    out.println(Json.line(m));
                } else {
                    print(model, m, out);
                }
            } catch (ModelFileException e) {
                failed++;
                err.println("auscult model-info: " + e.getMessage());
            }
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private void print(Path model, JsonNode m, PrintWriter out) {
        JsonNode p = m.path("provenance");
        JsonNode f = m.path("features");
        out.printf("%s%n", model);
        out.printf("  detector     %s (model format %d)%n", m.path("kind").asText(), m.path("formatVersion").asInt());
        out.printf("  front end    %d Hz, n_fft %d, hop %d, %d mel bands, %s-%s Hz%n", f.path("sampleRate").asInt(),
                f.path("nFft").asInt(), f.path("hop").asInt(), f.path("nMels").asInt(), num(f.path("fMin").asDouble()),
                f.path("fMax").asDouble() == 0 ? "Nyquist" : num(f.path("fMax").asDouble()));
        String kind = m.path("kind").asText();
        if (kind.equals("ae") || kind.equals("mae") || kind.equals("dense")) {
            out.printf("  score        %s%n", "band".equals(p.path("config").path("score").asText())
                    ? "worst mel band (each band's error standardised over the normal training clips)"
                    : "mean squared reconstruction error");
        }
        out.printf("  threshold    %.6g (%s)%n", m.at("/threshold/value").asDouble(), m.at("/threshold/method").asText());
        out.printf("  trained on   %s%n", p.path("dataset").asText());
        out.printf("  made with    Auscult %s, ND4J %s, seed %d%n", p.path("auscultVersion").asText(),
                p.path("nd4jVersion").asText(), p.path("seed").asLong());
        StringBuilder config = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.path("config").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            config.append(config.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asText());
        }
        out.printf("  options      %s%n", config);
        JsonNode curve = p.path("trainingCurve");
        int epochs = curve.path("trainLoss").size();
        int best = curve.path("bestEpoch").asInt();
        if (epochs > 0) {
            out.printf("  training     %d epochs; kept epoch %d: train loss %.4g, validation loss %.4g%n", epochs,
                    best + 1, curve.path("trainLoss").path(best).asDouble(), curve.path("validationLoss").path(best).asDouble());
        }
        out.printf("  data files   %d (SHA-256 in the manifest%s)%n", p.path("trainingFiles").size(),
                files ? "" : "; --files lists them");
        if (files) {
            p.path("trainingFiles").fields().forEachRemaining(e -> out.printf("    %s  %s%n", e.getValue().asText(), e.getKey()));
        }
        if (p.path("evaluation").size() > 0) {
            StringBuilder ev = new StringBuilder();
            p.path("evaluation").fields().forEachRemaining(e -> ev.append(ev.length() == 0 ? "" : ", ")
                    .append(e.getKey()).append(' ').append(String.format("%.4f", e.getValue().asDouble())));
            out.printf("  evaluation   %s%n", ev);
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format("%.0f", v) : Double.toString(v);
    }
}
