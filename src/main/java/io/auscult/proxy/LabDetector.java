package io.auscult.proxy;

import io.auscult.detect.DetectorKind;
import io.auscult.detect.DetectorTraining;
import io.auscult.detect.Provenance;
import io.auscult.detect.ScoringNetwork;
import io.auscult.detect.TrainedDetector;
import io.auscult.detect.TrainingCurve;
import io.auscult.detect.TrainingSet;
import io.auscult.detect.Versions;
import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.detect.nn.EmbeddingDistanceNetwork;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.FeatureSpec;
import io.auscult.metrics.LedoitWolf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a model of the lab as a detector for the detection and explanation views, for one
 * machine type of the lab's data (the lab trains on the normal clips of every machine; the
 * workbench works per machine type). Every detector uses the lab's standardisation, gets that
 * machine's threshold (the gamma fit of {@link DetectorTraining#fitThreshold} on the machine's
 * normal training and held-out clips) and a provenance that names the lab model.
 *
 * <ul>
 *   <li>A reconstruction model is the detector's conv AE (same layers, batch norm folded for
 *       inference): an "ae" detector with everything the workbench offers.</li>
 *   <li>Every other model (classification, separation, contrastive, pretrained) opens as the
 *       lab's Mahalanobis detector on its encoder: an "md" detector
 *       ({@link EmbeddingDistanceNetwork}), mean and Ledoit–Wolf precision of the machine's normal
 *       training embeddings. Its score is differentiable, so the gradient methods explain it; it
 *       has no reconstruction, so the error map, occlusion and the replacement test do not apply.
 *       The lab fits one MD per machine type and id; this fits the machine type's ids together,
 *       which is the same where a machine has one id (the demo set).</li>
 * </ul>
 */
public final class LabDetector {

    private LabDetector() {
    }

    /** Whether {@code model} of this lab can be opened as a detector (its weights and data are kept). */
    public static boolean opens(ProxyLab.Result lab, String model) {
        return lab.data() != null && (lab.autoencoders().containsKey(model) || lab.encoders().containsKey(model));
    }

    /** The detector kind {@code model} opens as: AE for reconstruction models, MD for the others. */
    public static DetectorKind kindOf(ProxyLab.Result lab, String model) {
        return lab.autoencoders().containsKey(model) ? DetectorKind.AE : DetectorKind.MD;
    }

    /** The machine types of the lab's data (what a model can be opened for), sorted. */
    public static List<String> machines(ProxyLab.Result lab) {
        return lab.data().classes().stream().map(LabDetector::machineOf).distinct().sorted().toList();
    }

