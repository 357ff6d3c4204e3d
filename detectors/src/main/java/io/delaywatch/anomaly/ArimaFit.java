package io.delaywatch.anomaly;

import io.delaywatch.anomaly.DetectorSettings.OrderSearch;
import java.util.Arrays;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * An ARIMA(p, d, q) fitted by exact maximum likelihood ({@link ArimaFilter}), and the search for
 * its order. Not API.
 *
 * <p>The parameters are searched unconstrained and mapped onto the stationary (AR) and invertible
 * (MA) region by the Monahan–Jones transform statsmodels uses (partial autocorrelations x/√(1+x²)
 * through the Durbin–Levinson recursion), so every point the optimiser tries is a valid model; the
 * optimiser is Nelder–Mead, restarted once from its answer, from φ = θ = 0. μ and σ² are
 * concentrated out by the filter.
 *
 * @param p AR order
 * @param d differencing order, 0 or 1
 * @param q MA order
 * @param ar φ_1..φ_p
 * @param ma θ_1..θ_q, (1 + θ_1 L + ... + θ_q L^q) ε_t
 * @param mean μ for d = 0; 0 for d = 1 (no drift)
 * @param sigma2 the innovation variance
 * @param logLikelihood the exact log-likelihood (the first value excluded for d = 1)
 * @param observations values the likelihood counts
 */
