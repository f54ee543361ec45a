package io.auscult.faithfulness;

import io.auscult.audio.AudioClip;
import io.auscult.audio.AudioFormatException;
import io.auscult.audio.AudioLoader;
import io.auscult.audio.ChannelChoice;
import io.auscult.data.UnusableFile;
import io.auscult.data.synth.AnomalyMask;
import io.auscult.data.synth.AnomalyMaskCsv;
import io.auscult.detect.Reconstruction;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.TrainedDetector;
import io.auscult.detect.nn.ConvBackboneNetwork;
import io.auscult.engine.Cancellation;
import io.auscult.engine.CancelledException;
import io.auscult.engine.Progress;
import io.auscult.explain.Attribution;
import io.auscult.explain.AttributionMap;
import io.auscult.explain.ExplanationTarget;
import io.auscult.features.LogMelExtractor;
import io.auscult.features.Spectrogram;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The comparison of the first paper, made reproducible: every detector x method over a test set,
 * with the faithfulness curve and gain, the drops at the budgets, localisation where a mask is
 * known, the sanity check and the time per clip (DESIGN.md, "Faithfulness"; issue 5).
 *
 * <p>Per detector and clip, the input and its reconstruction are computed once, and so is the
 * random-order reference, which every method's gain is measured against. A file that cannot be
 * read, or whose curve is undefined, is listed with its reason and the run goes on; a method that
 * does not apply to a detector (Grad-CAM on the dense AE) gets an empty row with the reason.
 * Runs on the caller's thread (the compute executor); cancellation is checked between maps.
 */
public final class ComparisonRun {

    private final ComparisonSettings settings;

