package io.auscult.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts over a group of recordings (a whole dataset, a machine type, or one machine id):
 * how many there are for every combination of domain, split and condition, how long they last,
 * and the sample rates and channel counts met.
 *
 * @param recordings      number of recordings
 * @param durationSeconds their total duration
 * @param withMask        how many have a ground-truth mask
 * @param sampleRates     sample rates met, ascending
 * @param channelCounts   channel counts met, ascending
 * @param cells           the non-empty (domain, split, condition) combinations, in enum order
 */
public record GroupSummary(int recordings, double durationSeconds, int withMask, List<Integer> sampleRates,
                           List<Integer> channelCounts, List<Cell> cells) {

    /** How many recordings have one combination of labels. */
    public record Cell(Domain domain, Split split, Condition condition, int recordings) {
        public Cell {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(condition, "condition");
            if (recordings < 0) {
                throw new IllegalArgumentException("a count cannot be negative, was " + recordings);
            }
        }
    }

    private static final Comparator<Cell> CELL_ORDER = Comparator.comparing(Cell::domain)
            .thenComparing(Cell::split).thenComparing(Cell::condition);

    public GroupSummary {
        if (recordings < 0 || withMask < 0 || withMask > recordings) {
            throw new IllegalArgumentException("counts must satisfy 0 <= withMask <= recordings, were "
                    + withMask + " and " + recordings);
        }
        sampleRates = List.copyOf(sampleRates);
        channelCounts = List.copyOf(channelCounts);
        cells = List.copyOf(cells);
    }

    /** Counts the given recordings. */
    public static GroupSummary of(List<Recording> group) {
        double duration = 0;
        int masks = 0;
        TreeSet<Integer> rates = new TreeSet<>();
        TreeSet<Integer> channels = new TreeSet<>();
        TreeMap<Cell, int[]> counts = new TreeMap<>(CELL_ORDER);
        for (Recording r : group) {
            duration += r.durationSeconds();
            masks += r.mask().isPresent() ? 1 : 0;
            rates.add(r.info().sampleRate());
            channels.add(r.info().channels());
            Labels l = r.labels();
            counts.computeIfAbsent(new Cell(l.domain(), l.split(), l.condition(), 0), k -> new int[1])[0]++;
        }
        List<Cell> cells = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> cells.add(new Cell(k.domain(), k.split(), k.condition(), v[0])));
        return new GroupSummary(group.size(), duration, masks, new ArrayList<>(rates), new ArrayList<>(channels), cells);
    }

    public int count(Domain domain) {
        return cells.stream().filter(c -> c.domain() == domain).mapToInt(Cell::recordings).sum();
    }

    public int count(Split split) {
        return cells.stream().filter(c -> c.split() == split).mapToInt(Cell::recordings).sum();
    }

    public int count(Condition condition) {
        return cells.stream().filter(c -> c.condition() == condition).mapToInt(Cell::recordings).sum();
    }

    /** For instance {@code count(TEST, ANOMALY)}: the anomalous test clips, all domains. */
    public int count(Split split, Condition condition) {
        return cells.stream().filter(c -> c.split() == split && c.condition() == condition)
                .mapToInt(Cell::recordings).sum();
    }

    public int count(Domain domain, Split split, Condition condition) {
        return cells.stream().filter(c -> c.domain() == domain && c.split() == split && c.condition() == condition)
                .mapToInt(Cell::recordings).sum();
    }
}