record ArimaFit(
    int p,
    int d,
    int q,
    double[] ar,
    double[] ma,
    double mean,
    double sigma2,
    double logLikelihood,
    int observations) {
  /** The largest orders of the search: p ≤ 3, d ≤ 1, q ≤ 2. */
  static final int MAX_P = 3;

  static final int MAX_D = 1;
  static final int MAX_Q = 2;

  /** KPSS level-stationarity statistic's 5% critical value (Kwiatkowski et al. 1992, table 1). */
  static final double KPSS_CRITICAL_5 = 0.463;

  /** The walk-forward search fits on this share of the year and scores the rest. */
  static final double TRAINING_SHARE = 2.0 / 3;

  private static final int MAX_EVALUATIONS = 4000;

  /** Nelder–Mead stops when the best log-likelihood moves by less than this, relatively. */
  private static final double RELATIVE_TOLERANCE = 1e-8;

  /** Free parameters counted by the information criteria: φ, θ, μ when d = 0, and σ². */
  int parameterCount() {
    return p + q + (d == 0 ? 1 : 0) + 1;
  }

  double aic() {
    return -2 * logLikelihood + 2 * parameterCount();
  }

  double bic() {
    return -2 * logLikelihood + parameterCount() * Math.log(observations);
  }

  /**
   * The one-step-ahead predictions of {@code y} under this model, with its μ and σ² re-estimated
   * from {@code y} (as statsmodels' in-sample predictions of the data it was fitted to) or kept
   * ({@code keepFit}, for data it was not fitted to).
   */
  ArimaFilter.Result filter(double[] y, boolean keepFit) {
    ArimaFilter.Result result =
        new ArimaFilter(p, d, q).run(y, ar, ma, keepFit ? mean : Double.NaN, true);
    if (!keepFit || result.predicted() == null) {
      return result;
    }
    double[] variance = result.variance().clone();
    for (int i = 0; i < variance.length; i++) {
      variance[i] *= sigma2 / result.sigma2();
    }
    return new ArimaFilter.Result(
        result.logLikelihood(), mean, sigma2, result.observations(), result.predicted(), variance);
  }

  /**
   * Fits one order by maximum likelihood.
   *
   * @param y the series, NaN where missing
   * @return the fit, or null when the series has too little to fit
   */
  static ArimaFit fit(double[] y, int p, int d, int q) {
    return fit(y, p, d, q, null);
  }

  /**
   * Fits one order, starting the search from {@code from}, a fit of a nested order (fewer AR or MA
   * terms; its missing terms start at 0, where the larger model equals it), or from φ = θ = 0 when
   * null.
   */
  static ArimaFit fit(double[] y, int p, int d, int q, ArimaFit from) {
    ArimaFilter filter = new ArimaFilter(p, d, q);
    int k = p + q;
    if (k == 0) {
      return fitted(filter, y, p, d, q, new double[0]);
    }
    ObjectiveFunction objective =
        new ObjectiveFunction(
            x -> {
              ArimaFilter.Result result = filter.run(y, ar(x, p), ma(x, p, q), Double.NaN, false);
              double logLikelihood = result.logLikelihood();
              return Double.isNaN(logLikelihood) ? Double.MAX_VALUE : -logLikelihood;
            });
    SimplexOptimizer optimizer = new SimplexOptimizer(RELATIVE_TOLERANCE, 1e-10);
    double[] warm = new double[k];
    if (from != null) {
      double[] nested = from.unconstrained();
      System.arraycopy(nested, 0, warm, 0, from.p());
      System.arraycopy(nested, from.p(), warm, p, from.q());
    }
    PointValuePair best = null;
    // Two starts from p = 2 on, where a weekly cycle (complex AR roots) gives the likelihood more
    // than one hill: the nested order's answer (which this order contains) and the
    // Hannan–Rissanen regression estimate. Then one restart from the better answer with a
    // smaller simplex, the usual cure for Nelder–Mead stalling on a flat ridge.
    double[] regression = p >= 2 ? hannanRissanen(y, p, d, q) : null;
    for (double[] start : new double[][] {warm, regression}) {
      best = better(best, minimise(optimizer, objective, start, 0.5));
    }
    if (best != null) {
      best = better(best, minimise(optimizer, objective, best.getPoint(), 0.1));
    }
    double[] start = warm;
    return fitted(filter, y, p, d, q, best == null ? start : best.getPoint());
  }

  /** Nelder–Mead from {@code start}; null when there is no start or it runs out of evaluations. */
  private static PointValuePair minimise(
      SimplexOptimizer optimizer, ObjectiveFunction objective, double[] start, double step) {
    if (start == null) {
      return null;
    }
    try {
      return optimizer.optimize(
          new MaxEval(MAX_EVALUATIONS),
          objective,
          GoalType.MINIMIZE,
          new InitialGuess(start),
          new NelderMeadSimplex(start.length, step));
    } catch (TooManyEvaluationsException e) {
      return null;
    }
  }

  private static PointValuePair better(PointValuePair a, PointValuePair b) {
    if (a == null) {
      return b;
    }
    return b == null || a.getValue() <= b.getValue() ? a : b;
  }

  private static ArimaFit fitted(ArimaFilter filter, double[] y, int p, int d, int q, double[] x) {
    double[] ar = ar(x, p);
    double[] ma = ma(x, p, q);
    ArimaFilter.Result result = filter.run(y, ar, ma, Double.NaN, false);
    if (Double.isNaN(result.logLikelihood())) {
      return null;
    }
    return new ArimaFit(
        p,
        d,
        q,
        ar,
        ma,
        result.mean(),
        result.sigma2(),
        result.logLikelihood(),
        result.observations());
  }

  /**
   * The model of {@code y} chosen by {@code search} over p ≤ {@value #MAX_P}, d ≤ {@value #MAX_D},
   * q ≤ {@value #MAX_Q}; null when no order can be fitted.
   *
   * <p>AIC and BIC: d is chosen first by the KPSS test of level stationarity at 5% (as auto.arima
   * does: information criteria cannot compare a series with its differences), then (p, q) by the
   * criterion. Walk-forward: every (p, d, q) is fitted on the first two thirds of the days and
   * predicts the rest one step ahead with its parameters fixed; the order with the lowest mean
   * squared error is refitted on the whole series.
   */
  static ArimaFit search(double[] y, OrderSearch search) {
    if (search == OrderSearch.WALK_FORWARD) {
      return walkForward(y);
    }
    int d = kpss(y) > KPSS_CRITICAL_5 ? 1 : 0;
    ArimaFit best = null;
    double bestCriterion = Double.POSITIVE_INFINITY;
    ArimaFit[][] fits = new ArimaFit[MAX_P + 1][MAX_Q + 1];
    for (int p = 0; p <= MAX_P; p++) {
      for (int q = 0; q <= MAX_Q; q++) {
        ArimaFit fit = fits[p][q] = fit(y, p, d, q, nested(fits, p, q));
        if (fit == null) {
          continue;
        }
        double criterion = search == OrderSearch.BIC ? fit.bic() : fit.aic();
        // Strictly lower: on a tie the smaller order, found first, stays.
        if (criterion < bestCriterion) {
          best = fit;
          bestCriterion = criterion;
        }
      }
    }
    return best;
  }

  /**
   * Hannan–Rissanen starting values in the optimiser's unconstrained coordinates: a long
   * autoregression by least squares estimates the innovations, then y_t is regressed on p of its
   * lags and q lagged innovations (days with a gap in their lags are left out); null when the
   * regression cannot be solved or gives a non-stationary or non-invertible model.
   */
  static double[] hannanRissanen(double[] y, int p, int d, int q) {
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
    int longOrder = Math.max(p, q) + 7;
    double[] residuals = new double[n];
    java.util.Arrays.fill(residuals, Double.NaN);
    double[] ar = q == 0 ? null : leastSquaresAr(x, longOrder);
    if (q > 0) {
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
    double[] xtx = new double[k * k];
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
      for (int a = 0; a < k; a++) {
        xty[a] += row[a] * x[t];
        for (int b = 0; b < k; b++) {
          xtx[a * k + b] += row[a] * row[b];
        }
      }
      rows++;
    }
    if (rows <= 2 * k) {
      return null;
    }
    double[] beta = solveSymmetric(xtx, xty, k);
    if (beta == null) {
      return null;
    }
    double[] phi = java.util.Arrays.copyOfRange(beta, 0, p);
    double[] theta = java.util.Arrays.copyOfRange(beta, p, k);
    for (int i = 0; i < q; i++) {
      theta[i] = -theta[i];
    }
    double[] start = new double[k];
    double[] xp = unconstrainStationary(phi);
    double[] xq = unconstrainStationary(theta);
    System.arraycopy(xp, 0, start, 0, p);
    System.arraycopy(xq, 0, start, p, q);
    for (double v : start) {
      if (!Double.isFinite(v)) {
        return null;
      }
    }
    return start;
  }

  /** AR(order) coefficients of x (mean 0, NaN where missing) by least squares; null if singular. */
  private static double[] leastSquaresAr(double[] x, int order) {
    double[] xtx = new double[order * order];
    double[] xty = new double[order];
    int rows = 0;
    outer:
    for (int t = order; t < x.length; t++) {
      if (Double.isNaN(x[t])) {
        continue;
      }
      for (int j = 0; j < order; j++) {
        if (Double.isNaN(x[t - 1 - j])) {
          continue outer;
        }
      }
      for (int a = 0; a < order; a++) {
        xty[a] += x[t - 1 - a] * x[t];
        for (int b = 0; b < order; b++) {
          xtx[a * order + b] += x[t - 1 - a] * x[t - 1 - b];
        }
      }
      rows++;
    }
    return rows <= 2 * order ? null : solveSymmetric(xtx, xty, order);
  }

  /** Solves A x = b for a symmetric positive definite A by Cholesky; null if it is not. */
  private static double[] solveSymmetric(double[] a, double[] b, int k) {
    double[] l = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i * k + j];
        for (int m = 0; m < j; m++) {
          sum -= l[i * k + m] * l[j * k + m];
        }
        if (i == j) {
          if (!(sum > 1e-12)) {
            return null;
          }
          l[i * k + i] = Math.sqrt(sum);
        } else {
          l[i * k + j] = sum / l[j * k + j];
        }
      }
    }
    double[] z = new double[k];
    for (int i = 0; i < k; i++) {
      double sum = b[i];
      for (int m = 0; m < i; m++) {
        sum -= l[i * k + m] * z[m];
      }
      z[i] = sum / l[i * k + i];
    }
    double[] x = new double[k];
    for (int i = k - 1; i >= 0; i--) {
      double sum = z[i];
      for (int m = i + 1; m < k; m++) {
        sum -= l[m * k + i] * x[m];
      }
      x[i] = sum / l[i * k + i];
    }
    return x;
  }

  /** The better fitted of the orders one AR or one MA term smaller, or null. */
  private static ArimaFit nested(ArimaFit[][] fits, int p, int q) {
    ArimaFit fewerAr = p > 0 ? fits[p - 1][q] : null;
    ArimaFit fewerMa = q > 0 ? fits[p][q - 1] : null;
    if (fewerAr == null) {
      return fewerMa;
    }
    if (fewerMa == null) {
      return fewerAr;
    }
    return fewerMa.logLikelihood() > fewerAr.logLikelihood() ? fewerMa : fewerAr;
  }

  /** The unconstrained parameters of φ and θ: the inverse of {@link #ar} and {@link #ma}. */
  double[] unconstrained() {
    double[] x = new double[p + q];
    System.arraycopy(unconstrainStationary(ar), 0, x, 0, p);
    double[] theta = new double[q];
    for (int i = 0; i < q; i++) {
      theta[i] = -ma[i];
    }
    System.arraycopy(unconstrainStationary(theta), 0, x, p, q);
    return x;
  }

  /**
   * statsmodels' {@code unconstrain_stationary_univariate}: the inverse of {@link
   * #constrainStationary}.
   */
  static double[] unconstrainStationary(double[] phi) {
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

  private static ArimaFit walkForward(double[] y) {
    int cut = (int) Math.round(y.length * TRAINING_SHARE);
    double[] training = Arrays.copyOf(y, cut);
    int bestP = -1;
    int bestD = 0;
    int bestQ = 0;
    double bestError = Double.POSITIVE_INFINITY;
    for (int d = 0; d <= MAX_D; d++) {
      ArimaFit[][] fits = new ArimaFit[MAX_P + 1][MAX_Q + 1];
      for (int p = 0; p <= MAX_P; p++) {
        for (int q = 0; q <= MAX_Q; q++) {
          ArimaFit fit = fits[p][q] = fit(training, p, d, q, nested(fits, p, q));
          if (fit == null) {
            continue;
          }
          ArimaFilter.Result predictions = fit.filter(y, true);
          double squares = 0;
          int count = 0;
          for (int i = cut; i < y.length; i++) {
            if (!Double.isNaN(y[i]) && !Double.isNaN(predictions.variance()[i])) {
              double error = y[i] - predictions.predicted()[i];
              squares += error * error;
              count++;
            }
          }
          if (count > 0 && squares / count < bestError) {
            bestError = squares / count;
            bestP = p;
            bestD = d;
            bestQ = q;
          }
        }
      }
    }
    return bestP < 0 ? search(y, OrderSearch.AIC) : fit(y, bestP, bestD, bestQ);
  }

  /**
   * The KPSS statistic for level stationarity of the observed values (gaps skipped): η = Σ S_t² /
   * (n² σ²), S_t the partial sums of the deviations from the mean, σ² the Newey–West long-run
   * variance with ⌊12 (n/100)^¼⌋ lags.
   */
  static double kpss(double[] y) {
    double[] values = Arrays.stream(y).filter(v -> !Double.isNaN(v)).toArray();
    int n = values.length;
    if (n < 3) {
      return 0;
    }
    double mean = Arrays.stream(values).average().orElse(0);
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      e[i] = values[i] - mean;
    }
    double partial = 0;
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      partial += e[i];
      sumSquares += partial * partial;
    }
    int lags = Math.min(n - 1, (int) Math.floor(12 * Math.pow(n / 100.0, 0.25)));
    double longRun = 0;
    for (int i = 0; i < n; i++) {
      longRun += e[i] * e[i];
    }
    for (int j = 1; j <= lags; j++) {
      double gamma = 0;
      for (int i = j; i < n; i++) {
        gamma += e[i] * e[i - j];
      }
      longRun += 2 * (1 - j / (lags + 1.0)) * gamma;
    }
    longRun /= n;
    return longRun > 0 ? sumSquares / ((double) n * n * longRun) : 0;
  }

  /** φ from the unconstrained parameters (the first p). */
  static double[] ar(double[] x, int p) {
    return constrainStationary(Arrays.copyOfRange(x, 0, p));
  }

  /** θ from the unconstrained parameters (the q after the first p); invertible. */
  static double[] ma(double[] x, int p, int q) {
    double[] theta = constrainStationary(Arrays.copyOfRange(x, p, p + q));
    for (int i = 0; i < q; i++) {
      theta[i] = -theta[i];
    }
    return theta;
  }

  /**
   * statsmodels' {@code constrain_stationary_univariate}: partial autocorrelations r_k = x_k / √(1
   * + x_k²) in (−1, 1), then the Durbin–Levinson recursion; every x gives a stationary φ.
   */
  static double[] constrainStationary(double[] x) {
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
}
