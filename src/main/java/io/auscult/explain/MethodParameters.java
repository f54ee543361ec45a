package io.auscult.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A method's textual parameters (from the command line, a comparison run or a cache key), read
 * with defaults and checked: every refusal names the method and the parameter, and a parameter
 * the method does not know is an error rather than silently ignored (a typo would otherwise
 * explain with the default and say nothing).
 */
final class MethodParameters {

    private final String method;
    private final Map<String, String> given;

    MethodParameters(String method, Map<String, String> given) {
        this.method = method;
        this.given = new LinkedHashMap<>(given == null ? Map.of() : given);
    }

    /** Refuses any parameter outside {@code known}. */
    void requireOnly(Set<String> known) {
        for (String key : given.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("method '" + method + "' has no parameter '" + key
                        + "'; its parameters: " + known.stream().sorted().toList());
            }
        }
    }

    /** The parameters not in {@code own}, for a wrapped method (SmoothGrad's inner method). */
    Map<String, String> without(Set<String> own) {
        Map<String, String> rest = new LinkedHashMap<>(given);
        rest.keySet().removeAll(own);
        return rest;
    }

    int positiveInt(String name, int fallback) {
        String v = given.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("method '" + method + "': parameter '" + name
                    + "' must be a positive integer, not '" + v + "'");
        }
    }

    double positiveDouble(String name, double fallback) {
        String v = given.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("method '" + method + "': parameter '" + name
                    + "' must be a positive number, not '" + v + "'");
        }
    }

    String choice(String name, String fallback, List<String> allowed) {
        String v = given.get(name);
        if (v == null) {
            return fallback;
        }
        String t = v.trim().toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(t)) {
            throw new IllegalArgumentException("method '" + method + "': parameter '" + name + "' must be one of "
                    + allowed + ", not '" + v + "'");
        }
        return t;
    }

    /** A free-form text parameter (a layer name), or the fallback (may be null). */
    String text(String name, String fallback) {
        String v = given.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
