package io.auscult.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auscult.bench.BenchResult;
import io.auscult.bench.BenchRunner;
import io.auscult.bench.Benchmark;
import io.auscult.bench.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code auscult bench}: performance figures as JSON lines, on inputs it generates itself. */
@Command(name = "bench", description = {
    "Measure performance on deterministic generated inputs. Prints one JSON object per line:",
    "{\"name\", \"unit\", \"median\", \"min\", \"max\", \"repeats\"} after warm-up. Run it on a quiet machine."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--only", paramLabel = "NAME", description = "Run only these benchmarks (comma-separated).",
            split = ",")
    List<String> only;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "9",
            description = "Timed repeats per benchmark (at least 7; default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--list", description = "List the benchmark names and units, and exit.")
    boolean list;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            for (Benchmark b : Benchmarks.all()) {
                out.println(b.name() + "\t" + b.unit().label());
            }
            out.flush();
            return 0;
        }
        if (repeats < 7) {
            throw new IllegalArgumentException("--repeats must be at least 7, was " + repeats);
        }
        List<Benchmark> chosen = Benchmarks.all();
        if (only != null) {
            for (String name : only) {
                if (Benchmarks.named(name).isEmpty()) {
                    throw new IllegalArgumentException("no benchmark named '" + name + "'; known: "
                            + Benchmarks.all().stream().map(Benchmark::name).collect(Collectors.joining(", ")));
                }
            }
            chosen = chosen.stream().filter(b -> only.contains(b.name())).toList();
        }
        BenchRunner runner = new BenchRunner(repeats, 3, 1.0);
        for (Benchmark b : chosen) {
            err.println("bench: " + b.name() + " ...");
            err.flush();
            BenchResult r = runner.run(b);
            ObjectNode node = Json.object();
            node.put("name", r.name());
            node.put("unit", r.unit());
            node.put("median", round(r.median()));
            node.put("min", round(r.min()));
            node.put("max", round(r.max()));
            node.put("repeats", r.repeats());
            out.println(Json.line(node));
            out.flush();
        }
        return 0;
    }

    /** Four significant digits: more would be noise on a shared machine. */
    private static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }
}
