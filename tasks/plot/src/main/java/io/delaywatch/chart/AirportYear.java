package io.delaywatch.chart;

import io.delaywatch.daily.ScoredDay;
import java.util.Comparator;
import java.util.List;

/**
 * The scored days of one airport in one year, sorted by date; days without a row (no scheduled
 * flight) are simply absent.
 *
 * @param airport the IATA code
 * @param year the year every day belongs to
 * @param days the scored days, at most one per date
 */
public record AirportYear(String airport, int year, List<ScoredDay> days) {
  public AirportYear {
    days = days.stream().sorted(Comparator.comparing(d -> d.day().flightDate())).toList();
  }

  /** The days flagged anomalous, by date. */
  public List<ScoredDay> anomalies() {
    return days.stream().filter(ScoredDay::anomaly).toList();
  }

  /** Scheduled departures over the year, cancelled included. */
  public long flights() {
    return days.stream().mapToLong(d -> d.day().flights()).sum();
  }

  public long cancelled() {
    return days.stream().mapToLong(d -> d.day().cancelled()).sum();
  }

  /**
   * The mean departure delay of the year in minutes, each day's mean weighted by its departed
   * flights; null when nothing departed all year.
   */
  public Double meanDepDelay() {
    double minutes = 0;
    long departed = 0;
    for (ScoredDay d : days) {
      if (d.day().avgDepDelay() != null && d.day().departed() > 0) {
        minutes += d.day().avgDepDelay() * d.day().departed();
        departed += d.day().departed();
      }
    }
    return departed == 0 ? null : minutes / departed;
  }
}
