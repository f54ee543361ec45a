package io.auscult.proxy;

import io.auscult.detect.DetectorKind;
import io.auscult.detect.DetectorTraining;
import io.auscult.detect.Provenance;
import io.auscult.detect.Reconstruction;
import io.auscult.detect.TrainedDetector;
import io.auscult.detect.TrainingCurve;
import io.auscult.detect.TrainingSet;
import io.auscult.detect.Versions;
import io.auscult.detect.nn.ConvAutoencoder;
import io.auscult.detect.nn.ConvBackboneWeights;
import io.auscult.detect.nn.ConvPrecision;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.FeatureSpec;
import io.auscult.features.Spectrogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a model of the lab as a detector for the detection and explanation views. A
 * reconstruction model is the detector's conv AE (same layers, batch norm folded for inference),
 * trained by the lab on the normal clips of every machine of the lab's data with the lab's
 * standardisation; as a detector for one machine type it gets that machine's threshold (the
 * gamma fit of {@link DetectorTraining#fitThreshold} on the machine's normal training and
 * held-out clips) and a provenance that says where it came from.
 *
 * <p>The other tasks' models are encoders with a classification, projection or mask head: they
 * do not reconstruct their input, so the workbench's error maps and reconstruction-replacement
 * test have nothing to work with; the lab judges them by their embeddings (LP and MD AUC).
 */
public final class LabDetector {

    private LabDetector() {
    }

    /** Whether {@code model} of this lab can be opened as a detector. */
    public static boolean opens(ProxyLab.Result lab, String model) {
        return lab.autoencoders().containsKey(model) && lab.data() != null;
    }

    /** The machine types of the lab's data (what a model can be opened for), sorted. */
    public static List<String> machines(ProxyLab.Result lab) {
        return lab.data().classes().stream().map(LabDetector::machineOf).distinct().sorted().toList();
    }

    /**
     * The reconstruction model {@code model} as a conv AE detector for {@code machine}.
     *
     * @param dataset the lab's data folder, for the provenance
     * @throws IllegalArgumentException when the model is not a reconstruction model of this lab, or
     *                                  the machine has no normal clips in the lab's data
     */
    public static TrainedDetector open(ProxyLab.Result lab, String model, String machine, String dataset,
                                       Progress progress, Cancellation cancellation) {
        ConvBackboneWeights weights = lab.autoencoders().get(model);
        if (weights == null || lab.data() == null) {
            throw new IllegalArgumentException("'" + model + "' is not a reconstruction model of this lab: only "
                    + "those are autoencoders the detection view can open");
        }
        LabData data = lab.data();
        List<LabClip> normals = new ArrayList<>();
        List<LabClip> trainedOn = new ArrayList<>();
        for (LabClip c : data.clips()) {
            if (c.role() == LabClip.Role.TRAIN) {
                trainedOn.add(c);
            }
            if (c.role() != LabClip.Role.TEST && machineOf(c.group()).equals(machine)) {
                normals.add(c);
            }
        }
        if (normals.isEmpty()) {
            throw new IllegalArgumentException("the lab's data has no normal clips of machine type '" + machine
                    + "'; choose one of " + machines(lab));
        }
        ModelResult result = lab.models().stream().filter(m -> m.model().equals(model)).findFirst().orElseThrow();
        ConvAutoencoder network = new ConvAutoencoder(weights, data.mels(), ConvPrecision.FLOAT);
        try {
            progress.report(0, "scoring the normal " + machine + " clips for the threshold");
            List<Spectrogram> inputs = normals.stream().map(data::standardised).toList();
            cancellation.throwIfCancelled();
            double[] scores = network.reconstruct(inputs).stream().mapToDouble(Reconstruction::score).toArray();
            Map<String, String> files = new LinkedHashMap<>();
            for (int i = 0; i < trainedOn.size(); i++) {
                cancellation.throwIfCancelled();
                progress.report(0.5 + 0.5 * i / trainedOn.size(), "hashing the lab's training clips");
                files.put(trainedOn.get(i).path().toString(), TrainingSet.sha256(trainedOn.get(i).path()));
            }
            Map<String, String> config = new LinkedHashMap<>();
            config.put("machine", machine);
            config.put("source", "proxy lab");
            config.put("labModel", model);
            config.put("task", ProxyTaskKind.RECONSTRUCTION.word());
            config.put("widths", weights.widths().toString());
            config.put("epochs", Integer.toString(result.epoch()));
            config.put("batchSize", Integer.toString(lab.request().grid().batchSize()));
            config.put("cropFrames", Integer.toString(lab.request().grid().cropFrames()));
            config.put("learningRate", Double.toString(lab.request().grid().learningRate()));
            config.put("trainedOn", "normal clips of " + String.join(", ", machines(lab)));
            TrainingCurve curve = curve(lab, result);
            Provenance provenance = new Provenance(Versions.auscult(), Versions.nd4j(), lab.request().seed(), config,
                    dataset + " (proxy lab, " + lab.request().grid().name() + " grid)", files, curve, Map.of());
            progress.report(1, "opened " + model);
            return new TrainedDetector(DetectorKind.AE, FeatureSpec.DCASE, data.standardiser(), network,
                    DetectorTraining.fitThreshold(scores), provenance);
        } catch (IOException e) {
            network.close();
            throw new UncheckedIOException("cannot read a training clip of the lab: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** The training loss and validation MSE at this run's checkpoints up to the model's (one point each). */
    private static TrainingCurve curve(ProxyLab.Result lab, ModelResult model) {
        List<Double> train = new ArrayList<>();
        List<Double> validation = new ArrayList<>();
        for (ModelResult m : lab.models()) {
            if (m.task() == model.task() && m.capacity().equals(model.capacity()) && m.epoch() <= model.epoch()) {
                train.add(m.trainLoss());
                validation.add(m.proxyMetric());
            }
        }
        return new TrainingCurve(train, validation, train.size() - 1);
    }

    /** "fan/id_00" → "fan". */
    static String machineOf(String group) {
        int slash = group.indexOf('/');
        return slash < 0 ? group : group.substring(0, slash);
    }
}
