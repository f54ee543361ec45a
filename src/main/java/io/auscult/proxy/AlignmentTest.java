package io.auscult.proxy;

import io.auscult.metrics.BootstrapInterval;

/**
 * One correlation test of the lab.
 *
 * @param x        what is on the x axis, e.g. {@code classification.proxy_metric}
 * @param y        what is on the y axis, e.g. {@code lp_auc}
 * @param method   pearson or spearman
 * @param n        models (pairs)
 * @param r        the coefficient
 * @param p        two-sided p-value
 * @param pBh      Benjamini–Hochberg adjusted p over all the lab's tests
 * @param reject   pBh ≤ alpha
 * @param interval bootstrap interval of r over models (pairs resampled)
 * @param purpose  headline (proxy metric vs detection), stage2 or stage3
 */
public record AlignmentTest(String x, String y, String method, int n, double r, double p, double pBh, boolean reject,
                            BootstrapInterval interval, String purpose) {
}
