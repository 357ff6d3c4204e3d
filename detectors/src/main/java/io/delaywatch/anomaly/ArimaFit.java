package io.delaywatch.anomaly;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * An ARIMA(p, d, q) fitted by exact maximum likelihood ({@link ArimaFilter}); {@link
 * ArimaOrderSearch} chooses the order. Not API.
 *
 * <p>The parameters are searched unconstrained and mapped onto the stationary (AR) and invertible
 * (MA) region ({@link StationarityTransform}), so every point the optimiser tries is a valid model;
 * the optimiser is Nelder–Mead, restarted once from its answer, from φ = θ = 0. μ and σ² are
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
              ArimaFilter.Result result =
                  filter.run(
                      y,
                      StationarityTransform.ar(x, p),
                      StationarityTransform.ma(x, p, q),
                      Double.NaN,
                      false);
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
    double[] regression = p >= 2 ? HannanRissanen.startingValues(y, p, d, q) : null;
    for (double[] start : new double[][] {warm, regression}) {
      best = better(best, minimise(optimizer, objective, start, 0.5));
    }
    if (best != null) {
      best = better(best, minimise(optimizer, objective, best.getPoint(), 0.1));
    }
    return fitted(filter, y, p, d, q, best == null ? warm : best.getPoint());
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
    double[] ar = StationarityTransform.ar(x, p);
    double[] ma = StationarityTransform.ma(x, p, q);
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

  /** The unconstrained parameters of φ and θ, where a search from this fit starts. */
  double[] unconstrained() {
    return StationarityTransform.unconstrained(ar, ma);
  }
}