    public ComparisonRun(ComparisonSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param detectors  the detectors, in table order
     * @param methods    the methods, in table order
     * @param clips      the test recordings
     * @param references normal training recordings, the baselines of GradientSHAP and of IG's
     *                   training-mean baseline (may be empty when no method needs them)
     */
    public ComparisonReport run(List<ComparisonDetector> detectors, List<Attribution> methods,
                                List<ComparisonClip> clips, List<Path> references, Progress progress,
                                Cancellation cancel) {
        List<ClipEvaluation> evaluations = new ArrayList<>();
        Map<Path, UnusableFile> failed = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        Map<String, List<SanityResult>> sanity = new LinkedHashMap<>();
        int total = Math.max(1, detectors.size() * clips.size());
        for (int d = 0; d < detectors.size(); d++) {
            ComparisonDetector cd = detectors.get(d);
            TrainedDetector detector = cd.detector();
            LogMelExtractor extractor = new LogMelExtractor(detector.features());
            List<Spectrogram> refs = new ArrayList<>();
            for (Path r : references) {
                cancel.throwIfCancelled();
                try {
                    refs.add(input(detector, extractor, r));
                } catch (AudioFormatException e) {
                    failed.putIfAbsent(r, new UnusableFile(r, "normal reference: " + e.reason()));
                } catch (IllegalArgumentException e) {
                    failed.putIfAbsent(r, new UnusableFile(r, "normal reference: " + e.getMessage()));
                }
            }
            Set<String> inapplicable = new LinkedHashSet<>();
            for (int c = 0; c < clips.size(); c++) {
                cancel.throwIfCancelled();
                ComparisonClip clip = clips.get(c);
                progress.report((d * clips.size() + c) / (double) total,
                        cd.name() + ": " + clip.file().getFileName());
                try {
                    evaluateClip(cd, extractor, refs, methods, clip, inapplicable, notes, sanity, evaluations, cancel);
                } catch (AudioFormatException e) {
                    failed.putIfAbsent(clip.file(), new UnusableFile(clip.file(), e.reason()));
                } catch (IOException e) {
                    failed.putIfAbsent(clip.file(), new UnusableFile(clip.file(), e.getMessage()));
                } catch (IllegalArgumentException e) {
                    failed.putIfAbsent(clip.file(), new UnusableFile(clip.file(), cd.name() + ": " + e.getMessage()));
                }
            }
            if (detector.network() instanceof ConvBackboneNetwork conv) {
                conv.releaseWorkingMemory();
            }
        }
        progress.report(1, "compared " + detectors.size() + " detector(s) x " + methods.size() + " method(s)");
        List<ComparisonRow> rows = new ArrayList<>();
        for (ComparisonDetector cd : detectors) {
            for (Attribution m : methods) {
                String key = key(cd.name(), m.method());
                rows.add(summarise(cd.name(), m.method(), evaluations, sanity.getOrDefault(key, List.of()),
                        notes.getOrDefault(key, "")));
            }
        }
        return new ComparisonReport(rows, evaluations, List.copyOf(failed.values()), settings.describe());
    }

    private void evaluateClip(ComparisonDetector cd, LogMelExtractor extractor, List<Spectrogram> refs,
                              List<Attribution> methods, ComparisonClip clip, Set<String> inapplicable,
                              Map<String, String> notes, Map<String, List<SanityResult>> sanity,
                              List<ClipEvaluation> out, Cancellation cancel) throws AudioFormatException, IOException {
        TrainedDetector detector = cd.detector();
        ReconstructionNetwork network = detector.reconstructionNetwork("The faithfulness comparison");
        Spectrogram input = input(detector, extractor, clip.file());
        Reconstruction rec = network.reconstruct(List.of(input)).get(0);
        ReplacementClip rc = ReplacementClip.of(input, rec);
        ReplacementUnits units = settings.units(input.frames(), input.mels());
        NetworkScorer scorer = new NetworkScorer(network, input);
        RandomReference reference = settings.measure().reference(rc, units, scorer, cancel);
        Optional<AnomalyMask> mask = Optional.empty();
        if (clip.mask().isPresent()) {
            AnomalyMask m = AnomalyMaskCsv.read(clip.mask().get());
            if (m.frames() == input.frames() && m.mels() == input.mels()) {
                mask = Optional.of(m);
            } else {
                throw new IllegalArgumentException("its mask " + clip.mask().get().getFileName() + " is "
                        + m.frames() + " x " + m.mels() + ", the model input " + input.frames() + " x "
                        + input.mels() + " (frames x mels): not the same front end");
            }
        }
        for (Attribution method : methods) {
            String key = key(cd.name(), method.method());
            if (inapplicable.contains(key)) {
                continue;
            }
            cancel.throwIfCancelled();
            ExplanationTarget target = new ExplanationTarget(network, input, refs, settings.seed());
            long t0 = System.nanoTime();
            AttributionMap map;
            try {
                map = method.explain(target, Progress.NONE, cancel);
            } catch (CancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                if (out.stream().noneMatch(ev -> ev.detector().equals(cd.name())
                        && ev.method().equals(method.method()))) {
                    inapplicable.add(key);
                    notes.put(key, "not applicable: " + e.getMessage());
                } else {
                    notes.merge(key, clip.file().getFileName() + ": " + e.getMessage(), (a, b) -> a + "; " + b);
                }
                continue;
            }
            long t1 = System.nanoTime();
            double[] values = ReplacementClip.toDoubles(map.values().values());
            Faithfulness f = settings.measure().measure(rc, units, values, reference, scorer);
            long t2 = System.nanoTime();
            Optional<Localisation> loc = mask.map(m -> Localisation.of(values, m));
            out.add(new ClipEvaluation(cd.name(), method.method(), clip.file(), clip.anomalous(), rec.score(), f, loc,
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6));
            List<SanityResult> done = sanity.computeIfAbsent(key, k -> new ArrayList<>());
            if (done.size() < settings.sanityClips()) {
                done.add(settings.sanity().run(method, target, map, Progress.NONE, cancel));
            }
        }
    }

    /** The standardised log-mel of a file, as the detector sees it. */
    static Spectrogram input(TrainedDetector detector, LogMelExtractor extractor, Path file)
            throws AudioFormatException {
        AudioClip audio = AudioLoader.load(file, ChannelChoice.MEAN, detector.features().sampleRate());
        return detector.standardiser().apply(extractor.extract(audio));
    }

    private static String key(String detector, String method) {
        return detector + "\u0000" + method;
    }

    private static ComparisonRow summarise(String detector, String method, List<ClipEvaluation> all,
                                           List<SanityResult> sanity, String note) {
        List<ClipEvaluation> evs = all.stream()
                .filter(e -> e.detector().equals(detector) && e.method().equals(method)).toList();
        int n = evs.size();
        double[] area = new double[n];
        double[] randomArea = new double[n];
        double[] gain = new double[n];
        double[] d1 = new double[n];
        double[] d5 = new double[n];
        double[] d10 = new double[n];
        double[] pix = new double[n];
        double[] mass = new double[n];
        double[] temporal = new double[n];
        double millis = 0;
        double[] fractions = new double[0];
        double[] meanDrops = new double[0];
        double[] randomDrops = new double[0];
        for (int i = 0; i < n; i++) {
            ClipEvaluation e = evs.get(i);
            ReplacementCurve c = e.faithfulness().curve();
            area[i] = c.area();
            randomArea[i] = e.faithfulness().reference().meanArea();
            gain[i] = e.faithfulness().gain();
            List<BudgetDrop> b = c.budgets();
            d1[i] = b.size() > 0 ? b.get(0).drop() : Double.NaN;
            d5[i] = b.size() > 1 ? b.get(1).drop() : Double.NaN;
            d10[i] = b.size() > 2 ? b.get(2).drop() : Double.NaN;
            pix[i] = e.localisation().map(Localisation::pixelAuroc).orElse(Double.NaN);
            mass[i] = e.localisation().map(Localisation::relevanceMass).orElse(Double.NaN);
            temporal[i] = e.localisation().map(Localisation::temporalAuroc).orElse(Double.NaN);
            millis += e.explainMillis() / n;
            double[] drops = c.drops();
            double[] random = e.faithfulness().reference().meanDrops();
            if (i == 0) {
                fractions = c.fractions();
                meanDrops = new double[drops.length];
                randomDrops = new double[drops.length];
            }
            for (int k = 0; k < drops.length; k++) {
                meanDrops[k] += drops[k] / n;
                randomDrops[k] += random[k] / n;
            }
        }
        Optional<SanityResult> verdict = Optional.empty();
        if (!sanity.isEmpty()) {
            // Several clips: the method passes only if it passes on each; the first clip's steps are shown.
            boolean passed = sanity.stream().allMatch(SanityResult::passed);
            SanityResult first = sanity.get(0);
            verdict = Optional.of(new SanityResult(method, first.steps(), first.threshold(), passed));
        }
        return new ComparisonRow(detector, method, n, MeanInterval.of(area), MeanInterval.of(randomArea).mean(),
                MeanInterval.of(gain), MeanInterval.of(d1), MeanInterval.of(d5), MeanInterval.of(d10),
                MeanInterval.of(pix), MeanInterval.of(mass), MeanInterval.of(temporal), verdict,
                n == 0 ? Double.NaN : millis, meanDrops, randomDrops, fractions, note);
    }
}
