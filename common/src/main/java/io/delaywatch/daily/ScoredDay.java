package io.delaywatch.daily;

/**
 * A daily row with a detector's verdict (the scored dataset and the database table).
 *
 * @param day the daily figures
 * @param expectedDepDelay what the detector expected avg_dep_delay to be, minutes; null when it has
 *     no baseline
 * @param lowerBound lower end of the normal band, minutes; null when unbounded or unknown
 * @param upperBound upper end of the normal band, minutes; null when unknown
 * @param anomalyScore the detector's signed score (further from 0 = more unusual, negative = below
 *     expected); null when not scored
 * @param kind why the day is anomalous; null on an ordinary day ({@code is_anomaly} is {@code kind
 *     != null})
 * @param detector the detector's name
 */
public record ScoredDay(
    DailyAirportStats day,
    Double expectedDepDelay,
    Double lowerBound,
    Double upperBound,
    Double anomalyScore,
    AnomalyKind kind,
    String detector) {

  /** The flag: {@code is_anomaly}. */
  public boolean anomaly() {
    return kind != null;
  }
}
