package io.delaywatch.anomaly;

import java.util.Arrays;

/**
 * The Monahan–Jones map statsmodels uses between unconstrained parameters and the stationary (AR)
 * or invertible (MA) region: partial autocorrelations x/√(1+x²) through the Durbin–Levinson
 * recursion. Every point the optimiser tries is then a valid model. Not API.
 *
 * <p>The unconstrained vector of an ARMA(p, q) holds φ's p coordinates, then θ's q; θ is mapped as
 * the AR polynomial of −θ, so that (1 + θ_1 L + ... + θ_q L^q) is invertible.
 */
final class StationarityTransform {
  private StationarityTransform() {}

  /** φ from the unconstrained parameters (the first p). */
  static double[] ar(double[] x, int p) {
    return constrain(Arrays.copyOfRange(x, 0, p));
  }

  /** θ from the unconstrained parameters (the q after the first p); invertible. */
  static double[] ma(double[] x, int p, int q) {
    return negated(constrain(Arrays.copyOfRange(x, p, p + q)));
  }

  /** The unconstrained parameters of φ and θ: the inverse of {@link #ar} and {@link #ma}. */
  static double[] unconstrained(double[] ar, double[] ma) {
    double[] x = new double[ar.length + ma.length];
    System.arraycopy(unconstrain(ar), 0, x, 0, ar.length);
    System.arraycopy(unconstrain(negated(ma)), 0, x, ar.length, ma.length);
    return x;
  }

  /**
   * statsmodels' {@code constrain_stationary_univariate}: partial autocorrelations r_k = x_k / √(1
   * + x_k²) in (−1, 1), then the Durbin–Levinson recursion; every x gives a stationary φ.
   */
  static double[] constrain(double[] x) {
    int n = x.length;
    double[][] y = new double[n][n];
    for (int k = 0; k < n; k++) {
      double r = x[k] / Math.sqrt(1 + x[k] * x[k]);
      for (int i = 0; i < k; i++) {
        y[k][i] = y[k - 1][i] + r * y[k - 1][k - i - 1];
      }
      y[k][k] = r;
    }
    double[] phi = new double[n];
    for (int i = 0; i < n; i++) {
      phi[i] = -y[n - 1][i];
    }
    return phi;
  }

  /** statsmodels' {@code unconstrain_stationary_univariate}: the inverse of {@link #constrain}. */
  static double[] unconstrain(double[] phi) {
    int n = phi.length;
    double[][] y = new double[n][n];
    for (int i = 0; i < n; i++) {
      y[n - 1][i] = -phi[i];
    }
    for (int k = n - 1; k > 0; k--) {
      double r = y[k][k];
      for (int i = 0; i < k; i++) {
        y[k - 1][i] = (y[k][i] - r * y[k][k - i - 1]) / (1 - r * r);
      }
    }
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      double r = y[k][k];
      x[k] = r / Math.sqrt(1 - r * r);
    }
    return x;
  }

  private static double[] negated(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = -values[i];
    }
    return out;
  }
}
