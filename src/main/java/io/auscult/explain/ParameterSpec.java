package io.auscult.explain;

import java.util.List;
import java.util.Objects;

/**
 * One parameter a user may set for a method, with its default (DESIGN.md / issue 5) and, for a
 * choice, the allowed values: what a parameter editor shows. An empty default means "the method
 * picks" (Grad-CAM's layer: the last encoder block).
 *
 * @param name         as {@link Attributions#create} reads it
 * @param defaultValue the default, as text
 * @param choices      the allowed values, or empty for a free number / text
 * @param help         one line for a tooltip
 */
public record ParameterSpec(String name, String defaultValue, List<String> choices, String help) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        choices = List.copyOf(choices);
        Objects.requireNonNull(help, "help");
    }
}
