package io.auscult.proxy;

import io.auscult.audio.AudioFormatException;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.data.Condition;
import io.auscult.data.Recording;
import io.auscult.data.ScanResult;
import io.auscult.data.Split;
import io.auscult.data.UnusableFile;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.BandStatistics;
import io.auscult.features.FeatureSpec;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;
import io.auscult.features.Standardiser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The lab's data from one scan: every machine type/id ("group") with normal training clips is a
 * class; per group a seeded share of the normal training clips is held out as validation data
 * for the proxy metrics (and, for the Mahalanobis detector, never fitted); the test clips
 * (normal and anomalous) are for detection. Per-band standardisation statistics come from the
 * training clips only.
 *
 * @param clips        all usable clips
 * @param classes      the groups, sorted
 * @param standardiser per-band statistics of the training clips
 * @param skipped      files that could not be read, with the reason
 */
public record LabData(List<LabClip> clips, List<String> classes, Standardiser standardiser, List<UnusableFile> skipped) {

    /** Share of each group's normal training clips held out for the proxy metric (at least one). */
    public static final double VALIDATION_SHARE = 0.2;

    public LabData {
        clips = List.copyOf(clips);
        classes = List.copyOf(classes);
        skipped = List.copyOf(skipped);
    }

    public List<LabClip> role(LabClip.Role role) {
        return clips.stream().filter(c -> c.role() == role).toList();
    }

    public int mels() {
        return standardiser.bands();
    }

    /** Standardised log-mel of a clip (time-major, as {@link Spectrogram}). */
    public Spectrogram standardised(LabClip clip) {
        return standardiser.apply(clip.logMelDb());
    }

    public static LabData load(ScanResult scan, long seed, Progress progress, Cancellation cancellation) {
        FeatureSpec spec = FeatureSpec.DCASE;
        Map<String, List<Recording>> trainByGroup = new TreeMap<>();
        List<Recording> test = new ArrayList<>();
        for (Recording r : scan.recordings()) {
            String group = r.labels().machineType() + "/" + r.labels().machineId();
            if (r.labels().split() == Split.TRAIN && r.labels().condition() == Condition.NORMAL) {
                trainByGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(r);
            } else if (r.labels().split() == Split.TEST && r.labels().condition() != Condition.UNKNOWN) {
                test.add(r);
            }
        }
        trainByGroup.values().removeIf(list -> list.size() < 3);
        if (trainByGroup.isEmpty()) {
            throw new IllegalArgumentException(scan.root() + ": no machine type/id has 3 or more normal training "
                    + "clips; the lab needs them to train and to hold some out for validation");
        }
        List<String> classes = new ArrayList<>(trainByGroup.keySet());
        LogMelExtractor extractor = new LogMelExtractor(spec);
        List<LabClip> clips = new ArrayList<>();
        List<UnusableFile> skipped = new ArrayList<>();
        int total = trainByGroup.values().stream().mapToInt(List::size).sum() + test.size();
        int done = 0;
        SplittableRandom random = new SplittableRandom(seed ^ 0x1AB5EEDL);
        for (Map.Entry<String, List<Recording>> e : trainByGroup.entrySet()) {
            List<Recording> list = e.getValue();
            int held = Math.max(1, (int) Math.round(VALIDATION_SHARE * list.size()));
            int[] order = shuffled(list.size(), random);
            boolean[] validation = new boolean[list.size()];
            for (int i = 0; i < held; i++) {
                validation[order[i]] = true;
            }
            for (int i = 0; i < list.size(); i++) {
                cancellation.throwIfCancelled();
                progress.report(done++ / (double) total, "reading " + list.get(i).path().getFileName());
                Spectrogram s = read(extractor, spec, list.get(i), skipped);
                if (s != null) {
                    clips.add(new LabClip(list.get(i).path(), e.getKey(), classes.indexOf(e.getKey()),
                            validation[i] ? LabClip.Role.VALIDATION : LabClip.Role.TRAIN, false, s));
                }
            }
        }
        for (Recording r : test) {
            cancellation.throwIfCancelled();
            progress.report(done++ / (double) total, "reading " + r.path().getFileName());
            String group = r.labels().machineType() + "/" + r.labels().machineId();
            if (!classes.contains(group)) {
                // No normal training clips of this machine: no Mahalanobis fit, no class to score.
                skipped.add(new UnusableFile(r.path(), "test clip of " + group + ", which has fewer than 3 normal "
                        + "training clips"));
                continue;
            }
            Spectrogram s = read(extractor, spec, r, skipped);
            if (s != null) {
                clips.add(new LabClip(r.path(), group, classes.indexOf(group), LabClip.Role.TEST,
                        r.labels().condition() == Condition.ANOMALY, s));
            }
        }
        BandStatistics stats = new BandStatistics(spec.nMels());
        int trainCount = 0;
        for (LabClip c : clips) {
            if (c.role() == LabClip.Role.TRAIN) {
                stats.add(c.logMelDb());
                trainCount++;
            }
        }
        if (trainCount < 2) {
            throw new IllegalArgumentException(scan.root() + ": only " + trainCount + " usable normal training clips");
        }
        progress.report(1, "read " + clips.size() + " clips");
        return new LabData(clips, classes, stats.standardiser(), skipped);
    }

    private static Spectrogram read(LogMelExtractor extractor, FeatureSpec spec, Recording r,
                                    List<UnusableFile> skipped) {
        try {
            return extractor.extract(AudioLoader.load(r.path(), ChannelChoice.MEAN, spec.sampleRate()));
        } catch (AudioFormatException e) {
            skipped.add(new UnusableFile(r.path(), e.reason()));
            return null;
        }
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
