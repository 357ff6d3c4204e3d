package io.delaywatch.anomaly;

import java.util.Locale;

/** Why a day was flagged; each kind is counted separately in the manifest. */
public enum AnomalyKind {
  /** The average departure delay was unusually high. */
  HIGH_DELAY,
  /** The average departure delay was unusually low (two-sided detection only). */
  LOW_DELAY,
  /** Most of the day's schedule was cancelled: a closure, whatever the delay of the rest. */
  CLOSURE;

  /** The manifest's count name, e.g. {@code anomalies_high_delay}. */
  public String countName() {
    return "anomalies_" + name().toLowerCase(Locale.ROOT);
  }
}