    /**
     * Model {@code model} of the lab as a detector for {@code machine}.
     *
     * @param dataset the lab's data folder, for the provenance
     * @throws IllegalArgumentException when the model is not one of this lab's, or the machine has
     *                                  no normal clips in the lab's data
     */
    public static TrainedDetector open(ProxyLab.Result lab, String model, String machine, String dataset,
                                       Progress progress, Cancellation cancellation) {
        if (!opens(lab, model)) {
            throw new IllegalArgumentException("'" + model + "' is not a model this lab kept");
        }
        LabData data = lab.data();
        List<LabClip> training = new ArrayList<>();
        List<LabClip> normals = new ArrayList<>();
        List<LabClip> trainedOn = new ArrayList<>();
        for (LabClip c : data.clips()) {
            boolean mine = machineOf(c.group()).equals(machine);
            if (c.role() == LabClip.Role.TRAIN) {
                trainedOn.add(c);
                if (mine) {
                    training.add(c);
                }
            }
            if (c.role() != LabClip.Role.TEST && mine) {
                normals.add(c);
            }
        }
        if (training.isEmpty()) {
            throw new IllegalArgumentException("the lab's data has no normal training clips of machine type '"
                    + machine + "'; choose one of " + machines(lab));
        }
        ModelResult result = lab.models().stream().filter(m -> m.model().equals(model)).findFirst().orElseThrow();
        DetectorKind kind = kindOf(lab, model);
        ScoringNetwork network = kind == DetectorKind.AE
                ? new ConvAutoencoder(lab.autoencoders().get(model), data.mels(), ConvPrecision.FLOAT)
                : embeddingDetector(lab.encoders().get(model), training, data, progress.slice(0, 0.4), cancellation);
        try {
            cancellation.throwIfCancelled();
            progress.report(0.4, "scoring the normal " + machine + " clips for the threshold");
            double[] scores = network.scores(normals.stream().map(data::standardised).toList());
            Map<String, String> files = new LinkedHashMap<>();
            for (int i = 0; i < trainedOn.size(); i++) {
                cancellation.throwIfCancelled();
                progress.report(0.6 + 0.4 * i / trainedOn.size(), "hashing the lab's training clips");
                files.put(trainedOn.get(i).path().toString(), TrainingSet.sha256(trainedOn.get(i).path()));
            }
            Map<String, String> config = new LinkedHashMap<>();
            config.put("machine", machine);
            config.put("model", kind.word());
            config.put("source", "proxy lab");
            config.put("labModel", model);
            config.put("task", result.task().word());
            config.put("encoderWidths", lab.encoders().get(model).widths().toString());
            config.put("epochs", Integer.toString(result.epoch()));
            config.put("batchSize", Integer.toString(lab.request().grid().batchSize()));
            config.put("cropFrames", Integer.toString(lab.request().grid().cropFrames()));
            config.put("learningRate", Double.toString(lab.request().grid().learningRate()));
            config.put("trainedOn", "normal clips of " + String.join(", ", machines(lab)));
            config.put("trainLossAtCheckpoint", Double.toString(result.trainLoss()));
            config.put(result.task().metricName(), Double.toString(result.proxyMetric()));
            if (kind == DetectorKind.MD) {
                config.put("mahalanobis", "mean and Ledoit-Wolf precision of " + training.size() + " normal "
                        + machine + " training embeddings");
            }
            Provenance provenance = new Provenance(Versions.auscult(), Versions.nd4j(), lab.request().seed(), config,
                    dataset + " (proxy lab, " + lab.request().grid().name() + " grid)", files,
                    // The lab keeps numbers per checkpoint, not per epoch: no curve, the checkpoint's figures in the config.
                    new TrainingCurve(List.of(), List.of(), -1), Map.of());
            progress.report(1, "opened " + model);
            return new TrainedDetector(kind, FeatureSpec.DCASE, data.standardiser(), network,
                    DetectorTraining.fitThreshold(scores), provenance);
        } catch (IOException e) {
            network.close();
            throw new UncheckedIOException("cannot read a training clip of the lab: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** The encoder with the mean and Ledoit–Wolf precision of the machine's normal training embeddings. */
    private static EmbeddingDistanceNetwork embeddingDetector(EncoderWeights encoder, List<LabClip> training,
                                                              LabData data, Progress progress,
                                                              Cancellation cancellation) {
        progress.report(0, "embedding " + training.size() + " normal training clips");
        double[][] embeddings;
        try (EmbeddingDistanceNetwork embed = EmbeddingDistanceNetwork.encoderOnly(encoder.layers(), data.mels())) {
            embeddings = embed.embeddings(training.stream().map(data::standardised).toList());
        }
        cancellation.throwIfCancelled();
        LedoitWolf fit = LedoitWolf.fit(embeddings);
        progress.report(1, "fitted the Mahalanobis distance");
        return new EmbeddingDistanceNetwork(encoder.layers(), fit.location(), fit.precision(), data.mels());
    }

    /** "fan/id_00" → "fan". */
    static String machineOf(String group) {
        int slash = group.indexOf('/');
        return slash < 0 ? group : group.substring(0, slash);
    }
}
