package io.auscult.proxy;

/**
 * One trained (or pretrained) model of the lab and how it did.
 *
 * @param task           the proxy task
 * @param model          a name unique in the lab, e.g. {@code classification-w16-32-64-e5}
 * @param capacity       the encoder widths label
 * @param epoch          checkpoint epoch (0 for the frozen pretrained encoder)
 * @param embeddingDim   dimension of the pooled embedding
 * @param trainLoss      mean training loss of the checkpoint's last epoch (NaN if it did not train)
 * @param proxyMetric    the task's metric on held-out normal clips (NaN if the task has none)
 * @param lpAuc          linear-probe AUC (cross-validated over the test clips)
 * @param mdAuc          Mahalanobis AUC over the test clips
 * @param directAuc      AUC of the task's own score (NaN if it has none)
 * @param directPauc     pAUC (max FPR 0.1, McClish) of the task's own score (NaN if none)
 * @param effectiveRank  effective rank of the normal training embeddings (an embedding property)
 */
public record ModelResult(ProxyTaskKind task, String model, String capacity, int epoch, int embeddingDim,
                          double trainLoss, double proxyMetric, double lpAuc, double mdAuc, double directAuc,
                          double directPauc, double effectiveRank) {

    /** The proxy metric oriented so that higher means the proxy task is done better. */
    public double proxyQuality() {
        return task.higherIsBetter() ? proxyMetric : -proxyMetric;
    }
}
