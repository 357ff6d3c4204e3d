package io.delaywatch.anomaly;

import io.delaywatch.anomaly.DetectorSettings.OrderSearch;
import java.util.Arrays;

/**
 * The choice of an ARIMA order per series, over p ≤ {@value #MAX_P}, d ≤ {@value #MAX_D}, q ≤
 * {@value #MAX_Q}. Not API.
 *
 * <p>AIC and BIC: d is chosen first by the KPSS test of level stationarity at 5% ({@link Kpss}, as
 * auto.arima does: information criteria cannot compare a series with its differences), then (p, q)
 * by the criterion. Walk-forward: every (p, d, q) is fitted on the first two thirds of the days and
 * predicts the rest one step ahead with its parameters fixed; the order with the lowest mean
 * squared error is refitted on the whole series.
 */
final class ArimaOrderSearch {
  static final int MAX_P = 3;
  static final int MAX_D = 1;
  static final int MAX_Q = 2;

  /** The walk-forward search fits on this share of the year and scores the rest. */
  static final double TRAINING_SHARE = 2.0 / 3;

  private ArimaOrderSearch() {}

  /**
   * The model of {@code y} chosen by {@code search}.
   *
   * @param y the series, NaN where missing
   * @return the fit, or null when no order can be fitted
   */
  static ArimaFit search(double[] y, OrderSearch search) {
    if (search == OrderSearch.WALK_FORWARD) {
      return walkForward(y);
    }
    int d = Kpss.statistic(y) > Kpss.CRITICAL_5 ? 1 : 0;
    ArimaFit best = null;
    double bestCriterion = Double.POSITIVE_INFINITY;
    ArimaFit[][] fits = fitEveryOrder(y, d);
    for (int p = 0; p <= MAX_P; p++) {
      for (int q = 0; q <= MAX_Q; q++) {
        ArimaFit fit = fits[p][q];
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

  private static ArimaFit walkForward(double[] y) {
    int cut = (int) Math.round(y.length * TRAINING_SHARE);
    double[] training = Arrays.copyOf(y, cut);
    int bestP = -1;
    int bestD = 0;
    int bestQ = 0;
    double bestError = Double.POSITIVE_INFINITY;
    for (int d = 0; d <= MAX_D; d++) {
      ArimaFit[][] fits = fitEveryOrder(training, d);
      for (int p = 0; p <= MAX_P; p++) {
        for (int q = 0; q <= MAX_Q; q++) {
          ArimaFit fit = fits[p][q];
          if (fit == null) {
            continue;
          }
          double error = meanSquaredError(y, fit.filter(y, true), cut);
          if (error < bestError) {
            bestError = error;
            bestP = p;
            bestD = d;
            bestQ = q;
          }
        }
      }
    }
    return bestP < 0 ? search(y, OrderSearch.AIC) : ArimaFit.fit(y, bestP, bestD, bestQ);
  }

  /** The one-step-ahead errors' mean square from {@code from} on; +∞ when nothing is predicted. */
  private static double meanSquaredError(double[] y, ArimaFilter.Result predictions, int from) {
    double squares = 0;
    int count = 0;
    for (int i = from; i < y.length; i++) {
      if (!Double.isNaN(y[i]) && !Double.isNaN(predictions.variance()[i])) {
        double error = y[i] - predictions.predicted()[i];
        squares += error * error;
        count++;
      }
    }
    return count > 0 ? squares / count : Double.POSITIVE_INFINITY;
  }

  /**
   * Every (p, q) at differencing order d, by [p][q], null where an order cannot be fitted; each
   * search starts from the better fit of its nested orders, so the smaller orders go first.
   */
  private static ArimaFit[][] fitEveryOrder(double[] y, int d) {
    ArimaFit[][] fits = new ArimaFit[MAX_P + 1][MAX_Q + 1];
    for (int p = 0; p <= MAX_P; p++) {
      for (int q = 0; q <= MAX_Q; q++) {
        fits[p][q] = ArimaFit.fit(y, p, d, q, nested(fits, p, q));
      }
    }
    return fits;
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
}
