package io.delaywatch.anomaly;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * The exact Gaussian likelihood and the one-step-ahead predictions of an ARIMA(p, d, q) model, d ≤
 * 1, by a Kalman filter on its state-space form. Missing values (NaN: days without flights, or
 * without a departure) are skipped by the filter, which predicts through them. Not API; not
 * thread-safe (it reuses its work arrays), cheap to create.
 *
 * <p>The model is the one statsmodels' {@code ARIMA} fits: for d = 0, y_t = μ + u_t with u_t a
 * stationary ARMA(p, q) with innovations of variance σ²; for d = 1, Δy_t is a zero-mean ARMA(p, q)
 * (no drift). ARMA in Harvey's form: state a_t of size r = max(p, q + 1), T the companion matrix of
 * φ, R = (1, θ_1, ..., θ_{r−1}), u_t = a_t[0]; the initial state has the stationary covariance. For
 * d = 1 the state also carries y_{t−1}, with an exact diffuse prior: the first observation only
 * fixes the level and adds nothing to the likelihood (statsmodels burns it too, with an approximate
 * diffuse prior of variance 10⁶).
 *
 * <p>σ² and μ are concentrated out: the filter runs with σ² = 1, μ is the generalised least-squares
 * estimate from the innovations of y and of the constant regressor (the same filter, run on 1s),
 * and σ̂² = Σ v_t² / F_t / n. The profile likelihood has the same maximum as the full one, with two
 * parameters fewer to search.
 *
 * <p>Once the state covariance has converged (no missing value for a while), its update is skipped:
 * the filter then costs O(r²) a step instead of O(r³), as statsmodels' does.
 */
final class ArimaFilter {
  /** Relative change of the state covariance below which the filter is taken as converged. */
  private static final double CONVERGED = 1e-9;

  private final int p;
  private final int d;
  private final int q;
  private final int r;
  private final int m;
  private final double[] t;
  private final double[] rr;
  private final double[] cov;
  private final double[] next;
  private final double[] pz;
  private final double[] gain;
  private final double[] state;
  private final double[] stateX;
  private final double[] tmp;
  private final double[] phi;
  private final double[] column;
  private final double[] product;

  ArimaFilter(int p, int d, int q) {
    if (d < 0 || d > 1) {
      throw new IllegalArgumentException("d must be 0 or 1, got " + d);
    }
    this.p = p;
    this.d = d;
    this.q = q;
    this.r = Math.max(p, q + 1);
    this.m = r + d;
    this.t = new double[m * m];
    this.rr = new double[m * m];
    this.cov = new double[m * m];
    this.next = new double[m * m];
    this.pz = new double[m];
    this.gain = new double[m];
    this.state = new double[m];
    this.stateX = new double[m];
    this.tmp = new double[m * m];
    this.phi = new double[r];
    this.column = new double[m];
    this.product = new double[m];
  }

  /** What one pass of the filter found. */
  record Result(
      double logLikelihood,
      double mean,
      double sigma2,
      int observations,
      double[] predicted,
      double[] variance) {}

