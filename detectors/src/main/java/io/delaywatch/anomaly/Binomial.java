package io.delaywatch.anomaly;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;

/**
 * How surprising a count of flights is (cancelled, delayed) given a usual rate, on the scale of a
 * standard normal score so that it compares with the delay score. Not API.
 */
final class Binomial {
  /** Below this tail probability commons-math's erfInv loses precision; use the asymptote. */
  private static final double ASYMPTOTIC_BELOW = 1e-10;

  private Binomial() {}

  /** The normal-equivalent score of P(X ≥ k) for X ~ Binomial(n, p). */
  static double score(int n, int k, double p) {
    return normalScore(upperTail(n, k, p));
  }

  /** P(X ≥ k) for X ~ Binomial(n, p): the regularised incomplete beta I_p(k, n−k+1). */
  static double upperTail(int n, int k, double p) {
    if (k <= 0) {
      return 1;
    }
    if (k > n) {
      return 0;
    }
    return Beta.regularizedBeta(p, k, n - k + 1.0);
  }

  /** z such that P(Z ≥ z) = {@code upperTail} for a standard normal Z. */
  static double normalScore(double upperTail) {
    // A tail that underflows to 0 would be an infinite score; the floor caps it near 37.5.
    double p = Math.max(upperTail, Double.MIN_NORMAL);
    if (p >= ASYMPTOTIC_BELOW) {
      return -Math.sqrt(2) * Erf.erfInv(2 * p - 1);
    }
    // Mills ratio: ln p = −z²/2 − ln z − ln √(2π) + ln(1 − 1/z²), solved by fixed-point iteration.
    double t = -2 * Math.log(p) - Math.log(2 * Math.PI);
    double z = Math.sqrt(t);
    for (int i = 0; i < 6; i++) {
      z = Math.sqrt(t - 2 * Math.log(z) + 2 * Math.log(1 - 1 / (z * z)));
    }
    return z;
  }
}
