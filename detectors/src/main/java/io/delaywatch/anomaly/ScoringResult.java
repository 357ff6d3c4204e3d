package io.delaywatch.anomaly;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.ScoredDay;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A scored year and its counts.
 *
 * @param rows every daily row with its verdict, sorted by airport then date
 * @param airports the number of distinct airports
 * @param scored rows that received a score (the rest had no delay or too little history)
 * @param anomaliesByKind flagged rows per kind, every kind present, in declaration order
 */
public record ScoringResult(
    List<ScoredDay> rows, int airports, long scored, Map<AnomalyKind, Long> anomaliesByKind) {

  public ScoringResult {
    rows = List.copyOf(rows);
    anomaliesByKind = Collections.unmodifiableMap(new EnumMap<>(anomaliesByKind));
  }

  /** All flagged rows, whatever their kind. */
  public long anomalies() {
    return anomaliesByKind.values().stream().mapToLong(Long::longValue).sum();
  }
}
