package io.auscult.metrics;

/**
 * A metric that the data do not define: an AUC over clips of one class only, a gamma fit with
 * loc = 0 to scores that include 0, a fit to scores without spread. scikit-learn and SciPy
 * return NaN or raise in these cases; Auscult refuses with a message that says why, so that no
 * NaN ever reaches a table, a mean or a model file.
 */
public class UndefinedMetricException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UndefinedMetricException(String message) {
        super(message);
    }
}
