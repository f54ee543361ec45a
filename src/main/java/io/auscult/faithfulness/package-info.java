/**
 * Testing explanations (DESIGN.md, "Faithfulness"): the reconstruction-replacement curve and
 * its random-order reference, localisation against a ground-truth mask, the cascading
 * model-randomisation sanity check, and the comparison run over a test set that puts them in
 * one table.
 *
 * <p>Everything here works on time-major {@code frames x mels} arrays, the layout of
 * {@link io.auscult.features.Spectrogram}, in double precision: the curve arithmetic is exact
 * enough to match the float64 fixtures, and only the network itself runs in float.
 */
package io.auscult.faithfulness;