  /**
   * Runs the filter.
   *
   * @param y the series, NaN where missing
   * @param ar φ_1..φ_p (stationary)
   * @param ma θ_1..θ_q (invertible), in the sign convention (1 + θ_1 L + ...) ε_t
   * @param fixedMean μ to use instead of its estimate (d = 0), or NaN to estimate it
   * @param withPredictions also return each day's prediction and its variance (σ̂²·F_t; NaN where
   *     the prior is diffuse)
   * @return the concentrated log-likelihood, or a result with NaN log-likelihood when fewer than
   *     two values are observed or the series has no variance left
   */
  Result run(double[] y, double[] ar, double[] ma, double fixedMean, boolean withPredictions) {
    setUp(ar, ma);
    int n = y.length;
    boolean hasMean = d == 0;
    double[] predictedY = withPredictions ? new double[n] : null;
    double[] predictedX = withPredictions ? new double[n] : null;
    double[] f = withPredictions ? new double[n] : null;
    double sumLogF = 0;
    double syy = 0;
    double sxy = 0;
    double sxx = 0;
    int used = 0;
    Arrays.fill(state, 0);
    Arrays.fill(stateX, 0);
    boolean diffuse = d == 1;
    boolean converged = false;
    double logF = 0;
    for (int i = 0; i < n; i++) {
      // Prediction of y_i: Z a with Z = (1, 1, 0, ...) for d = 1, (1, 0, ...) for d = 0.
      double zy = state[0] + (d == 1 ? state[1] : 0);
      double zx = hasMean ? 1 - stateX[0] : 0;
      double fi = cov[0] + (d == 1 ? cov[1] + cov[m] + cov[m + 1] : 0);
      if (withPredictions) {
        predictedY[i] = zy;
        predictedX[i] = zx;
        f[i] = diffuse ? Double.NaN : fi;
      }
      double yi = y[i];
      if (Double.isNaN(yi)) {
        predictOnly();
        converged = false;
        continue;
      }
      if (diffuse) {
        collapseDiffuse(yi);
        diffuse = false;
        continue;
      }
      double v = yi - zy;
      // The regressor's innovation: x_i − Z a^x with x ≡ 1.
      double vx = zx;
      if (!converged) {
        logF = Math.log(fi);
        // K = T P Zᵀ / F
        for (int a = 0; a < m; a++) {
          pz[a] = cov[a * m] + (d == 1 ? cov[a * m + 1] : 0);
        }
        applyT(pz, gain);
        for (int a = 0; a < m; a++) {
          gain[a] /= fi;
        }
      }
      sumLogF += logF;
      syy += v * v / fi;
      sxy += v * vx / fi;
      sxx += vx * vx / fi;
      used++;
      // a ← T a + K v (and the same recursion for the regressor with innovation vx)
      advance(state, v);
      if (hasMean) {
        advanceRegressor(vx);
      }
      if (!converged) {
        // P ← T P Tᵀ + R Rᵀ − K F Kᵀ
        transitionCovariance();
        double change = 0;
        for (int a = 0; a < m; a++) {
          for (int b = 0; b < m; b++) {
            double updated = next[a * m + b] - gain[a] * gain[b] * fi;
            change = Math.max(change, Math.abs(updated - cov[a * m + b]) / (1 + Math.abs(updated)));
            cov[a * m + b] = updated;
          }
        }
        // Once converged, P, F and K stay as they are until a missing value moves them again.
        converged = change <= CONVERGED;
      }
    }
    if (used < 2) {
      return new Result(Double.NaN, Double.NaN, Double.NaN, used, null, null);
    }
    double mean = !hasMean ? 0 : !Double.isNaN(fixedMean) ? fixedMean : sxx > 0 ? sxy / sxx : 0;
    double ss = syy - 2 * mean * sxy + mean * mean * sxx;
    double sigma2 = ss / used;
    if (!(sigma2 > 0)) {
      return new Result(Double.NaN, mean, sigma2, used, null, null);
    }
    double logLikelihood =
        -0.5 * used * (Math.log(2 * Math.PI) + 1 + Math.log(sigma2)) - 0.5 * sumLogF;
    double[] predicted = null;
    double[] variance = null;
    if (withPredictions) {
      predicted = new double[n];
      variance = new double[n];
      for (int i = 0; i < n; i++) {
        // By linearity the filter of y − μ·1 predicts Z a^y + μ (1 − Z a^x).
        predicted[i] = predictedY[i] + mean * predictedX[i];
        variance[i] = sigma2 * f[i];
      }
    }
    return new Result(logLikelihood, mean, sigma2, used, predicted, variance);
  }

