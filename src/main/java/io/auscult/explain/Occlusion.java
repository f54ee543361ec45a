package io.auscult.explain;

import io.auscult.detect.Reconstruction;
import io.auscult.detect.ReconstructionNetwork;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
