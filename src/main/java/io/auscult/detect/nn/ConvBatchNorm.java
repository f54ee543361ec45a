package io.auscult.detect.nn;

import java.util.Arrays;

/**
 * A batch-norm layer's parameters and running statistics, per channel, as PyTorch's
 * {@code BatchNorm2d} holds them. In inference {@code y = (h - runningMean) / sqrt(runningVar + eps)
 * * gamma + beta}, i.e. {@code y = h * scale + shift}: the form that folds into the preceding
 * convolution.
 */
public record ConvBatchNorm(double[] gamma, double[] beta, double[] runningMean, double[] runningVar, double eps) {

    public ConvBatchNorm {
        int n = gamma.length;
        if (n == 0 || beta.length != n || runningMean.length != n || runningVar.length != n) {
            throw new IllegalArgumentException("batch norm arrays must have one equal, non-zero length: gamma "
                    + n + ", beta " + beta.length + ", running mean " + runningMean.length + ", running var "
                    + runningVar.length);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("batch norm eps must be > 0, not " + eps);
        }
        for (int c = 0; c < n; c++) {
            if (!(runningVar[c] >= 0) || !Double.isFinite(runningVar[c])) {
                throw new IllegalArgumentException("running variance of channel " + c + " must be finite and >= 0, not "
                        + runningVar[c]);
            }
        }
        gamma = gamma.clone();
        beta = beta.clone();
        runningMean = runningMean.clone();
        runningVar = runningVar.clone();
    }

    public int channels() {
        return gamma.length;
    }

    /** {@code gamma / sqrt(runningVar + eps)} of channel c. */
    public double scale(int c) {
        return gamma[c] / Math.sqrt(runningVar[c] + eps);
    }

    /** {@code beta - runningMean * scale} of channel c. */
    public double shift(int c) {
        return beta[c] - runningMean[c] * scale(c);
    }

    @Override
    public double[] gamma() {
        return gamma.clone();
    }

    @Override
    public double[] beta() {
        return beta.clone();
    }

    @Override
    public double[] runningMean() {
        return runningMean.clone();
    }

    @Override
    public double[] runningVar() {
        return runningVar.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvBatchNorm b && Arrays.equals(gamma, b.gamma) && Arrays.equals(beta, b.beta)
                && Arrays.equals(runningMean, b.runningMean) && Arrays.equals(runningVar, b.runningVar)
                && Double.compare(eps, b.eps) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(gamma) * 31 + Arrays.hashCode(runningVar);
    }

    @Override
    public String toString() {
        return "ConvBatchNorm[" + channels() + " channels, eps " + eps + "]";
    }
}