  private void setUp(double[] ar, double[] ma) {
    for (int a = 0; a < r; a++) {
      phi[a] = a < p ? ar[a] : 0;
    }
    Arrays.fill(t, 0);
    Arrays.fill(rr, 0);
    int o = d;
    // ARMA block at rows/columns d..d+r−1: first column φ, superdiagonal 1.
    for (int a = 0; a < r; a++) {
      t[(o + a) * m + o] = a < p ? ar[a] : 0;
      if (a + 1 < r) {
        t[(o + a) * m + o + a + 1] = 1;
      }
    }
    if (d == 1) {
      // y_t = y_{t−1} + u_t, u_t = a_t[0]: the level row adds the ARMA state's first element.
      t[0] = 1;
      t[1] = 1;
    }
    double[] rvec = new double[m];
    rvec[o] = 1;
    for (int j = 1; j < r; j++) {
      rvec[o + j] = j <= q ? ma[j - 1] : 0;
    }
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        rr[a * m + b] = rvec[a] * rvec[b];
      }
    }
    double[] stationary = stationaryCovariance(rvec, o);
    Arrays.fill(cov, 0);
    for (int a = 0; a < r; a++) {
      for (int b = 0; b < r; b++) {
        cov[(o + a) * m + o + b] = stationary[a * r + b];
      }
    }
  }

  /**
   * Solves P = T P Tᵀ + R Rᵀ for the ARMA block by vectorisation: (I − T⊗T) vec P = vec RRᵀ; NaN
   * when I − T⊗T is singular, which the likelihood then rejects.
   */
  private double[] stationaryCovariance(double[] rvec, int o) {
    int k = r * r;
    double[][] a = new double[k][k];
    double[] b = new double[k];
    double[] block = new double[r * r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        block[i * r + j] = t[(o + i) * m + o + j];
      }
    }
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        int row = i * r + j;
        b[row] = rvec[o + i] * rvec[o + j];
        a[row][row] += 1;
        for (int u = 0; u < r; u++) {
          double tiu = block[i * r + u];
          if (tiu == 0) {
            continue;
          }
          for (int w = 0; w < r; w++) {
            a[row][u * r + w] -= tiu * block[j * r + w];
          }
        }
      }
    }
    try {
      // Only an exactly zero pivot counts as singular: φ is stationary by construction, so a tiny
      // pivot near the unit circle is still a valid model for the likelihood to judge.
      return new LUDecomposition(new Array2DRowRealMatrix(a, false), Double.MIN_VALUE)
          .getSolver()
          .solve(new ArrayRealVector(b, false))
          .toArray();
    } catch (SingularMatrixException e) {
      double[] singular = new double[k];
      Arrays.fill(singular, Double.NaN);
      return singular;
    }
  }

  /**
   * The exact diffuse step for d = 1 at the first observation: y_{t−1} becomes y_t − u_t, the ARMA
   * state keeps its stationary prior, and nothing is added to the likelihood.
   */
  private void collapseDiffuse(double y) {
    // State after the update: level = y − u, ARMA part unchanged (mean 0); then one transition.
    double[] filtered = new double[m * m];
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        filtered[a * m + b] = cov[a * m + b];
      }
    }
    // Var(level) = Var(u), Cov(level, a_j) = −Cov(u, a_j), with u = a[0] at index 1.
    filtered[0] = cov[m + 1];
    for (int j = 1; j < m; j++) {
      filtered[j] = -cov[m + j];
      filtered[j * m] = -cov[j * m + 1];
    }
    System.arraycopy(filtered, 0, cov, 0, m * m);
    state[0] = y;
    for (int j = 1; j < m; j++) {
      state[j] = 0;
    }
    predictOnly();
  }

  private void predictOnly() {
    applyT(state, tmp);
    System.arraycopy(tmp, 0, state, 0, m);
    if (d == 0) {
      applyT(stateX, tmp);
      System.arraycopy(tmp, 0, stateX, 0, m);
    }
    transitionCovariance();
    System.arraycopy(next, 0, cov, 0, m * m);
  }

  private void advance(double[] a, double v) {
    applyT(a, tmp);
    for (int i = 0; i < m; i++) {
      a[i] = tmp[i] + gain[i] * v;
    }
  }

  private void advanceRegressor(double vx) {
    // The regressor x ≡ 1 is filtered as data, with its own state a^x.
    applyT(stateX, tmp);
    for (int i = 0; i < m; i++) {
      stateX[i] = tmp[i] + gain[i] * vx;
    }
  }

  /** next = T cov Tᵀ + R Rᵀ, in O(m²) thanks to T's companion form. */
  private void transitionCovariance() {
    // tmp = T cov, column by column.
    for (int b = 0; b < m; b++) {
      for (int a = 0; a < m; a++) {
        column[a] = cov[a * m + b];
      }
      applyT(column, product);
      for (int a = 0; a < m; a++) {
        tmp[a * m + b] = product[a];
      }
    }
    // next = tmp Tᵀ + RRᵀ: row a of next is T applied to row a of tmp.
    for (int a = 0; a < m; a++) {
      System.arraycopy(tmp, a * m, column, 0, m);
      applyT(column, product);
      for (int b = 0; b < m; b++) {
        next[a * m + b] = product[b] + rr[a * m + b];
      }
    }
  }

  /**
   * out = T v. T is the companion matrix of φ (first column φ, ones above the diagonal), behind the
   * level row (1, 1, 0, ...) when d = 1.
   */
  private void applyT(double[] v, double[] out) {
    int o = d;
    double head = v[o];
    for (int i = 0; i < r; i++) {
      out[o + i] = phi[i] * head + (i + 1 < r ? v[o + i + 1] : 0);
    }
    if (d == 1) {
      out[0] = v[0] + v[1];
    }
  }
}
