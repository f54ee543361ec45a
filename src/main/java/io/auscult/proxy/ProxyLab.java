package io.auscult.proxy;

import io.auscult.data.ScanResult;
import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The proxy-task lab (DESIGN.md "Proxy-task lab"): trains every chosen task over the grid on the
 * normal training clips of a dataset, evaluates every checkpoint (proxy metric, LP, MD and
 * direct AUC) and computes the alignment statistics across the models.
 */
public final class ProxyLab {

    /** What to run. */
    public record Request(Set<ProxyTaskKind> tasks, LabGrid grid, long seed) {
        public Request {
            tasks = Set.copyOf(EnumSet.copyOf(Objects.requireNonNull(tasks, "tasks")));
            Objects.requireNonNull(grid, "grid");
            if (tasks.isEmpty()) {
                throw new IllegalArgumentException("choose at least one proxy task");
            }
        }
    }

    /**
     * The models, the statistics and the data the lab used.
     *
     * @param autoencoders the reconstruction models' networks by model name: each is the detector's
     *                     conv AE, which {@link LabDetector} opens as a detector
     * @param encoders     every model's encoder by model name, for {@link LabDetector}'s embedding detector
     */
    public record Result(Request request, List<ModelResult> models, Alignment alignment, LabData data,
                         Map<String, ConvBackboneWeights> autoencoders, Map<String, EncoderWeights> encoders) {
        public Result {
            autoencoders = Map.copyOf(autoencoders);
            encoders = Map.copyOf(encoders);
        }
    }

    private ProxyLab() {
    }

    public static Result run(ScanResult scan, Request request, Progress progress, Cancellation cancellation) {
        LabData data = LabData.load(scan, request.seed(), progress.slice(0, 0.05), cancellation);
        return run(data, request, progress.slice(0.05, 1), cancellation);
    }

    public static Result run(LabData data, Request request, Progress progress, Cancellation cancellation) {
        LabGrid grid = request.grid();
        ModelEvaluator evaluator = new ModelEvaluator(data, grid.cropFrames(), request.seed());
        List<ModelResult> models = new ArrayList<>();
        Map<String, ConvBackboneWeights> autoencoders = new LinkedHashMap<>();
        Map<String, EncoderWeights> encoders = new LinkedHashMap<>();
        List<ProxyTaskKind> tasks = new ArrayList<>(EnumSet.copyOf(request.tasks()));
        int runs = 0;
        for (ProxyTaskKind k : tasks) {
            runs += k.trains() ? grid.capacities().size() : 1;
        }
        int done = 0;
        for (ProxyTaskKind kind : tasks) {
            if (!kind.trains()) {
                cancellation.throwIfCancelled();
                progress.report(done / (double) runs, "evaluating the pretrained encoder");
                EncoderWeights enc = PretrainedEncoder.load();
                try (ProxyGraph graph = new ProxyGraph(kind, enc, data.mels(), data.classes().size(), request.seed(),
                        false)) {
                    ModelResult m = evaluator.evaluate(new ProxyModel(graph, enc.levels()), capacityLabel(enc.widths()),
                            0, enc.embeddingDimension(), Double.NaN);
                    models.add(m);
                    encoders.put(m.model(), enc);
                }
                done++;
                continue;
            }
            for (List<Integer> widths : grid.capacities()) {
                ProxyTrainingOptions options = grid.options(widths, request.seed());
                Progress slice = progress.slice(done / (double) runs, (done + 1.0) / runs);
                ProxyTrainer.train(kind, data, options, null, (epoch, model, loss) -> {
                    slice.report(epoch / (double) options.epochs(), kind + " " + options.capacityLabel()
                            + ": evaluating epoch " + epoch);
                    ModelResult m = evaluator.evaluate(model, options.capacityLabel(), epoch,
                            widths.get(widths.size() - 1), loss);
                    models.add(m);
                    encoders.put(m.model(), model.encoderWeights());
                    if (kind == ProxyTaskKind.RECONSTRUCTION) {
                        autoencoders.put(m.model(), model.autoencoderWeights());
                    }
                }, slice, cancellation);
                done++;
            }
        }
        cancellation.throwIfCancelled();
        progress.report(1, "alignment statistics");
        Map<ProxyTaskKind, Double> chance = Map.of(ProxyTaskKind.CLASSIFICATION, 1.0 / data.classes().size(),
                ProxyTaskKind.CONTRASTIVE, 1.0 / data.role(LabClip.Role.VALIDATION).size());
        Alignment alignment = Alignment.of(models, chance, request.seed());
        return new Result(request, models, alignment, data, autoencoders, encoders);
    }

    static String capacityLabel(List<Integer> widths) {
        StringBuilder b = new StringBuilder("w");
        for (int i = 0; i < widths.size(); i++) {
            b.append(i == 0 ? "" : "-").append(widths.get(i));
        }
        return b.toString();
    }
}
