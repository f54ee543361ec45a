package io.auscult.detect.nn;

import java.util.Objects;

/**
 * The inference-time parameters of a {@code BatchNorm1d} after a dense layer, per output unit:
 * {@code y = (h - runningMean) / sqrt(runningVar + eps) * gamma + beta} (PyTorch, eval mode).
 *
 * <p>The arrays are not copied: treat them as read-only.
 */
public record DenseBatchNorm(double[] gamma, double[] beta, double[] runningMean, double[] runningVar, double eps) {

    public DenseBatchNorm {
        Objects.requireNonNull(gamma, "gamma");
        Objects.requireNonNull(beta, "beta");
        Objects.requireNonNull(runningMean, "runningMean");
        Objects.requireNonNull(runningVar, "runningVar");
        int n = gamma.length;
        if (n == 0 || beta.length != n || runningMean.length != n || runningVar.length != n) {
            throw new IllegalArgumentException("batch norm arrays must have one equal, positive length: gamma "
                    + n + ", beta " + beta.length + ", running mean " + runningMean.length + ", running var "
                    + runningVar.length);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("batch norm eps must be positive and finite, not " + eps);
        }
        for (int i = 0; i < n; i++) {
            if (!(runningVar[i] >= 0) || Double.isInfinite(runningVar[i])) {
                throw new IllegalArgumentException("batch norm running variance " + i + " is " + runningVar[i]
                        + ": it must be finite and not negative");
            }
        }
    }

    /** Units normalised. */
    public int size() {
        return gamma.length;
    }

    /** The factor {@code gamma / sqrt(runningVar + eps)} of unit {@code i}. */
    public double scale(int i) {
        return gamma[i] / Math.sqrt(runningVar[i] + eps);
    }
}
