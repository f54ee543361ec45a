package io.auscult.bench;

/**
 * The figures of one benchmark: median, min and max over {@code repeats} timed runs after
 * warm-up, in {@code unit}.
 */
public record BenchResult(String name, String unit, double median, double min, double max, int repeats) {
}
