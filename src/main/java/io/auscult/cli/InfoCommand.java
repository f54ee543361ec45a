package io.auscult.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auscult.audio.AudioFormatException;
import io.auscult.audio.WavInfo;
import io.auscult.audio.WavReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code auscult info FILE...}: the format facts of each file, or why it is unusable. */
@Command(name = "info", description = "Show the format of WAV files, or why a file cannot be used.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "WAV files")
    List<Path> files;

    @Option(names = "--json", description = "One JSON object per file and line.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        for (Path file : files) {
            try {
                WavInfo info = WavReader.readInfo(file);
                if (json) {
                    out.println(Json.line(toJson(info)));
                } else {
                    out.printf("%s: %d Hz, %d channel%s, %d frames (%.3f s), %s, %d-bit%n", file,
                            info.sampleRate(), info.channels(), info.channels() == 1 ? "" : "s", info.frames(),
                            info.durationSeconds(), info.encoding().label(), info.bitsPerSample());
                }
            } catch (AudioFormatException e) {
                failed++;
                if (json) {
                    ObjectNode node = Json.object();
                    node.put("path", file.toString());
                    node.put("error", e.reason());
                    out.println(Json.line(node));
                } else {
                    err.println("auscult info: " + e.getMessage());
                }
            }
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    static ObjectNode toJson(WavInfo info) {
        ObjectNode node = Json.object();
        node.put("path", info.file().toString());
        node.put("sampleRate", info.sampleRate());
        node.put("channels", info.channels());
        node.put("frames", info.frames());
        node.put("bitsPerSample", info.bitsPerSample());
        node.put("encoding", info.encoding().label());
        node.put("durationSeconds", info.durationSeconds());
        return node;
    }
}
