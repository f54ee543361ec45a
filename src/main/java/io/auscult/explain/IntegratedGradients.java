package io.auscult.explain;

import io.auscult.detect.ScoringNetwork;
import io.auscult.engine.Cancellation;
import io.auscult.engine.Progress;
import io.auscult.features.Spectrogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Integrated Gradients (DESIGN.md, "Explanations"):
 * {@code A = (x - x') * sum_i w_i grad s(x' + alpha_i (x - x'))} over the {@link PathQuadrature}'s
 * m path points, with the completeness delta {@code sum(A) - (s(x) - s(x'))} reported. The path
 * points are made chunk by chunk and their gradients batched ({@link GradientBatches}); the sum
 * is accumulated in double.
 */
public final class IntegratedGradients implements Attribution {

    public static final String NAME = "ig";
    public static final int DEFAULT_STEPS = 50;

    private final PathQuadrature quadrature;
    private final IgBaseline baseline;
    private final int batch;

    /**
     * @param quadrature the path points and weights
     * @param baseline   where the path starts
     * @param batch      path points per network pass, 0 for as many as the memory cap allows
     */
    public IntegratedGradients(PathQuadrature quadrature, IgBaseline baseline, int batch) {
        this.quadrature = Objects.requireNonNull(quadrature, "quadrature");
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0, not " + batch);
        }
        this.batch = batch;
    }

    /** m = 50 Gauss-Legendre steps from the reconstruction, batched automatically. */
    public IntegratedGradients() {
        this(PathQuadrature.of(PathQuadrature.GAUSS_LEGENDRE, DEFAULT_STEPS), IgBaseline.RECONSTRUCTION, 0);
    }

    @Override
    public String method() {
        return NAME;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("steps", Integer.toString(quadrature.steps()));
        p.put("baseline", baseline.label());
        p.put("rule", quadrature.rule());
        return p;
    }

    @Override
    public AttributionMap explain(ExplanationTarget target, Progress progress, Cancellation cancel) {
        ScoringNetwork net = target.network();
        Spectrogram x = target.input();
        cancel.throwIfCancelled();
        progress.report(0, "baseline");
        float[] base = baselineOf(target);
        double[] ends = net.scores(List.of(x, x.withValues(base)));
        double score = ends[0];
        double baselineScore = ends[1];
        float[] xv = x.values();
        int n = xv.length;
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = (double) xv[i] - base[i];
        }
        double[] alphas = quadrature.alphas();
        double[] weights = quadrature.weights();
        double[] sum = new double[n];
        GradientBatches.run(net, alphas.length, i -> {
            float[] p = new float[n];
            for (int j = 0; j < n; j++) {
                p[j] = (float) (base[j] + alphas[i] * diff[j]);
            }
            return x.withValues(p);
        }, GradientBatches.chunkSize(x, batch), (i, g) -> {
            float[] gv = g.gradient().values();
            double w = weights[i];
            for (int j = 0; j < n; j++) {
                sum[j] += w * gv[j];
            }
        }, progress.slice(0.05, 1), cancel, "path points");
        float[] map = new float[n];
        double total = 0;
        for (int j = 0; j < n; j++) {
            double a = diff[j] * sum[j];
            map[j] = (float) a;
            total += a;
        }
        double delta = total - (score - baselineScore);
        return new AttributionMap(NAME, parameters(), x.withValues(map), score, OptionalDouble.of(delta));
    }

    private float[] baselineOf(ExplanationTarget target) {
        Spectrogram x = target.input();
        return switch (baseline) {
            case RECONSTRUCTION -> target.reconstructionNetwork("IG from the reconstruction baseline")
                    .reconstruct(List.of(x)).get(0).reconstruction().values().clone();
            case ZEROS -> new float[x.values().length];
            case MEAN -> bandMean(target);
        };
    }

    /** The per-band mean of the normal references over all their frames, repeated over the input's frames. */
    private static float[] bandMean(ExplanationTarget target) {
        Spectrogram x = target.input();
        int mels = x.mels();
        double[] mean = new double[mels];
        long count = 0;
        for (Spectrogram r : target.normalReferences()) {
            float[] v = r.values();
            for (int f = 0; f < r.frames(); f++) {
                for (int m = 0; m < mels; m++) {
                    mean[m] += v[f * mels + m];
                }
            }
            count += r.frames();
        }
        float[] out = new float[x.values().length];
        if (count == 0) {
            return out;
        }
        for (int f = 0; f < x.frames(); f++) {
            for (int m = 0; m < mels; m++) {
                out[f * mels + m] = (float) (mean[m] / count);
            }
        }
        return out;
    }
}
