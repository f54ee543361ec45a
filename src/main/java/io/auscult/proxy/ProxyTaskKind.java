package io.auscult.proxy;

import java.util.Locale;

/**
 * The proxy tasks of the lab (arXiv 2601.08480), each on the same front end and conv encoder.
 * The proxy metric is oriented as the task reports it; {@link #higherIsBetter()} says which way.
 */
public enum ProxyTaskKind {
    /** The conv autoencoder: encoder + mirrored transposed-conv decoder, MSE; metric validation MSE. */
    RECONSTRUCTION("reconstruction", "validation_mse", false),
    /** Machine type/id classification, cross-entropy; metric validation accuracy; direct score −log p(true id). */
    CLASSIFICATION("classification", "validation_accuracy", true),
    /** Mask estimation for a target machine mixed with an interfering machine or noise; metric SI-SDR improvement. */
    SEPARATION("separation", "si_sdr_improvement_db", true),
    /** NT-Xent over two augmented crops of a clip; metric top-1 retrieval accuracy of the paired view. */
    CONTRASTIVE("contrastive", "top1_retrieval", true),
    /** The encoder shipped in resources/, trained once on a broad synthetic corpus, frozen. */
    PRETRAINED("pretrained", "none", true);

    private final String word;
    private final String metricName;
    private final boolean higherIsBetter;

    ProxyTaskKind(String word, String metricName, boolean higherIsBetter) {
        this.word = word;
        this.metricName = metricName;
        this.higherIsBetter = higherIsBetter;
    }

    public String word() {
        return word;
    }

    public String metricName() {
        return metricName;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether the task trains (the pretrained encoder is frozen). */
    public boolean trains() {
        return this != PRETRAINED;
    }

    public static ProxyTaskKind parse(String s) {
        for (ProxyTaskKind k : values()) {
            if (k.word.equalsIgnoreCase(s.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown proxy task '" + s + "'; choose from reconstruction, "
                + "classification, separation, contrastive, pretrained or all");
    }

    @Override
    public String toString() {
        return word.toLowerCase(Locale.ROOT);
    }
}
