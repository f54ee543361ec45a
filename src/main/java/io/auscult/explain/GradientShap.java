package io.auscult.explain;

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
 * GradientSHAP, expected gradients (DESIGN.md, "Explanations"): for n samples draw a baseline b_j
 * from the normal training inputs and a point {@code alpha_j ~ U[0, 1)} on the straight path,
 * {@code p_j = b_j + alpha_j (x - b_j)}; the map is the mean of {@code grad s(p_j) * (x - b_j)}
 * (Captum's {@code GradientShap} with {@code stdevs = 0}). The n gradients run batched.
 *
 * <p>A baseline is a window of the input's length from a randomly chosen reference, at a random
 * start when the reference is longer; a shorter reference is repeated along time to fill it.
 * Draws come from a generator seeded by the target's seed and the sample index.
 */
public final class GradientShap implements Attribution {

    public static final String NAME = "gradshap";
    public static final int DEFAULT_SAMPLES = 25;

    /** One draw: the baseline (the input's length) and the path position. */
    record Draw(float[] baseline, double alpha) {
    }

    /** Where the draws come from; replaceable so tests can inject fixed draws. */
    @FunctionalInterface
    interface Draws {
        Draw draw(ExplanationTarget target, int sample);
    }

    static final Draws FROM_REFERENCES = (target, sample) -> {
        List<Spectrogram> refs = target.normalReferences();
        SplittableRandom random = new SplittableRandom(target.seed() * 0xBF58476D1CE4E5B9L + sample);
        Spectrogram r = refs.get(random.nextInt(refs.size()));
        Spectrogram x = target.input();
        int mels = x.mels();
        int frames = x.frames();
        int start = r.frames() > frames ? random.nextInt(r.frames() - frames + 1) : 0;
        float[] b = new float[frames * mels];
        for (int f = 0; f < frames; f++) {
            int src = (start + f) % r.frames();
            System.arraycopy(r.values(), src * mels, b, f * mels, mels);
        }
        return new Draw(b, random.nextDouble());
    };

    private final int samples;
    private final int batch;
    private final Draws draws;

    /**
     * @param samples n draws
     * @param batch   points per network pass, 0 for as many as the memory cap allows
     */
    public GradientShap(int samples, int batch) {
        this(samples, batch, FROM_REFERENCES);
    }

    GradientShap(int samples, int batch, Draws draws) {
        if (samples < 1 || batch < 0) {
            throw new IllegalArgumentException("GradientSHAP needs samples >= 1 and batch >= 0, not " + samples
                    + ", " + batch);
        }
        this.samples = samples;
        this.batch = batch;
        this.draws = Objects.requireNonNull(draws, "draws");
    }

    @Override
    public String method() {
        return NAME;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("samples", Integer.toString(samples));
        p.put("baselines", "normal references");
        return p;
    }

    @Override
    public AttributionMap explain(ExplanationTarget target, Progress progress, Cancellation cancel) {
        if (draws == FROM_REFERENCES && target.normalReferences().isEmpty()) {
            throw new IllegalArgumentException("GradientSHAP draws its baselines from normal training inputs, and "
                    + "none were given (pass the training data's normal clips)");
        }
        Spectrogram x = target.input();
        float[] xv = x.values();
        int n = xv.length;
        cancel.throwIfCancelled();
        double score = target.network().scores(List.of(x))[0];
        Draw[] drawn = new Draw[samples];
        double[] sum = new double[n];
        GradientBatches.run(target.network(), samples, i -> {
            Draw d = draws.draw(target, i);
            if (d.baseline().length != n) {
                throw new IllegalStateException("baseline of " + d.baseline().length + " values for " + n);
            }
            drawn[i] = d;
            float[] p = new float[n];
            for (int j = 0; j < n; j++) {
                p[j] = (float) (d.baseline()[j] + d.alpha() * ((double) xv[j] - d.baseline()[j]));
            }
            return x.withValues(p);
        }, GradientBatches.chunkSize(x, batch), (i, g) -> {
            float[] gv = g.gradient().values();
            float[] b = drawn[i].baseline();
            for (int j = 0; j < n; j++) {
                sum[j] += gv[j] * ((double) xv[j] - b[j]);
            }
            drawn[i] = null;
        }, progress, cancel, "samples");
        float[] map = new float[n];
        for (int j = 0; j < n; j++) {
            map[j] = (float) (sum[j] / samples);
        }
        return new AttributionMap(NAME, parameters(), x.withValues(map), score, OptionalDouble.empty());
    }
}
