package io.auscult.explain;

import io.auscult.features.Spectrogram;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * An attribution map in model-input space (standardised log-mel, time-major frames x mels, the
 * shape of the input), with what made it. Display normalisation is a separate, explicit step.
 *
 * @param method             the method's short name (see {@link Attribution#method()})
 * @param parameters         the method's parameters
 * @param values             the map, exactly the input's shape
 * @param score              the detector's score of the explained input
 * @param completenessDelta  for path methods (IG), {@code sum(A) - (s(x) - s(x'))}; empty otherwise
 */
public record AttributionMap(String method, Map<String, String> parameters, Spectrogram values, double score,
                             OptionalDouble completenessDelta) {

    public AttributionMap {
        Objects.requireNonNull(method, "method");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(completenessDelta, "completenessDelta");
    }
}
