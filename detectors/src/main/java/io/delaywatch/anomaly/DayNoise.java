package io.delaywatch.anomaly;

/**
 * How far a day's average delay strays from its expected value by chance, given how many flights it
 * averages: sigma_t = sqrt(between² + flightSd² / n_t). Not API.
 *
 * <p>{@code between} is the day-to-day spread of the airport's true mean (weather, traffic); {@code
 * flightSd² / n_t} is the sampling noise of a mean of n_t individual delays. flightSd is fixed (see
 * {@link #FLIGHT_SD}), because one airport-year rarely varies its volume enough to separate the two
 * terms. {@code between} is fitted robustly: the value at which the median of |residual_t| /
 * sigma_t equals the median of |Z| for a standard normal Z (0.6745), so that sigma_t is a per-day,
 * volume-aware version of 1.4826·MAD without counting the sampling noise twice.
 */
final class DayNoise {
  /**
   * Standard deviation of one flight's DEP_DELAY, minutes. Over the 2009–2018 BTS on-time data it
   * is 35–40 min (mean ≈ 10, long right tail); 40 leans conservative, so the handful of flights of
   * a small airport needs a large excess before it is flagged.
   */
  static final double FLIGHT_SD = 40.0;

  /**
   * Floor of {@code between}, minutes: a series so regular that it fits a zero spread (synthetic or
   * constant data) would otherwise flag sub-minute deviations of a big airport.
   */
  static final double MIN_BETWEEN_SD = 1.0;

  private static final int BISECTION_STEPS = 60;

  private final double between;

  private DayNoise(double between) {
    this.between = between;
  }

  /**
   * Fits {@code between} to residuals.
   *
   * @param residuals observed − expected, one per day with a value (no NaN); at least one
   * @param flights the number of flights each residual's mean rests on (≥ 1)
   */
  static DayNoise fit(double[] residuals, int[] flights) {
    double[] absolute = new double[residuals.length];
    double[] withinVariance = new double[residuals.length];
    for (int i = 0; i < residuals.length; i++) {
      absolute[i] = Math.abs(residuals[i]);
      withinVariance[i] = FLIGHT_SD * FLIGHT_SD / Math.max(1, flights[i]);
    }
    return new DayNoise(fitBetween(absolute, withinVariance, MIN_BETWEEN_SD));
  }

  /**
   * The between-day spread b at which the median of |r_t| / sqrt(b² + within_t) is that of a
   * standard normal, at least {@code floor}: the robust fit shared by the delay and the late-count
   * noise.
   *
   * @param absolute |residual| per day; at least one
   * @param withinVariance each day's sampling variance
   */
  static double fitBetween(double[] absolute, double[] withinVariance, double floor) {
    return fitBetween(absolute, withinVariance, floor, 0.5);
  }

  /**
   * As {@link #fitBetween(double[], double[], double)}, matched at the {@code quantile} of |r_t| /
   * sqrt(b² + within_t) instead of the median: the value at which that quantile is the standard
   * normal's, Φ⁻¹((1 + quantile) / 2). A spread with a heavy tail fits a larger b at a high
   * quantile than at the median; a normal one fits the same b at both.
   *
   * @param quantile in (0, 1)
   */
  static double fitBetween(
      double[] absolute, double[] withinVariance, double floor, double quantile) {
    double target = Binomial.normalScore((1 - quantile) / 2);
    double lo = 0;
    if (quantileScaled(absolute, withinVariance, lo, quantile) <= target) {
      // Sampling noise alone explains the spread (typical of small airports).
      return floor;
    }
    // quantileScaled(s) <= quantile(|r|) / s, so the root lies below this bound.
    double hi = Medians.quantile(absolute, quantile) / target;
    for (int step = 0; step < BISECTION_STEPS; step++) {
      double mid = (lo + hi) / 2;
      if (quantileScaled(absolute, withinVariance, mid, quantile) > target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return Math.max(floor, hi);
  }

  /** The fitted day-to-day spread, minutes. */
  double between() {
    return between;
  }

  /** sigma_t of a day whose mean rests on {@code flights} flights. */
  double sigma(int flights) {
    return Math.sqrt(between * between + FLIGHT_SD * FLIGHT_SD / Math.max(1, flights));
  }

  // Non-increasing in between: each term is, hence any quantile of them is.
  private static double quantileScaled(
      double[] absolute, double[] withinVariance, double between, double quantile) {
    double[] scaled = new double[absolute.length];
    for (int i = 0; i < absolute.length; i++) {
      scaled[i] = absolute[i] / Math.sqrt(between * between + withinVariance[i]);
    }
    return Medians.quantile(scaled, quantile);
  }
}
