package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.util.List;

/**
 * Were more of a day's flights late than usual? The corroboration a high average needs before it
 * is flagged, so that one flight five hours late cannot make a small airport's day anomalous.
 * Not API.
 *
 * <p>A day corroborates when its count of flights delayed 15+ min (delayed_15_share × departed)
 * is improbably high for X ~ Binomial(departed, p), p = the airport's share over the year: a
 * one-sided test at 5% (score ≥ {@value #MIN_SCORE}). A bad day at a big airport passes it by a
 * wide margin (all flights suffer together); a mean lifted by a single extreme delay does not. A
 * day without the share (it is null only when no flight has a delay) is not held back.
 */
final class LateShareCheck {
  /** The normal-equivalent of a one-sided 5% test: corroboration, not proof. */
  static final double MIN_SCORE = 1.645;

  private final double lateShare;

  private LateShareCheck(double lateShare) {
    this.lateShare = lateShare;
  }

  /** The check for one airport-year, from its pooled share of late flights. */
  static LateShareCheck of(List<DailyAirportStats> series) {
    double late = 0;
    long departed = 0;
    for (DailyAirportStats day : series) {
      if (day.delayed15Share() != null) {
        late += day.delayed15Share() * day.departed();
        departed += day.departed();
      }
    }
    return new LateShareCheck(departed == 0 ? 0 : late / departed);
  }

  /** Whether {@code day}'s share of late flights backs a high average delay. */
  boolean corroborates(DailyAirportStats day) {
    if (day.delayed15Share() == null) {
      return true;
    }
    int late = (int) Math.round(day.delayed15Share() * day.departed());
    return Binomial.score(day.departed(), late, lateShare) >= MIN_SCORE;
  }
}
