package io.auscult.metrics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;

/**
 * Ledoit–Wolf shrinkage covariance, as scikit-learn's {@code LedoitWolf().fit(X)}: the
 * empirical covariance S (divisor n) shrunk towards μI, μ = tr(S)/p, by the estimated optimal
 * intensity. Well conditioned even with fewer samples than dimensions, which is why the
 * Mahalanobis detector uses it on embeddings of a dozen normal clips.
 * The fit keeps the Cholesky factor of the shrunk covariance to solve with.
 */
public final class LedoitWolf {

    private final double[] location;
    private final double[][] empirical;
    private final double shrinkage;
    private final double[][] covariance;
    private final DecompositionSolver solver;

    private LedoitWolf(double[] location, double[][] empirical, double shrinkage, double[][] covariance,
                       DecompositionSolver solver) {
        this.location = location;
        this.empirical = empirical;
        this.shrinkage = shrinkage;
        this.covariance = covariance;
        this.solver = solver;
    }

    /** The column means. */
    public double[] location() {
        return location.clone();
    }

    /** S = XcᵀXc / n (divisor n). */
    public double[][] empirical() {
        return copy(empirical);
    }

    /** The shrinkage intensity in [0, 1]. */
    public double shrinkage() {
        return shrinkage;
    }

    /** (1 − shrinkage)·S + shrinkage·μ·I. */
    public double[][] covariance() {
        return copy(covariance);
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    /** @param x rows are samples (at least 2), columns features */
    public static LedoitWolf fit(double[][] x) {
        int n = x.length;
        if (n < 2) {
            throw new UndefinedMetricException("Ledoit-Wolf needs at least 2 samples, got " + n);
        }
        int p = x[0].length;
        double[] location = new double[p];
        for (double[] row : x) {
            if (row.length != p) {
                throw new IllegalArgumentException("rows have different lengths: " + row.length + " and " + p);
            }
            for (int j = 0; j < p; j++) {
                location[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            location[j] /= n;
        }
        double[][] xc = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                xc[i][j] = x[i][j] - location[j];
            }
        }
        double[][] s = new double[p][p];
        for (double[] row : xc) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    s[a][b] += row[a] * row[b];
                }
            }
        }
        double trace = 0;
        double frob = 0;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                s[a][b] /= n;
                frob += s[a][b] * s[a][b];
            }
            trace += s[a][a];
        }
        double mu = trace / p;
        double delta = 0;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double d = s[a][b] - (a == b ? mu : 0);
                delta += d * d;
            }
        }
        delta /= p;
        double fourth = 0;
        for (double[] row : xc) {
            double sq = 0;
            for (double v : row) {
                sq += v * v;
            }
            fourth += sq * sq;
        }
        double beta = (fourth - n * frob) / ((double) n * n * p);
        double shrinkage = beta <= 0 || delta == 0 ? 0 : Math.min(beta, delta) / delta;
        double[][] cov = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                cov[a][b] = (1 - shrinkage) * s[a][b] + (a == b ? shrinkage * mu : 0);
            }
        }
        DecompositionSolver solver;
        try {
            solver = new CholeskyDecomposition(new Array2DRowRealMatrix(cov, false), 1e-14, 1e-300).getSolver();
        } catch (RuntimeException e) {
            throw new UndefinedMetricException("the shrunk covariance is not positive definite (constant "
                    + "features?): " + e.getMessage());
        }
        return new LedoitWolf(location, s, shrinkage, cov, solver);
    }

    /** The precision matrix covariance⁻¹ (through the Cholesky factor). */
    public double[][] precision() {
        return solver.getInverse().getData();
    }

    /** (t − location)ᵀ Σ⁻¹ (t − location), solved through Cholesky rather than an explicit inverse. */
    public double mahalanobisSquared(double[] t) {
        if (t.length != location.length) {
            throw new IllegalArgumentException("point has " + t.length + " features, the fit " + location.length);
        }
        double[] d = new double[t.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = t[j] - location[j];
        }
        double[] z = solver.solve(new ArrayRealVector(d, false)).toArray();
        double sum = 0;
        for (int j = 0; j < d.length; j++) {
            sum += d[j] * z[j];
        }
        return Math.max(0, sum);
    }

    public double mahalanobis(double[] t) {
        return Math.sqrt(mahalanobisSquared(t));
    }

}
