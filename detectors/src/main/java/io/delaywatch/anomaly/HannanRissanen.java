package io.delaywatch.anomaly;

import java.util.Arrays;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;

/**
 * Hannan–Rissanen regression estimates of an ARMA(p, q), the second start of the likelihood search
 * from p = 2 on. Not API.
 */
final class HannanRissanen {
  /** The long autoregression that estimates the innovations has this many lags more than p or q. */
  private static final int EXTRA_LAGS = 7;

  /**
   * Normal equations whose Cholesky pivot falls to this are taken as singular: a regressor that is
   * (nearly) a combination of the others gives no usable start.
   */
  private static final double MIN_PIVOT = 1e-12;

  private HannanRissanen() {}

  /**
   * Starting values in the optimiser's unconstrained coordinates ({@link StationarityTransform}): a
   * long autoregression by least squares estimates the innovations, then y_t (Δy_t when d = 1) is
   * regressed on p of its lags and q lagged innovations (days with a gap in their lags are left
   * out).
   *
   * @param y the series, NaN where missing
   * @return p + q values, or null when the regression cannot be solved or gives a non-stationary or
   *     non-invertible model
   */
  static double[] startingValues(double[] y, int p, int d, int q) {
    int n = y.length;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = d == 0 ? y[i] : i == 0 ? Double.NaN : y[i] - y[i - 1];
    }
    double sum = 0;
    int count = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    if (count == 0) {
      return null;
    }
    double mean = sum / count;
    for (int i = 0; i < n; i++) {
      x[i] -= mean;
    }
    int longOrder = Math.max(p, q) + EXTRA_LAGS;
    double[] residuals = new double[n];
    Arrays.fill(residuals, Double.NaN);
    if (q > 0) {
      double[] ar = leastSquaresAr(x, longOrder);
      if (ar == null) {
        return null;
      }
      for (int t = longOrder; t < n; t++) {
        double e = x[t];
        for (int j = 0; j < longOrder; j++) {
          e -= ar[j] * x[t - 1 - j];
        }
        residuals[t] = e;
      }
    }
    int k = p + q;
    double[][] xtx = new double[k][k];
    double[] xty = new double[k];
    double[] row = new double[k];
    int rows = 0;
    for (int t = Math.max(p, q); t < n; t++) {
      boolean complete = !Double.isNaN(x[t]);
      for (int j = 0; j < p && complete; j++) {
        row[j] = x[t - 1 - j];
        complete = !Double.isNaN(row[j]);
      }
      for (int j = 0; j < q && complete; j++) {
        row[p + j] = residuals[t - 1 - j];
        complete = !Double.isNaN(row[p + j]);
      }
      if (!complete) {
        continue;
      }
      accumulate(xtx, xty, row, x[t]);
      rows++;
    }
    if (rows <= 2 * k) {
      return null;
    }
    double[] beta = solveNormalEquations(xtx, xty);
    if (beta == null) {
      return null;
    }
    // The regression's innovation coefficients are θ in the filter's sign convention.
    double[] start =
        StationarityTransform.unconstrained(
            Arrays.copyOfRange(beta, 0, p), Arrays.copyOfRange(beta, p, k));
    for (double v : start) {
      if (!Double.isFinite(v)) {
        return null;
      }
    }
    return start;
  }

  /** AR(order) coefficients of x (mean 0, NaN where missing) by least squares; null if singular. */
  private static double[] leastSquaresAr(double[] x, int order) {
    double[][] xtx = new double[order][order];
    double[] xty = new double[order];
    double[] row = new double[order];
    int rows = 0;
    outer:
    for (int t = order; t < x.length; t++) {
      if (Double.isNaN(x[t])) {
        continue;
      }
      for (int j = 0; j < order; j++) {
        row[j] = x[t - 1 - j];
        if (Double.isNaN(row[j])) {
          continue outer;
        }
      }
      accumulate(xtx, xty, row, x[t]);
      rows++;
    }
    return rows <= 2 * order ? null : solveNormalEquations(xtx, xty);
  }

  /** Adds one observation to the normal equations Xᵀ X β = Xᵀ y. */
  private static void accumulate(double[][] xtx, double[] xty, double[] row, double y) {
    for (int a = 0; a < row.length; a++) {
      xty[a] += row[a] * y;
      for (int b = 0; b < row.length; b++) {
        xtx[a][b] += row[a] * row[b];
      }
    }
  }

  /** β of Xᵀ X β = Xᵀ y by Cholesky; null when Xᵀ X is not positive definite. */
  private static double[] solveNormalEquations(double[][] xtx, double[] xty) {
    try {
      return new CholeskyDecomposition(
              MatrixUtils.createRealMatrix(xtx),
              CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD,
              MIN_PIVOT)
          .getSolver()
          .solve(new ArrayRealVector(xty, false))
          .toArray();
    } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
      return null;
    }
  }
}
