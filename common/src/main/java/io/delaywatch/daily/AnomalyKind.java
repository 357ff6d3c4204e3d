package io.delaywatch.daily;

import java.util.Locale;

/**
 * Why a day was flagged: the {@code anomaly_kind} of the scored set and the table. Each kind is
 * counted separately in detect's manifest.
 */
public enum AnomalyKind {
  /** The average departure delay was unusually high. */
  HIGH_DELAY,
  /** The average departure delay was unusually low (two-sided detection only). */
  LOW_DELAY,
  /**
   * Far more of the day's schedule was cancelled than the airport's own cancellation rate allows: a
   * cancellation wave, up to a closure with every flight cancelled.
   */
  CANCELLATIONS,
  /**
   * Far fewer flights were scheduled than usual for that weekday and season: the schedule
   * collapsed.
   */
  COLLAPSE;

  /** The manifest's count name, e.g. {@code anomalies_high_delay}. */
  public String countName() {
    return "anomalies_" + name().toLowerCase(Locale.ROOT);
  }
}
