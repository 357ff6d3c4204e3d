package io.delaywatch.api;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * The probability that a departure leaves 15+ minutes late, from an airport's history for the same
 * month and weekday, shrunk toward the airport's overall rate (docs/api.md, "Delay risk").
 *
 * <p>Each history day counts as one Bernoulli trial whose success is its share of delayed flights;
 * the cell's rate {@code r = k / n} weighs days by their departed flights. With a Beta prior of
 * {@link #PRIOR_DAYS} days centred on the airport's rate {@code p0}, the posterior is {@code
 * Beta(a, b)}, {@code a = PRIOR_DAYS * p0 + d * r}, {@code b = PRIOR_DAYS * (1 - p0) + d * (1 -
 * r)}, and the estimate is its mean {@code (PRIOR_DAYS * p0 + d * r) / (PRIOR_DAYS + d)}. Days, not
 * flights, are the trials: the flights of one day share its weather and its hub's knock-on delays,
 * so counting each flight would give intervals far narrower than the year-to-year spread.
 * Thread-safe.
 */
final class RiskEstimator {
  /**
   * Weight of the airport's overall rate, in days: a cell with that many days is shrunk halfway.
   */
  static final double PRIOR_DAYS = 10;

  /** Two-sided coverage of the interval. */
  static final double LEVEL = 0.90;

  // BetaDistribution needs both shapes positive; a rate of exactly 0 or 1 gives a shape of 0.
  private static final double MIN_SHAPE = 1e-6;

  /**
   * Counts of a set of days: how many, their departed flights and their delayed flights (each day's
   * {@code delayed_15_share * departed}, so not necessarily whole).
   */
  record Counts(long days, double departed, double delayed) {
    /** The flight-weighted delayed share, or NaN without flights. */
    double rate() {
      return departed > 0 ? delayed / departed : Double.NaN;
    }
  }

  /** The estimate with its interval; {@code cellRate} is NaN when the cell has no days. */
  record Estimate(
      double probability, double low, double high, double cellRate, double overallRate) {}

  /**
   * @param cell the history days of the same month and weekday
   * @param overall all history days of the airport (a superset of {@code cell}); must have flights
   * @throws IllegalArgumentException when {@code overall} has no departed flights
   */
  Estimate estimate(Counts cell, Counts overall) {
    if (!(overall.departed() > 0)) {
      throw new IllegalArgumentException("the airport's history has no departed flights");
    }
    double p0 = overall.rate();
    double d = cell.departed() > 0 ? cell.days() : 0;
    double r = d > 0 ? cell.rate() : 0;
    double a = PRIOR_DAYS * p0 + d * r;
    double b = PRIOR_DAYS * (1 - p0) + d * (1 - r);
    double mean = a / (a + b);
    // No random generator: only quantiles are needed, and seeding one per request costs more than
    // them.
    BetaDistribution posterior =
        new BetaDistribution(
            null,
            Math.max(a, MIN_SHAPE),
            Math.max(b, MIN_SHAPE),
            BetaDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
    double tail = (1 - LEVEL) / 2;
    return new Estimate(
        mean,
        posterior.inverseCumulativeProbability(tail),
        posterior.inverseCumulativeProbability(1 - tail),
        d > 0 ? r : Double.NaN,
        p0);
  }
}
