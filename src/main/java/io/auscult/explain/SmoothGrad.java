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
import java.util.SplittableRandom;

/**
 * SmoothGrad as a wrapper over a gradient method, as Captum's {@code NoiseTunnel}: the mean of the
 * inner method's maps over n copies of the input with Gaussian noise of standard deviation
 * {@code sigma x (max x - min x)} added (DESIGN.md: sigma as a fraction of the input range).
 * Over {@link Saliency} (the default, "SmoothGrad" proper) it is the mean of {@code |grad|} over
 * the noisy copies, not the absolute value of the mean gradient (Captum's
 * {@code NoiseTunnel(Saliency)}, {@code abs=True}); the n gradients run batched. Over IG or
 * GradientSHAP each noisy copy is explained by the inner method (itself batched) and the maps
 * are averaged. The score reported is that of the clean input.
 *
 * <p>Noise for sample i is drawn from a generator seeded by the target's seed and i, so a map
 * does not depend on how the samples were batched.
 */
public final class SmoothGrad implements Attribution {

    public static final String NAME = "smoothgrad";
    public static final int DEFAULT_SAMPLES = 25;
    public static final double DEFAULT_SIGMA = 0.15;

    /** The noise added to sample i (already scaled); replaceable so tests can inject fixed draws. */
    @FunctionalInterface
    interface NoiseSource {
        float[] noise(long seed, int sample, int length, double stdev);
    }

    static final NoiseSource GAUSSIAN = (seed, sample, length, stdev) -> {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + sample);
        float[] noise = new float[length];
        for (int i = 0; i < length; i++) {
            noise[i] = (float) (random.nextGaussian() * stdev);
        }
        return noise;
    };

    private final Attribution inner;
    private final int samples;
    private final double sigma;
    private final int batch;
    private final NoiseSource noise;

    /**
     * @param inner   the gradient method to smooth: saliency, IG or GradientSHAP
     * @param samples n noisy copies
     * @param sigma   noise standard deviation as a fraction of the input's range
     * @param batch   noisy copies per network pass (saliency), 0 for as many as memory allows
     */
    public SmoothGrad(Attribution inner, int samples, double sigma, int batch) {
        this(inner, samples, sigma, batch, GAUSSIAN);
    }

    SmoothGrad(Attribution inner, int samples, double sigma, int batch, NoiseSource noise) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (!(inner instanceof Saliency || inner instanceof IntegratedGradients || inner instanceof GradientShap)) {
            throw new IllegalArgumentException("SmoothGrad wraps a gradient method (saliency, ig, gradshap), not "
                    + inner.method());
        }
        if (samples < 1 || !(sigma >= 0) || batch < 0) {
            throw new IllegalArgumentException("SmoothGrad needs samples >= 1, sigma >= 0, batch >= 0, not "
                    + samples + ", " + sigma + ", " + batch);
        }
        this.samples = samples;
        this.sigma = sigma;
        this.batch = batch;
        this.noise = Objects.requireNonNull(noise, "noise");
    }

    @Override
    public String method() {
        return NAME;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("samples", Integer.toString(samples));
        p.put("sigma", Double.toString(sigma));
        p.put("over", inner.method());
        inner.parameters().forEach(p::putIfAbsent);
        return p;
    }

    @Override
    public AttributionMap explain(ExplanationTarget target, Progress progress, Cancellation cancel) {
        Spectrogram x = target.input();
        float[] xv = x.values();
        int n = xv.length;
        double stdev = sigma * range(xv);
        ScoringNetwork net = target.network();
        double[] sum = new double[n];
        double score;
        if (inner instanceof Saliency) {
            cancel.throwIfCancelled();
            score = net.scores(List.of(x))[0];
            GradientBatches.run(net, samples, i -> x.withValues(noisy(xv, noise.noise(target.seed(), i, n, stdev))),
                    GradientBatches.chunkSize(x, batch), (i, g) -> {
                        float[] gv = g.gradient().values();
                        for (int j = 0; j < n; j++) {
                            sum[j] += Math.abs(gv[j]);
                        }
                    }, progress, cancel, "noisy copies");
        } else {
            score = Double.NaN;
            for (int i = 0; i < samples; i++) {
                cancel.throwIfCancelled();
                Spectrogram xi = x.withValues(noisy(xv, noise.noise(target.seed(), i, n, stdev)));
                AttributionMap m = inner.explain(new ExplanationTarget(net, xi, target.normalReferences(),
                                target.seed() + 1 + i), progress.slice(i / (double) samples, (i + 1.0) / samples),
                        cancel);
                float[] mv = m.values().values();
                for (int j = 0; j < n; j++) {
                    sum[j] += mv[j];
                }
            }
            score = net.scores(List.of(x))[0];
        }
        float[] map = new float[n];
        for (int j = 0; j < n; j++) {
            map[j] = (float) (sum[j] / samples);
        }
        return new AttributionMap(NAME, parameters(), x.withValues(map), score, OptionalDouble.empty());
    }

    private static float[] noisy(float[] x, float[] noise) {
        if (noise.length != x.length) {
            throw new IllegalStateException("noise of " + noise.length + " values for an input of " + x.length);
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + noise[i];
        }
        return out;
    }

    private static double range(float[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float f : v) {
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        return v.length == 0 ? 0 : hi - lo;
    }
}
