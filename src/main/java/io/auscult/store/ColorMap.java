package io.auscult.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A 256-entry colour map for spectrograms and overlays, loaded from
 * {@code resources/colormaps/NAME.csv} (perceptually uniform maps from matplotlib, CC0).
 */
public final class ColorMap {

    /** The maps that ship with Auscult. */
    public static final List<String> NAMES = List.of("magma", "viridis", "inferno", "cividis", "gray");

    private static final Map<String, ColorMap> LOADED = new ConcurrentHashMap<>();

    private final String name;
    private final int[] argb;

    private ColorMap(String name, int[] argb) {
        this.name = name;
        this.argb = argb;
    }

    public static ColorMap named(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(key)) {
            throw new IllegalArgumentException("unknown colour map '" + name + "'; choose one of " + NAMES);
        }
        // Read once: the views ask for their map on every redraw (the overlay's colour bar once
        // per pixel column), and reading the resource each time cost 30 ms per bar.
        return LOADED.computeIfAbsent(key, ColorMap::read);
    }

    private static ColorMap read(String key) {
        try (InputStream in = ColorMap.class.getResourceAsStream("/colormaps/" + key + ".csv")) {
            if (in == null) {
                throw new IllegalStateException("colour map " + key + " is missing from the application resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            reader.readLine(); // header r,g,b
            int[] table = new int[256];
            for (int i = 0; i < 256; i++) {
                String[] rgb = reader.readLine().split(",");
                table[i] = 0xFF000000 | Integer.parseInt(rgb[0]) << 16 | Integer.parseInt(rgb[1]) << 8
                        | Integer.parseInt(rgb[2]);
            }
            return new ColorMap(key, table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read colour map " + key, e);
        }
    }

    public String name() {
        return name;
    }

    /** The colour of {@code value} on the scale [lo, hi] (clamped), as opaque ARGB. */
    public int argb(double value, double lo, double hi) {
        double t = hi > lo ? (value - lo) / (hi - lo) : 0;
        int i = (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
        return argb[i];
    }

    /** Entry {@code i} of 0..255. */
    public int argb(int i) {
        return argb[i];
    }
}
