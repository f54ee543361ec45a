package io.auscult.detect;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a model was made, kept in its file so that anyone can ask (DESIGN.md, "Files").
 *
 * @param auscultVersion version of Auscult that trained it
 * @param nd4jVersion    version of ND4J it was trained with
 * @param seed           the training seed
 * @param config         the training options, by name (sorted)
 * @param dataset        the dataset folder and selection it was trained on, in words
 * @param trainingFiles  SHA-256 of every training and validation file, by path (sorted)
 * @param curve          loss per epoch
 * @param evaluation     evaluation figures by name (e.g. "auc"), empty until evaluated
 */
public record Provenance(String auscultVersion, String nd4jVersion, long seed, Map<String, String> config,
                         String dataset, Map<String, String> trainingFiles, TrainingCurve curve,
                         Map<String, Double> evaluation) {

    public Provenance {
        Objects.requireNonNull(auscultVersion, "auscultVersion");
        Objects.requireNonNull(nd4jVersion, "nd4jVersion");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(curve, "curve");
        config = java.util.Collections.unmodifiableMap(new TreeMap<>(config));
        trainingFiles = java.util.Collections.unmodifiableMap(new TreeMap<>(trainingFiles));
        evaluation = java.util.Collections.unmodifiableMap(new TreeMap<>(evaluation));
    }

    public Provenance withEvaluation(Map<String, Double> figures) {
        return new Provenance(auscultVersion, nd4jVersion, seed, config, dataset, trainingFiles, curve, figures);
    }
}
