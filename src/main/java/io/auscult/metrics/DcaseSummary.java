package io.auscult.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The DCASE 2023/2024 Task 2 result table: per machine type and overall means of the section
 * values, as the public evaluators compute them (see the fixture README
 * {@code shared/fixtures/metrics/README.md}). Each section adds three values, its source AUC,
 * target AUC and pAUC; the official score is the harmonic mean of all of them in one flat list.
 *
 * @param sections the section values, in input order
 * @param machines one row per machine type, in the order each first appears
 * @param overall  the overall values, official score included
 */
public record DcaseSummary(List<SectionScores> sections, List<MachineSummary> machines, OverallSummary overall) {

    public DcaseSummary {
        sections = List.copyOf(sections);
        machines = List.copyOf(machines);
        Objects.requireNonNull(overall, "overall");
    }

    /** The summary of sections evaluated from clips. */
    public static DcaseSummary ofEvaluations(List<SectionEvaluation> evaluations) {
        Objects.requireNonNull(evaluations, "evaluations");
        return of(evaluations.stream().map(SectionEvaluation::scores).toList());
    }

    /** The summary of clips: {@link SectionEvaluation#of} then {@link #of}. */
    public static DcaseSummary ofClips(List<ScoredClip> clips) {
        return ofEvaluations(SectionEvaluation.of(clips));
    }

    /**
     * The summary of a table of section values.
     *
     * @throws IllegalArgumentException if the table is empty or names a section twice
     */
    public static DcaseSummary of(List<SectionScores> sections) {
        Objects.requireNonNull(sections, "sections");
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("a DCASE summary needs at least one section");
        }
        Set<List<String>> seen = new HashSet<>();
        Map<String, List<SectionScores>> byMachine = new LinkedHashMap<>();
        for (SectionScores s : sections) {
            Objects.requireNonNull(s, "section scores");
            if (!seen.add(List.of(s.machineType(), s.section()))) {
                throw new IllegalArgumentException(s.machineType() + " section " + s.section()
                        + " appears twice; each section must be evaluated once");
            }
            byMachine.computeIfAbsent(s.machineType(), k -> new ArrayList<>()).add(s);
        }
        List<MachineSummary> machines = new ArrayList<>(byMachine.size());
        for (Map.Entry<String, List<SectionScores>> e : byMachine.entrySet()) {
            machines.add(summarise(e.getKey(), e.getValue()));
        }
        double[] machineHmeanAll = machines.stream().mapToDouble(MachineSummary::hmeanAll).toArray();
        Columns all = new Columns(sections);
        OverallSummary overall = new OverallSummary(
                DcaseMeans.harmonic(all.flat()),
                DcaseMeans.arithmetic(all.flat()),
                DcaseMeans.arithmetic(all.aucs()),
                DcaseMeans.harmonic(all.aucs()),
                DcaseMeans.harmonic(all.source),
                DcaseMeans.harmonic(all.target),
                DcaseMeans.arithmetic(all.pauc),
                DcaseMeans.harmonic(all.pauc),
                DcaseMeans.harmonic(machineHmeanAll));
        return new DcaseSummary(sections, machines, overall);
    }

    /** The row of one machine type, if it is in the table. */
    public Optional<MachineSummary> machine(String machineType) {
        return machines.stream().filter(m -> m.machineType().equals(machineType)).findFirst();
    }

    private static MachineSummary summarise(String machineType, List<SectionScores> sections) {
        Columns c = new Columns(sections);
        return new MachineSummary(machineType, sections.size(),
                DcaseMeans.arithmetic(c.aucs()), DcaseMeans.harmonic(c.aucs()),
                DcaseMeans.arithmetic(c.source), DcaseMeans.harmonic(c.source),
                DcaseMeans.arithmetic(c.target), DcaseMeans.harmonic(c.target),
                DcaseMeans.arithmetic(c.pauc), DcaseMeans.harmonic(c.pauc),
                DcaseMeans.harmonic(c.flat()));
    }

    /** The three columns of a set of sections. */
    private static final class Columns {
        final double[] source;
        final double[] target;
        final double[] pauc;

        Columns(List<SectionScores> sections) {
            int n = sections.size();
            source = new double[n];
            target = new double[n];
            pauc = new double[n];
            for (int i = 0; i < n; i++) {
                source[i] = sections.get(i).aucSource();
                target[i] = sections.get(i).aucTarget();
                pauc[i] = sections.get(i).pauc();
            }
        }

        /** Source then target AUCs. */
        double[] aucs() {
            return concat(source, target);
        }

        /** Source AUCs, target AUCs, pAUCs: the official score's list. */
        double[] flat() {
            return concat(source, target, pauc);
        }

        private static double[] concat(double[]... parts) {
            int n = 0;
            for (double[] p : parts) {
                n += p.length;
            }
            double[] out = new double[n];
            int at = 0;
            for (double[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }
    }
}
