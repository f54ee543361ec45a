package io.auscult.detect.nn;

/**
 * The dense autoencoder's results for one recording in double precision, time-major on the
 * input's grid.
 *
 * @param score          mean over the recording's windows of the window's mean squared error
 * @param reconstruction per bin, the mean of its reconstructions over the windows containing it
 * @param errorMap       per bin, the mean of its squared errors over the windows containing it
 * @param gradient       d score / d input per bin, or {@code null} when not asked for
 */
record DenseEvaluation(double score, double[] reconstruction, double[] errorMap, double[] gradient) {
}
