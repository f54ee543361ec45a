/**
 * Evaluation metrics on plain values (scores, labels, names): no dataset or model types, only the
 * JDK and commons-math3. The reference for every convention below is
 * {@code shared/fixtures/metrics/README.md}, and the tests check each against its fixtures.
 *
 * <ul>
 * <li><b>Labels and scores.</b> {@code true} = anomaly = positive class; a higher score is more
 *     anomalous. Scores must be finite; a NaN or infinite score is refused with its index.</li>
 * <li><b>ROC and AUC</b> ({@link io.auscult.metrics.RocCurve}, {@link io.auscult.metrics.Auc}):
 *     as scikit-learn's {@code roc_curve(drop_intermediate=False)} and {@code roc_auc_score}:
 *     one point per distinct score, ties between classes count 1/2. Only one class present is
 *     undefined: {@link io.auscult.metrics.UndefinedMetricException}, never NaN (scikit-learn 1.9
 *     returns NaN with a warning).</li>
 * <li><b>pAUC</b> ({@link io.auscult.metrics.PartialAuc}): {@code roc_auc_score(max_fpr=0.1)},
 *     McClish-standardised (chance 0.5, perfect 1, floor 9/19 for 0.1), with scikit-learn's
 *     linear interpolation at max FPR, inside a tie's diagonal if need be.</li>
 * <li><b>DCASE Task 2 aggregation</b> ({@link io.auscult.metrics.SectionEvaluation},
 *     {@link io.auscult.metrics.DcaseSummary}): as the public DCASE 2023/2024 evaluators: AUC
 *     (source) = source normals against all anomalies of the section, AUC (target) likewise, pAUC
 *     over the whole section; official score = harmonic mean, each value floored at 2^-52, of the
 *     flat list of all three values of every section.</li>
 * <li><b>Threshold</b> ({@link io.auscult.metrics.GammaThreshold}): the 90th percentile of a gamma
 *     distribution fitted with loc = 0 to normal training scores, by maximum likelihood
 *     ({@code scipy.stats.gamma.fit(scores, floc=0)}); the DCASE baselines' free-loc fit is not
 *     offered because it usually has no maximum (fixture README).</li>
 * <li><b>Decisions</b> ({@link io.auscult.metrics.ThresholdDecision},
 *     {@link io.auscult.metrics.ConfusionCounts}): anomalous iff {@code score > threshold}
 *     (strict, as DCASE decision files); precision, recall and F1 are 0 when their denominator
 *     is 0 (scikit-learn {@code zero_division=0.0}).</li>
 * </ul>
 */
package io.auscult.metrics;
