package io.delaywatch.anomaly;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredDay;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a year of daily rows with one detector: splits them by airport, hands each airport's
 * series to the detector in date order, and returns the scored rows sorted by airport and date
 * whatever the input order, so that the same input always gives the same output. Thread-safe.
 */
public final class AnomalyScorer {
  private final DelayDetector detector;

  public AnomalyScorer(DelayDetector detector) {
    this.detector = detector;
  }

  /**
   * Scores {@code days}.
   *
   * @throws IllegalArgumentException if two rows share an airport and a date
   */
  public ScoringResult score(Collection<DailyAirportStats> days) {
    // TreeMap, not HashMap: the airports' order must not depend on hashing.
    Map<String, List<DailyAirportStats>> byAirport = new TreeMap<>();
    for (DailyAirportStats day : days) {
      byAirport.computeIfAbsent(day.airport(), airport -> new ArrayList<>()).add(day);
    }
    List<ScoredDay> rows = new ArrayList<>(days.size());
    Map<AnomalyKind, Long> anomalies = new EnumMap<>(AnomalyKind.class);
    for (AnomalyKind kind : AnomalyKind.values()) {
      anomalies.put(kind, 0L);
    }
    List<List<DailyAirportStats>> airports = new ArrayList<>(byAirport.size());
    for (List<DailyAirportStats> series : byAirport.values()) {
      series.sort(Comparator.comparing(DailyAirportStats::flightDate));
      for (int i = 1; i < series.size(); i++) {
        if (series.get(i).flightDate().equals(series.get(i - 1).flightDate())) {
          throw new IllegalArgumentException(
              "two rows for airport "
                  + series.get(i).airport()
                  + " on "
                  + series.get(i).flightDate());
        }
      }
      airports.add(List.copyOf(series));
    }
    List<List<Verdict>> scoredAirports = detector.scoreAirports(airports);
    if (scoredAirports.size() != airports.size()) {
      throw new IllegalStateException(
          detector.name()
              + " returned verdicts for "
              + scoredAirports.size()
              + " of "
              + airports.size()
              + " airports");
    }
    long scored = 0;
    for (int a = 0; a < airports.size(); a++) {
      List<DailyAirportStats> series = airports.get(a);
      List<Verdict> verdicts = scoredAirports.get(a);
      if (verdicts.size() != series.size()) {
        throw new IllegalStateException(
            detector.name()
                + " returned "
                + verdicts.size()
                + " verdicts for "
                + series.size()
                + " days");
      }
      for (int i = 0; i < series.size(); i++) {
        Verdict v = verdicts.get(i);
        rows.add(
            new ScoredDay(
                series.get(i),
                v.expected(),
                v.lower(),
                v.upper(),
                v.score(),
                v.kind(),
                detector.name()));
        if (v.score() != null) {
          scored++;
        }
        if (v.anomaly()) {
          anomalies.merge(v.kind(), 1L, Long::sum);
        }
      }
    }
    return new ScoringResult(rows, byAirport.size(), scored, anomalies);
  }
}
