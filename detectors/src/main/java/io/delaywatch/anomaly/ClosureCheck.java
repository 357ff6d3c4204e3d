package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.util.List;

/**
 * Is a day a closure: was a large share of its schedule cancelled, more than the airport's usual
 * cancellation rate can explain? Not API.
 *
 * <p>Only cancellations count, never a thinner schedule: holidays (Thanksgiving, Christmas) fly
 * fewer flights without cancelling them and are not closures. A day qualifies when at least {@value
 * #MIN_CANCELLED_SHARE} of its flights were cancelled; its score is the normal-equivalent of the
 * binomial tail P(X ≥ cancelled) for X ~ Binomial(flights, p0), where p0 is the airport's
 * cancellation rate over the year (at least {@value #MIN_CANCEL_RATE}). The score puts closures on
 * the delay score's scale and keeps small airports quiet: one cancelled flight out of two is half
 * the schedule but no evidence of a closure.
 */
final class ClosureCheck {
  /** The share of a day's flights that must be cancelled before it can be a closure. */
  static final double MIN_CANCELLED_SHARE = 0.3;

  /** Floor of p0: an airport that cancelled nothing all year is not infinitely reliable. */
  static final double MIN_CANCEL_RATE = 0.01;

  private final double cancelRate;

  private ClosureCheck(double cancelRate) {
    this.cancelRate = cancelRate;
  }

  /** The check for one airport-year, from its pooled cancellation rate. */
  static ClosureCheck of(List<DailyAirportStats> series) {
    long flights = 0;
    long cancelled = 0;
    for (DailyAirportStats day : series) {
      flights += day.flights();
      cancelled += day.cancelled();
    }
    double rate = flights == 0 ? 0 : (double) cancelled / flights;
    return new ClosureCheck(Math.max(MIN_CANCEL_RATE, rate));
  }

  /** The closure score of {@code day}, or NaN when too little of its schedule was cancelled. */
  double score(DailyAirportStats day) {
    int flights = day.flights();
    int cancelled = Math.min(day.cancelled(), flights);
    if (flights <= 0 || cancelled < MIN_CANCELLED_SHARE * flights) {
      return Double.NaN;
    }
    return Binomial.score(flights, cancelled, cancelRate);
  }
}
