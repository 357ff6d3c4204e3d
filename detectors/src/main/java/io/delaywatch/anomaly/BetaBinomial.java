package io.delaywatch.anomaly;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * Tails of a count of flights whose share varies from day to day: X ~ BetaBinomial(n, p, rho), each
 * day drawing its own share around p with intra-day correlation rho, then each flight with that
 * day's share. Binomial below a rho of 1e-9. Not API.
 */
final class BetaBinomial {
  private static final double BINOMIAL_BELOW_RHO = 1e-9;

  private BetaBinomial() {}

  /**
   * {P(X > k), P(X = k)}.
   *
   * @param share p, in (0, 1)
   * @param rho in [0, 1)
   */
  static double[] tail(int n, int k, double share, double rho) {
    if (rho < BINOMIAL_BELOW_RHO) {
      double above = k >= n ? 0 : Beta.regularizedBeta(share, k + 1.0, n - k);
      double at = Math.exp(logBinomial(n, k) + k * Math.log(share) + (n - k) * Math.log1p(-share));
      return new double[] {above, at};
    }
    double a = share * (1 / rho - 1);
    double b = (1 - share) * (1 / rho - 1);
    double at = Math.exp(logBinomial(n, k) + Beta.logBeta(k + a, n - k + b) - Beta.logBeta(a, b));
    double above = 0;
    double term = at;
    for (int j = k; j < n; j++) {
      // pmf(j + 1) / pmf(j) = (n − j)/(j + 1) · (j + a)/(n − j − 1 + b)
      term *= (double) (n - j) / (j + 1) * (j + a) / (n - j - 1 + b);
      above += term;
      if (term < above * 1e-17) {
        break;
      }
    }
    return new double[] {Math.min(1, above), at};
  }

  /**
   * The overdispersion rho that makes the spread of daily shares around their expected shares
   * robustly match the beta-binomial's: the between-day spread b fitted as {@link
   * DayNoise#fitBetween}, then rho = b² / (p(1 − p)) at the typical share p, at most 0.99.
   *
   * @param absolute |share − expected| per day
   * @param within each day's binomial variance expected(1 − expected) / n
   */
  static double fitRho(double[] absolute, double[] within, double typical, double quantile) {
    if (absolute.length == 0) {
      return 0;
    }
    double between = DayNoise.fitBetween(absolute, within, 0, quantile);
    return Math.min(0.99, between * between / (typical * (1 - typical)));
  }

  private static double logBinomial(int n, int k) {
    return Gamma.logGamma(n + 1.0) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1.0);
  }
}
