package io.auscult.explain;

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
        ReconstructionNetwork net = target.network();
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
            cropDrops(net, x, rx, windows, drops, locality.get()[0], locality.get()[1], progress, cancel);
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

    private void cropDrops(ReconstructionNetwork net, Spectrogram x, Reconstruction rx, List<int[]> windows,
                           double[] drops, int radius, int align, Progress progress, Cancellation cancel) {
        int mels = x.mels();
        int frames = x.frames();
        float[] xv = x.values();
        float[] rv = rx.reconstruction().values();
        float[] ex = rx.errorMap().values();
        double n = (double) mels * frames;
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
                    change += (double) ex[i] - e[i - a * mels];
                }
                drops[w] = change / n;
            }
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
