package io.auscult.explain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every attribution method by name, with its parameters as text (the command line's
 * {@code --method ig --param steps=64}, a comparison run's method list). Missing parameters take
 * the defaults of DESIGN.md / issue 5; an unknown method or parameter, or a bad value, is an
 * {@link IllegalArgumentException} naming the method and the parameter.
 *
 * <p>Parameters per method:
 * <ul>
 * <li>{@code error}, {@code saliency}: none;</li>
 * <li>{@code smoothgrad}: {@code samples} (25), {@code sigma} (0.15, a fraction of the input's
 * range), {@code over} (saliency | ig | gradshap) and the inner method's own parameters;</li>
 * <li>{@code ig}: {@code steps} (50), {@code baseline} (reconstruction | zeros | mean),
 * {@code rule} (gausslegendre | trapezoid | riemann_trapezoid), {@code batch} (0 = automatic);</li>
 * <li>{@code gradshap}: {@code samples} (25), {@code batch};</li>
 * <li>{@code gradcam}: {@code layer} (the last encoder block);</li>
 * <li>{@code occlusion}: {@code patch_mels} (16), {@code patch_frames} (8), {@code stride_mels},
 * {@code stride_frames} (the patch size), {@code batch}.</li>
 * </ul>
 */
public final class Attributions {

    private static final List<String> METHODS = List.of(ErrorMap.NAME, Saliency.NAME, SmoothGrad.NAME,
            IntegratedGradients.NAME, GradientShap.NAME, GradCam.NAME, Occlusion.NAME);

    private Attributions() {
    }

    /** The method names, in the order of DESIGN.md: error, saliency, smoothgrad, ig, gradshap, gradcam, occlusion. */
    public static List<String> methods() {
        return METHODS;
    }

    /**
     * The parameters a user may edit for {@code method}, defaults first written out, in the order
     * an editor should show them (batch sizes are left out: they change speed, not the map).
     */
    public static List<ParameterSpec> editable(String method) {
        String name = method == null ? "" : method.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case ErrorMap.NAME, Saliency.NAME -> List.of();
            case SmoothGrad.NAME -> List.of(
                    new ParameterSpec("samples", Integer.toString(SmoothGrad.DEFAULT_SAMPLES), List.of(),
                            "noisy copies averaged"),
                    new ParameterSpec("sigma", Double.toString(SmoothGrad.DEFAULT_SIGMA), List.of(),
                            "noise level, a fraction of the input's range"),
                    new ParameterSpec("over", Saliency.NAME,
                            List.of(Saliency.NAME, IntegratedGradients.NAME, GradientShap.NAME),
                            "the method averaged over the noisy copies"));
            case IntegratedGradients.NAME -> List.of(
                    new ParameterSpec("steps", Integer.toString(IntegratedGradients.DEFAULT_STEPS), List.of(),
                            "points on the path from the baseline to the input"),
                    new ParameterSpec("baseline", IgBaseline.RECONSTRUCTION.label(), IgBaseline.labels(),
                            "where the path starts: the model's reconstruction, zeros or the training mean"),
                    new ParameterSpec("rule", PathQuadrature.GAUSS_LEGENDRE, PathQuadrature.RULES,
                            "quadrature rule along the path"));
            case GradientShap.NAME -> List.of(
                    new ParameterSpec("samples", Integer.toString(GradientShap.DEFAULT_SAMPLES), List.of(),
                            "baseline draws from the normal references"));
            case GradCam.NAME -> List.of(
                    new ParameterSpec("layer", "", List.of(), "layer name; empty = the last encoder block"));
            case Occlusion.NAME -> List.of(
                    new ParameterSpec("patch_mels", Integer.toString(Occlusion.DEFAULT_PATCH_MELS), List.of(),
                            "patch height in mel bands"),
                    new ParameterSpec("patch_frames", Integer.toString(Occlusion.DEFAULT_PATCH_FRAMES), List.of(),
                            "patch width in frames"));
            default -> throw new IllegalArgumentException("no attribution method '" + method + "'; methods: "
                    + METHODS);
        };
    }

    /** The named method with the given parameters (defaults for the missing ones). */
    public static Attribution create(String method, Map<String, String> parameters) {
        String name = method == null ? "" : method.trim().toLowerCase(Locale.ROOT);
        MethodParameters p = new MethodParameters(name, parameters);
        switch (name) {
            case ErrorMap.NAME -> {
                p.requireOnly(Set.of());
                return new ErrorMap();
            }
            case Saliency.NAME -> {
                p.requireOnly(Set.of());
                return new Saliency();
            }
            case SmoothGrad.NAME -> {
                Set<String> own = Set.of("samples", "sigma", "over");
                String over = p.choice("over", Saliency.NAME,
                        List.of(Saliency.NAME, IntegratedGradients.NAME, GradientShap.NAME));
                // SmoothGrad over saliency has its own batch; over the others the inner method batches.
                Set<String> innerKeys = over.equals(Saliency.NAME) ? Set.of("batch") : Set.of();
                Attribution inner = create(over, p.without(union(own, innerKeys)));
                return new SmoothGrad(inner, p.positiveInt("samples", SmoothGrad.DEFAULT_SAMPLES),
                        p.positiveDouble("sigma", SmoothGrad.DEFAULT_SIGMA),
                        over.equals(Saliency.NAME) ? p.positiveInt("batch", 0) : 0);
            }
            case IntegratedGradients.NAME -> {
                p.requireOnly(Set.of("steps", "baseline", "rule", "batch"));
                String rule = p.choice("rule", PathQuadrature.GAUSS_LEGENDRE, PathQuadrature.RULES);
                int steps = p.positiveInt("steps", IntegratedGradients.DEFAULT_STEPS);
                if (steps < 2 && !rule.equals(PathQuadrature.GAUSS_LEGENDRE)) {
                    throw new IllegalArgumentException("method 'ig': parameter 'steps' must be >= 2 for the "
                            + rule + " rule, not " + steps);
                }
                return new IntegratedGradients(PathQuadrature.of(rule, steps),
                        IgBaseline.of(p.choice("baseline", IgBaseline.RECONSTRUCTION.label(), IgBaseline.labels())),
                        p.positiveInt("batch", 0));
            }
            case GradientShap.NAME -> {
                p.requireOnly(Set.of("samples", "batch"));
                return new GradientShap(p.positiveInt("samples", GradientShap.DEFAULT_SAMPLES),
                        p.positiveInt("batch", 0));
            }
            case GradCam.NAME -> {
                p.requireOnly(Set.of("layer"));
                return new GradCam(p.text("layer", null));
            }
            case Occlusion.NAME -> {
                p.requireOnly(Set.of("patch_mels", "patch_frames", "stride_mels", "stride_frames", "batch"));
                int pm = p.positiveInt("patch_mels", Occlusion.DEFAULT_PATCH_MELS);
                int pf = p.positiveInt("patch_frames", Occlusion.DEFAULT_PATCH_FRAMES);
                return new Occlusion(pm, pf, p.positiveInt("stride_mels", pm), p.positiveInt("stride_frames", pf),
                        p.positiveInt("batch", 0));
            }
            default -> throw new IllegalArgumentException("no attribution method '" + method + "'; methods: "
                    + METHODS);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
