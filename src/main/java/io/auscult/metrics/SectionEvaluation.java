package io.auscult.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The DCASE 2023/2024 Task 2 evaluation of one section, from its clips, as the public evaluators
 * ({@code nttcslab/dcase2023_task2_evaluator}, {@code dcase2024_task2_evaluator}) select them:
 * <ul>
 * <li>AUC (source): the source-domain normal clips against <em>all</em> anomalous clips of the
 *     section, from both domains; AUC (target) likewise with the target-domain normals;</li>
 * <li>pAUC (max FPR 0.1): all clips of the section together, there is no pAUC per domain;</li>
 * <li>AUC (all): all clips together; reported, but not part of the official score.</li>
 * </ul>
 *
 * @param scores        the three values that enter the official score
 * @param aucAll        the AUC over all clips of the section
 * @param sourceNormals number of normal source-domain clips
 * @param targetNormals number of normal target-domain clips
 * @param anomalies     number of anomalous clips, both domains
 */
public record SectionEvaluation(SectionScores scores, double aucAll, int sourceNormals, int targetNormals,
        int anomalies) {

    public SectionEvaluation {
        Objects.requireNonNull(scores, "scores");
        if (!(aucAll >= 0 && aucAll <= 1)) {
            throw new IllegalArgumentException("AUC (all) must be in [0, 1], got " + aucAll);
        }
        if (sourceNormals < 0 || targetNormals < 0 || anomalies < 0) {
            throw new IllegalArgumentException("clip counts must not be negative");
        }
    }

    /**
     * Evaluates every (machine type, section) found in the clips, in the order each first
     * appears.
     *
     * @throws UndefinedMetricException if a section has no anomalies, or no normal clips in a
     *                                  domain (the message names the machine type and section)
     */
    public static List<SectionEvaluation> of(List<ScoredClip> clips) {
        Objects.requireNonNull(clips, "clips");
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("no clips to evaluate");
        }
        Map<List<String>, List<ScoredClip>> sections = new LinkedHashMap<>();
        for (ScoredClip clip : clips) {
            Objects.requireNonNull(clip, "clip");
            sections.computeIfAbsent(List.of(clip.machineType(), clip.section()), k -> new ArrayList<>()).add(clip);
        }
        List<SectionEvaluation> out = new ArrayList<>(sections.size());
        for (Map.Entry<List<String>, List<ScoredClip>> e : sections.entrySet()) {
            out.add(ofSection(e.getKey().get(0), e.getKey().get(1), e.getValue()));
        }
        return out;
    }

    /** Evaluates the clips of one section (all must belong to it). */
    public static SectionEvaluation ofSection(String machineType, String section, List<ScoredClip> clips) {
        Objects.requireNonNull(clips, "clips");
        int sourceNormals = 0;
        int targetNormals = 0;
        int anomalies = 0;
        for (ScoredClip clip : clips) {
            if (!clip.machineType().equals(machineType) || !clip.section().equals(section)) {
                throw new IllegalArgumentException("a clip of " + clip.machineType() + " section " + clip.section()
                        + " is not part of " + machineType + " section " + section);
            }
            if (clip.anomalous()) {
                anomalies++;
            } else if (clip.isSource()) {
                sourceNormals++;
            } else {
                targetNormals++;
            }
        }
        String where = machineType + " section " + section;
        if (anomalies == 0) {
            throw new UndefinedMetricException("AUC needs both normal and anomalous clips; " + where
                    + " has no anomalies");
        }
        if (sourceNormals == 0) {
            throw new UndefinedMetricException("AUC (source) needs normal source-domain clips; " + where
                    + " has none");
        }
        if (targetNormals == 0) {
            throw new UndefinedMetricException("AUC (target) needs normal target-domain clips; " + where
                    + " has none");
        }
        int n = clips.size();
        double[] all = new double[n];
        boolean[] allLabels = new boolean[n];
        double[] source = new double[sourceNormals + anomalies];
        boolean[] sourceLabels = new boolean[source.length];
        double[] target = new double[targetNormals + anomalies];
        boolean[] targetLabels = new boolean[target.length];
        int s = 0;
        int t = 0;
        for (int i = 0; i < n; i++) {
            ScoredClip clip = clips.get(i);
            all[i] = clip.score();
            allLabels[i] = clip.anomalous();
            if (clip.anomalous() || clip.isSource()) {
                source[s] = clip.score();
                sourceLabels[s++] = clip.anomalous();
            }
            if (clip.anomalous() || !clip.isSource()) {
                target[t] = clip.score();
                targetLabels[t++] = clip.anomalous();
            }
        }
        RocCurve allCurve = RocCurve.of(all, allLabels);
        SectionScores scores = new SectionScores(machineType, section, Auc.of(source, sourceLabels),
                Auc.of(target, targetLabels), PartialAuc.of(allCurve, PartialAuc.DEFAULT_MAX_FPR));
        return new SectionEvaluation(scores, Auc.of(allCurve), sourceNormals, targetNormals, anomalies);
    }
}
