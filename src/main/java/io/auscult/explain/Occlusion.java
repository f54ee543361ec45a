package io.auscult.explain;

import io.auscult.detect.BandErrorStatistics;
import io.auscult.detect.Reconstruction;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.detect.nn.ConvBackboneNetwork;
import io.auscult.detect.nn.MaeMaskKind;
import io.auscult.detect.nn.MaskedAutoencoder;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Occlusion (DESIGN.md, "Explanations", beyond the paper): a patch of {@code patchMels x
 * patchFrames} slides over the input with the given strides; each position is replaced by the
 * same bins of the reconstruction of the unperturbed input (what the model thinks is normal
 * there, not zeros, which would be far outside the training distribution) and the drop
 * {@code s(x) - s(x with the patch replaced)} is given to every bin of the patch; a bin covered by
 * several windows gets the mean of their drops (Captum's {@code Occlusion}). Windows start at 0,
 * stride, 2 stride, ...; the last row/column of windows is cut at the input's edge so that every
 * bin is covered. The occluded inputs are scored in batches.
 *
 * <p>For the conv AE and the MAE only the frames a patch can change are recomputed (the
 * "receptive field" of BENCHMARKS.md, along time): with L levels of k3 s2 convolutions an output
 * frame depends on input frames within 2^(L+1) - 2 of it (and, symmetrically, a changed input
 * frame reaches outputs that far), so with {@code r = 2^(L+1)} the score drop is the change of the
 * error summed over the patch's frames +- r, and those errors are exact on a time crop reaching r
 * further, started at a multiple of 2^L (the stride phase; for the MAE also of K x patch width, so
 * the inference groups do not move) and cut at the recording's ends, where the network pads as it
 * does for the whole input. The scores are the same mathematics as scoring every occluded input
 * whole (tested against it in float64); other networks are scored whole.
 *
 * <p>Faster path used when it applies (always for the defaults): all crops of one size, so every
 * batch runs on one forward plan, cut to the exact reach of a patch ({@link #reachedOutputs}) and,
 * for the plain conv AE, along the mel bands too. On the bench's 10-s clip (16 x 8 patches) a crop
 * is 40 frames x 48 bands instead of 72 frames x 128 bands: 1,320 ms became ~200 ms (issue 5,
 * docs/performance.md). The per-length crops above remain the fallback.
 */
public final class Occlusion implements Attribution {

    public static final String NAME = "occlusion";
    public static final int DEFAULT_PATCH_MELS = 16;
    public static final int DEFAULT_PATCH_FRAMES = 8;

    private final int patchMels;
    private final int patchFrames;
    private final int strideMels;
    private final int strideFrames;
    private final int batch;

    public Occlusion(int patchMels, int patchFrames, int strideMels, int strideFrames, int batch) {
        if (patchMels < 1 || patchFrames < 1 || strideMels < 1 || strideFrames < 1 || batch < 0) {
            throw new IllegalArgumentException("occlusion needs positive patch sizes and strides, not " + patchMels
                    + " x " + patchFrames + " stride " + strideMels + " x " + strideFrames);
        }
        this.patchMels = patchMels;
        this.patchFrames = patchFrames;
        this.strideMels = strideMels;
        this.strideFrames = strideFrames;
        this.batch = batch;
    }

    /** 16 mels x 8 frames patches (the MAE's patch), stride = patch: every bin in exactly one window. */
    public Occlusion() {
        this(DEFAULT_PATCH_MELS, DEFAULT_PATCH_FRAMES, DEFAULT_PATCH_MELS, DEFAULT_PATCH_FRAMES, 0);
    }

    @Override
    public String method() {
        return NAME;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("patch_mels", Integer.toString(patchMels));
        p.put("patch_frames", Integer.toString(patchFrames));
        p.put("stride_mels", Integer.toString(strideMels));
        p.put("stride_frames", Integer.toString(strideFrames));
        p.put("replacement", "reconstruction");
        return p;
    }

    /** Window starts along one axis: 0, stride, ... until a window reaches the end. */
    static List<Integer> starts(int size, int window, int stride) {
        List<Integer> s = new ArrayList<>();
        for (int start = 0; start < size; start += stride) {
            s.add(start);
            if (start + window >= size) {
                break;
            }
        }
        return s;
    }

    @Override
    public AttributionMap explain(ExplanationTarget target, Progress progress, Cancellation cancel) {
        ReconstructionNetwork net = target.reconstructionNetwork("Occlusion (it replaces patches with the reconstruction)");
        Spectrogram x = target.input();
        int mels = x.mels();
        int frames = x.frames();
        cancel.throwIfCancelled();
        Reconstruction rx = net.reconstruct(List.of(x)).get(0);
        float[] xv = x.values();
        float[] rv = rx.reconstruction().values();
        List<int[]> windows = new ArrayList<>();
        for (int m0 : starts(mels, patchMels, strideMels)) {
            for (int f0 : starts(frames, patchFrames, strideFrames)) {
                windows.add(new int[] {m0, Math.min(mels, m0 + patchMels), f0, Math.min(frames, f0 + patchFrames)});
            }
        }
        double[] drops = new double[windows.size()];
        Optional<int[]> locality = timeLocality(net);
        if (locality.isPresent() && 2 * locality.get()[0] + patchFrames + 2 * locality.get()[0] < frames) {
            if (!equalCropDrops((ConvBackboneNetwork) net, x, rx, windows, drops, locality.get()[1], progress,
                    cancel)) {
                cropDrops(net, x, rx, windows, drops, locality.get()[0], locality.get()[1], progress, cancel);
            }
        } else {
            wholeDrops(net, x, rx, windows, drops, progress, cancel);
        }
        return combine(x, rx, windows, drops, progress);
    }

    /** {radius, alignment} in frames for networks whose reach along time is known, else empty. */
    static Optional<int[]> timeLocality(ReconstructionNetwork net) {
        if (!(net instanceof ConvBackboneNetwork conv)) {
            return Optional.empty();
        }
        int levels = conv.weights().levels();
        int align = 1 << levels;
        if (conv instanceof MaskedAutoencoder mae && mae.masking().kind() != MaeMaskKind.FREQUENCY_STRIPES) {
            int period = mae.masking().groups() * mae.masking().patchFrames();
            align = align / gcd(align, period) * period;
        }
        return Optional.of(new int[] {2 << levels, align});
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * The crops of {@link #cropDrops} made all the same size, so that every batch runs on one
     * forward plan (crops of different lengths ran as separate small batches, each re-planning
     * its native arrays), and, for the plain conv AE, cut along the mel bands too (a patch changes
     * only the bands within the same radius; the mel axis has no padding, so a crop ending at the
     * top band ends where the network does). Each crop keeps its start on the stride phase; one
     * that would run past the padded end is moved back to end there (its start must then still be
     * on the phase, else false: the caller uses the per-length crops), and the frames past the
     * recording's end are the zeros the network pads with. A larger crop than needed is as exact
     * as the minimal one (tested against scoring every occluded input whole).
     *
     * @return false when equal crops cannot keep the alignment (nothing computed)
     */
    private boolean equalCropDrops(ConvBackboneNetwork net, Spectrogram x, Reconstruction rx, List<int[]> windows,
                                   double[] drops, int align, Progress progress, Cancellation cancel) {
        int mels = x.mels();
        int frames = x.frames();
        int multiple = net.weights().sizeMultiple();
        int padded = (frames + multiple - 1) / multiple * multiple;
        boolean melCrop = !(net instanceof MaskedAutoencoder);
        int step = multiple;
        // Per window: changed frames [c0, c1), changed bands [d0, d1), wanted crop starts a, am.
        // A crop started on the stride phase is exact from `step` bins after its start to `step`
        // before its end (see reachedOutputs), or to where it meets the network's own edges.
        int[][] reach = new int[windows.size()][];
        int cropFrames = 1;
        int cropMels = mels;
        for (int w = 0; w < windows.size(); w++) {
            int[] win = windows.get(w);
            int[] t = reachedOutputs(win[2], win[3], step, frames);
            int a = Math.max(0, t[0] - step) / align * align;
            cropFrames = Math.max(cropFrames, Math.min(padded, t[1] + step) - a);
            int[] b = melCrop ? reachedOutputs(win[0], win[1], step, mels) : new int[] {0, mels};
            int am = Math.max(0, b[0] - step) / multiple * multiple;
            reach[w] = new int[] {t[0], t[1], a, b[0], b[1], am};
        }
        cropFrames = (cropFrames + align - 1) / align * align;
        if (cropFrames > padded) {
            return false;
        }
        if (melCrop) {
            int need = 1;
            for (int[] r : reach) {
                need = Math.max(need, Math.min(mels, r[4] + step) - r[5]);
            }
            cropMels = Math.min(mels, (need + multiple - 1) / multiple * multiple);
        }
        int[] frameStart = new int[windows.size()];
        int[] melStart = new int[windows.size()];
        for (int w = 0; w < windows.size(); w++) {
            frameStart[w] = reach[w][2] + cropFrames <= padded ? reach[w][2] : padded - cropFrames;
            if (frameStart[w] % align != 0) {
                return false;
            }
            melStart[w] = reach[w][5] + cropMels <= mels ? reach[w][5] : mels - cropMels;
        }
        float[] xv = x.values();
        float[] rv = rx.reconstruction().values();
        float[] ex = rx.errorMap().values();
        double n = (double) mels * frames;
        BandDrop bands = BandDrop.of(net, rx);
        int passes = net instanceof MaskedAutoencoder mae ? mae.masking().groups() : 1;
        long perCrop = (long) cropFrames * cropMels * passes;
        int cap = (int) Math.max(1, Math.min(batch > 0 ? batch : Integer.MAX_VALUE,
                Math.min(GradientBatches.DEFAULT_BATCH_BINS, net.batchBinLimit()) / perCrop));
        // Equal batches (the last padded with a repeat of its last crop): one plan for all calls.
        int calls = (windows.size() + cap - 1) / cap;
        int size = (windows.size() + calls - 1) / calls;
        for (int from = 0; from < windows.size(); from += size) {
            cancel.throwIfCancelled();
            progress.report(from / (double) windows.size(), "patches " + from + "/" + windows.size());
            int to = Math.min(windows.size(), from + size);
            List<float[]> crops = new ArrayList<>(size);
            for (int w = from; w < to; w++) {
                int[] win = windows.get(w);
                int fa = frameStart[w];
                int ma = melStart[w];
                float[] v = new float[cropFrames * cropMels];
                for (int f = fa; f < Math.min(frames, fa + cropFrames); f++) {
                    System.arraycopy(xv, f * mels + ma, v, (f - fa) * cropMels, cropMels);
                }
                for (int f = win[2]; f < win[3]; f++) {
                    System.arraycopy(rv, f * mels + win[0], v, (f - fa) * cropMels + win[0] - ma, win[1] - win[0]);
                }
                crops.add(v);
            }
            while (crops.size() < size) {
                crops.add(crops.get(crops.size() - 1));
            }
            List<float[]> errors = net.cropErrors(crops, cropFrames, cropMels);
            for (int w = from; w < to; w++) {
                float[] e = errors.get(w - from);
                int[] r = reach[w];
                int fa = frameStart[w];
                int ma = melStart[w];
                double change = 0;
                for (int f = r[0]; f < r[1]; f++) {
                    for (int m = r[3]; m < r[4]; m++) {
                        double d = (double) ex[f * mels + m] - e[(f - fa) * cropMels + m - ma];
                        change += d;
                        bands.add(m, d);
                    }
                }
                drops[w] = bands.drop(change / n);
            }
        }
        return true;
    }

    /**
     * The outputs {@code [p0, p1)} (clipped to {@code [0, size)}) that inputs {@code [lo, hi)} can
     * change, along one axis of the conv backbone with {@code step = 2^L}: L convolutions k3 s2 p1
     * make bottleneck position q read inputs {@code [step q - (step - 1), step q + step - 1]}, and L
     * transposed convolutions k3 s2 p1 (output padding 1) make output p read bottleneck positions
     * {@code floor(p / step)} to {@code ceil(p / step)}. The same reading gives the crop rule: on a
     * crop started on the stride phase, only bottleneck position 0 reads the crop's left padding and
     * only the last output row of {@code step} reads past its right end, so outputs from
     * {@code step} after the crop's start to {@code step} before its end equal the whole input's.
     */
    static int[] reachedOutputs(int lo, int hi, int step, int size) {
        int p0 = Math.max(0, lo - 2 * step);
        while (step * ceilDiv(p0, step) + step - 1 < lo) {
            p0++;
        }
        int p1 = hi + 2 * step;
        while (Math.floorDiv(p1 - 1, step) * step - (step - 1) > hi - 1) {
            p1--;
        }
        return new int[] {Math.min(size, p0), Math.min(size, p1)};
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    private void cropDrops(ReconstructionNetwork net, Spectrogram x, Reconstruction rx, List<int[]> windows,
                           double[] drops, int radius, int align, Progress progress, Cancellation cancel) {
        int mels = x.mels();
        int frames = x.frames();
        float[] xv = x.values();
        float[] rv = rx.reconstruction().values();
        float[] ex = rx.errorMap().values();
        double n = (double) mels * frames;
        BandDrop bands = BandDrop.of(net, rx);
        // Crop of window w: frames [a, b); the changed frames [c0, c1) within it.
        int[][] span = new int[windows.size()][];
        long maxBins = 1;
        for (int w = 0; w < windows.size(); w++) {
            int[] win = windows.get(w);
            int c0 = Math.max(0, win[2] - radius);
            int c1 = Math.min(frames, win[3] + radius);
            int a = Math.max(0, c0 - radius) / align * align;
            int b = Math.min(frames, c1 + radius);
            span[w] = new int[] {a, b, c0, c1};
            maxBins = Math.max(maxBins, (long) (b - a) * mels);
        }
        int chunk = (int) Math.max(1, Math.min(batch > 0 ? batch : Integer.MAX_VALUE,
                GradientBatches.DEFAULT_BATCH_BINS / maxBins));
        for (int from = 0; from < windows.size(); from += chunk) {
            cancel.throwIfCancelled();
            progress.report(from / (double) windows.size(), "patches " + from + "/" + windows.size());
            int to = Math.min(windows.size(), from + chunk);
            List<Spectrogram> crops = new ArrayList<>(to - from);
            for (int w = from; w < to; w++) {
                int[] win = windows.get(w);
                int a = span[w][0];
                int b = span[w][1];
                float[] v = java.util.Arrays.copyOfRange(xv, a * mels, b * mels);
                for (int f = win[2]; f < win[3]; f++) {
                    System.arraycopy(rv, f * mels + win[0], v, (f - a) * mels + win[0], win[1] - win[0]);
                }
                crops.add(new Spectrogram(v, b - a, mels, x.hop(), x.sampleRate(), x.bandCentresHz()));
            }
            List<Reconstruction> scored = net.reconstruct(crops);
            for (int w = from; w < to; w++) {
                float[] e = scored.get(w - from).errorMap().values();
                int a = span[w][0];
                double change = 0;
                for (int i = span[w][2] * mels; i < span[w][3] * mels; i++) {
                    double d = (double) ex[i] - e[i - a * mels];
                    change += d;
                    bands.add(i % mels, d);
                }
                drops[w] = bands.drop(change / n);
            }
        }
    }

    /**
     * The score drop of one occluded input from the change of its error map, for the crop paths:
     * the mean squared error's drop is the summed change over the real bins; a network scored by
     * its worst band ({@link ConvBackboneNetwork#bandScore()}) drops by the band score of the
     * unchanged error map minus that of the changed one (each band's change collected by
     * {@link #add}). One instance per call, reused window after window.
     */
    private static final class BandDrop {
        private final BandErrorStatistics band;
        private final double[] baseSums;
        private final double[] change;
        private final double[] scratch;
        private final int frames;
        /** The band score of the unchanged error map. */
        private final double before;

        private BandDrop(BandErrorStatistics band, Reconstruction rx) {
            this.band = band;
            int mels = rx.errorMap().mels();
            this.frames = rx.errorMap().frames();
            this.change = new double[band == null ? 0 : mels];
            this.scratch = new double[change.length];
            this.baseSums = new double[change.length];
            if (band != null) {
                float[] ex = rx.errorMap().values();
                for (int i = 0; i < ex.length; i++) {
                    baseSums[i % mels] += ex[i];
                }
                for (int m = 0; m < mels; m++) {
                    scratch[m] = baseSums[m] / frames;
                }
            }
            this.before = band == null ? 0 : band.score(scratch);
        }

        static BandDrop of(ReconstructionNetwork net, Reconstruction rx) {
            return new BandDrop(net instanceof ConvBackboneNetwork c ? c.bandScore().orElse(null) : null, rx);
        }

        void add(int mel, double errorDecrease) {
            if (band != null) {
                change[mel] += errorDecrease;
            }
        }

        /** The drop for the window just collected ({@code meanDrop} is the mean squared error's); resets. */
        double drop(double meanDrop) {
            if (band == null) {
                return meanDrop;
            }
            for (int m = 0; m < scratch.length; m++) {
                scratch[m] = (baseSums[m] - change[m]) / frames;
                change[m] = 0;
            }
            return before - band.score(scratch);
        }
    }

    private void wholeDrops(ReconstructionNetwork net, Spectrogram x, Reconstruction rx, List<int[]> windows,
                            double[] drops, Progress progress, Cancellation cancel) {
        int mels = x.mels();
        float[] xv = x.values();
        float[] rv = rx.reconstruction().values();
        int chunk = GradientBatches.chunkSize(x, batch);
        for (int from = 0; from < windows.size(); from += chunk) {
            cancel.throwIfCancelled();
            progress.report(from / (double) windows.size(), "patches " + from + "/" + windows.size());
            int to = Math.min(windows.size(), from + chunk);
            List<Spectrogram> occluded = new ArrayList<>(to - from);
            for (int w = from; w < to; w++) {
                int[] win = windows.get(w);
                float[] v = xv.clone();
                for (int f = win[2]; f < win[3]; f++) {
                    System.arraycopy(rv, f * mels + win[0], v, f * mels + win[0], win[1] - win[0]);
                }
                occluded.add(x.withValues(v));
            }
            List<Reconstruction> scored = net.reconstruct(occluded);
            for (int w = from; w < to; w++) {
                drops[w] = rx.score() - scored.get(w - from).score();
            }
        }
    }

    private AttributionMap combine(Spectrogram x, Reconstruction rx, List<int[]> windows, double[] drops,
                                   Progress progress) {
        int mels = x.mels();
        float[] xv = x.values();
        double[] sum = new double[xv.length];
        int[] count = new int[xv.length];
        for (int w = 0; w < windows.size(); w++) {
            int[] win = windows.get(w);
            for (int f = win[2]; f < win[3]; f++) {
                for (int m = win[0]; m < win[1]; m++) {
                    sum[f * mels + m] += drops[w];
                    count[f * mels + m]++;
                }
            }
        }
        float[] map = new float[xv.length];
        for (int i = 0; i < map.length; i++) {
            map[i] = (float) (sum[i] / count[i]);
        }
        progress.report(1, "patches " + windows.size() + "/" + windows.size());
        return new AttributionMap(NAME, parameters(), x.withValues(map), rx.score(), OptionalDouble.empty());
    }
}
