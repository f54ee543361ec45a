package io.auscult.explain;

import io.auscult.features.Spectrogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a map is prepared for display, kept apart from the maps themselves (which stay in model-input
 * space): which part of the map to show, a percentile clip so that one extreme bin does not wash
 * out the rest, and a scale that is either the map's own or shared by several maps (side-by-side
 * comparison of methods on one clip must use one scale, or every method looks equally sure).
 *
 * <p>Result: {@link Mode#SIGNED} maps to [-1, 1] (0 stays 0); {@link Mode#ABSOLUTE} and
 * {@link Mode#POSITIVE} to [0, 1]. The scale is the {@code clipPercentile}-th percentile of the
 * absolute transformed values (100 = the maximum); values beyond it are clipped to +-1.
 *
 * @param mode           which part of the map
 * @param clipPercentile in (0, 100]
 */
public record DisplayNormalisation(Mode mode, double clipPercentile) {

    /** Which part of a map is shown. */
    public enum Mode {
        /** The map as it is: positive and negative evidence. */
        SIGNED,
        /** Magnitude only. */
        ABSOLUTE,
        /** Only what raises the score (negative parts set to 0). */
        POSITIVE;

        public static Mode of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("display mode must be signed, absolute or positive, not '"
                        + name + "'");
            }
        }
    }

    /** Absolute values clipped at the 99th percentile: the usual heat-map view. */
    public static final DisplayNormalisation DEFAULT = new DisplayNormalisation(Mode.ABSOLUTE, 99);

    public DisplayNormalisation {
        Objects.requireNonNull(mode, "mode");
        if (!(clipPercentile > 0 && clipPercentile <= 100)) {
            throw new IllegalArgumentException("clip percentile must be in (0, 100], not " + clipPercentile);
        }
    }

    /** One map on its own scale. */
    public Spectrogram apply(AttributionMap map) {
        return applyShared(List.of(map)).get(0);
    }

    /** Several maps (of any shapes) on one shared scale, in order. */
    public List<Spectrogram> applyShared(List<AttributionMap> maps) {
        List<float[]> parts = parts(maps);
        double scale = scale(parts);
        List<Spectrogram> out = new ArrayList<>(maps.size());
        for (int i = 0; i < maps.size(); i++) {
            out.add(scaled(maps.get(i), parts.get(i), scale));
        }
        return out;
    }

    /**
     * One map on a scale found before ({@link #scaleOf}): its part divided by {@code scale},
     * clipped to [-1, 1]. A view that needs both the scale and the map takes the percentile once.
     */
    public Spectrogram applyAt(AttributionMap map, double scale) {
        return scaled(map, part(map.values().values()), scale);
    }

    /** {@code part} (this map's, a fresh array) divided by {@code scale} and clipped, in place. */
    private static Spectrogram scaled(AttributionMap map, float[] part, double scale) {
        for (int j = 0; j < part.length; j++) {
            part[j] = (float) Math.max(-1, Math.min(1, part[j] / scale));
        }
        return map.values().withValues(part);
    }

    /** The value that maps to 1 for these maps (before normalisation). */
    public double scaleOf(List<AttributionMap> maps) {
        return scale(parts(maps));
    }

    private List<float[]> parts(List<AttributionMap> maps) {
        List<float[]> parts = new ArrayList<>(maps.size());
        for (AttributionMap m : maps) {
            parts.add(part(m.values().values()));
        }
        return parts;
    }

    private float[] part(float[] v) {
        float[] p = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            float x = Float.isFinite(v[i]) ? v[i] : 0;
            p[i] = switch (mode) {
                case SIGNED -> x;
                case ABSOLUTE -> Math.abs(x);
                case POSITIVE -> Math.max(0, x);
            };
        }
        return p;
    }

    /** Percentile of |value| over all parts (linear interpolation between order statistics); 1 if all zero. */
    private double scale(List<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        if (n == 0) {
            return 1;
        }
        double[] all = new double[n];
        int k = 0;
        for (float[] p : parts) {
            for (float v : p) {
                all[k++] = Math.abs(v);
            }
        }
        Arrays.sort(all);
        double pos = clipPercentile / 100 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        double s = all[lo] + (pos - lo) * (all[hi] - all[lo]);
        if (!(s > 0)) {
            s = all[n - 1];
        }
        return s > 0 ? s : 1;
    }
}
