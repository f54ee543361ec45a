package io.auscult.faithfulness;

/**
 * One step of the cascading randomisation: the layer re-drawn at this step (all layers of the
 * earlier steps stay re-drawn) and Spearman's rho between the re-explained map and the original.
 */
public record SanityStep(String layer, double rankCorrelation) {
}
