package io.auscult.metrics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * L2-penalised logistic regression with an unpenalised intercept, as scikit-learn's
 * {@code LogisticRegression(C, l1_ratio=0)}: minimises
 * {@code C·Σ log(1 + exp(−s(x·w + b))) + ½‖w‖²}, s = ±1, with no feature scaling. Solved by
 * Newton's method with step halving: the objective is strictly convex in w, and in b as long as
 * both classes are present, so Newton converges in a handful of steps to the exact optimum.
 *
 * @param coef      the weights w
 * @param intercept b
 * @param objective the objective at the solution
 */
public record LogisticRegression(double[] coef, double intercept, double objective) {

    private static final int MAX_STEPS = 200;

    /** @param y 0/1 labels; both must occur */
    public static LogisticRegression fit(double[][] x, int[] y, double c) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("need one label per row: " + n + " rows, " + y.length + " labels");
        }
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("C must be finite and > 0, not " + c);
        }
        int ones = 0;
        for (int v : y) {
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException("labels are 0 or 1, found " + v);
            }
            ones += v;
        }
        if (ones == 0 || ones == n) {
            throw new UndefinedMetricException("logistic regression needs both classes; all " + n + " labels are "
                    + (ones == 0 ? 0 : 1));
        }
        int p = x[0].length;
        double[] theta = new double[p + 1];
        double f = objective(x, y, c, theta);
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] grad = new double[p + 1];
            double[][] hess = new double[p + 1][p + 1];
            for (int i = 0; i < n; i++) {
                double z = linear(x[i], theta);
                double prob = sigmoid(z);
                double r = c * (prob - y[i]);
                double h = c * prob * (1 - prob);
                for (int a = 0; a <= p; a++) {
                    double xa = a < p ? x[i][a] : 1;
                    grad[a] += r * xa;
                    for (int b = 0; b <= a; b++) {
                        hess[a][b] += h * xa * (b < p ? x[i][b] : 1);
                    }
                }
            }
            for (int a = 0; a <= p; a++) {
                for (int b = 0; b < a; b++) {
                    hess[b][a] = hess[a][b];
                }
                if (a < p) {
                    grad[a] += theta[a];
                    hess[a][a] += 1;
                }
            }
            // A tiny ridge on the intercept's curvature only guards Cholesky when h underflows.
            hess[p][p] += 1e-300;
            double[] dir = new CholeskyDecomposition(new Array2DRowRealMatrix(hess, false), 0, 0).getSolver()
                    .solve(new ArrayRealVector(grad, false)).toArray();
            double t = 1;
            double[] next = new double[p + 1];
            double fNext;
            do {
                for (int a = 0; a <= p; a++) {
                    next[a] = theta[a] - t * dir[a];
                }
                fNext = objective(x, y, c, next);
                t /= 2;
            } while (fNext > f && t > 1e-10);
            double size = 0;
            for (int a = 0; a <= p; a++) {
                size = Math.max(size, Math.abs(next[a] - theta[a]));
            }
            theta = next;
            f = Math.min(f, fNext);
            f = objective(x, y, c, theta);
            if (size < 1e-12) {
                break;
            }
        }
        double[] w = java.util.Arrays.copyOf(theta, p);
        return new LogisticRegression(w, theta[p], f);
    }

    /** P(y = 1 | x) = 1 / (1 + exp(−(x·w + b))). */
    public double probability(double[] x) {
        double z = intercept;
        for (int j = 0; j < coef.length; j++) {
            z += coef[j] * x[j];
        }
        return sigmoid(z);
    }

    /** The decision value x·w + b (monotone in the probability, without its saturation: better for AUC ties). */
    public double decision(double[] x) {
        double z = intercept;
        for (int j = 0; j < coef.length; j++) {
            z += coef[j] * x[j];
        }
        return z;
    }

    private static double linear(double[] xi, double[] theta) {
        int p = xi.length;
        double z = theta[p];
        for (int j = 0; j < p; j++) {
            z += theta[j] * xi[j];
        }
        return z;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** log(1 + exp(−m)) without overflow. */
    private static double logLoss(double margin) {
        return margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
    }

    private static double objective(double[][] x, int[] y, double c, double[] theta) {
        int p = theta.length - 1;
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += logLoss((2 * y[i] - 1) * linear(x[i], theta));
        }
        double penalty = 0;
        for (int j = 0; j < p; j++) {
            penalty += theta[j] * theta[j];
        }
        return c * sum + 0.5 * penalty;
    }
}
