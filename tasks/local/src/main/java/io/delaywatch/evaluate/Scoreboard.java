package io.delaywatch.evaluate;

import io.delaywatch.daily.ScoredDay;
import io.delaywatch.sample.LabelKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One detector's results over the evaluated years. Every labelled anomalous airport-day (spike,
 * storm, hub event, closure, ...) is a positive, each day of a multi-day storm counted on its own;
 * a day of a kind that is not {@link LabelKind#scored() scored} (a hub event's spillover at a small
 * field) is neither, though its flags count as alarms and its flagged share is kept; every other
 * airport-day with flights is a negative, drift and holiday days included. Not API; not
 * thread-safe.
 */
final class Scoreboard {
  private final String detector;
  private Counts overall = Counts.NONE;
  private final Map<SizeBand, Counts> byBand = new EnumMap<>(SizeBand.class);
  // Per kind (null = ordinary day): {labelled days, flagged days}.
  private final Map<LabelKind, long[]> byKind = new HashMap<>();
  private long airportYears;
  private long alarms;
  private long nanos;

  Scoreboard(String detector) {
    this.detector = detector;
    for (SizeBand band : SizeBand.values()) {
      byBand.put(band, Counts.NONE);
    }
  }

  /**
   * Adds one scored year.
   *
   * @param rows the detector's rows, sorted by airport then date
   * @param nanos how long the detector took
   */
  void add(LabelledYear year, List<ScoredDay> rows, long nanos) {
    this.nanos += nanos;
    int start = 0;
    while (start < rows.size()) {
      String airport = rows.get(start).day().airport();
      int end = start;
      long flights = 0;
      while (end < rows.size() && rows.get(end).day().airport().equals(airport)) {
        flights += rows.get(end).day().flights();
        end++;
      }
      SizeBand band = SizeBand.of((double) flights / (end - start));
      airportYears++;
      for (ScoredDay row : rows.subList(start, end)) {
        LabelKind kind = year.label(row.day());
        if (kind == null || kind.scored()) {
          boolean positive = kind != null && kind.anomalous();
          Counts day =
              new Counts(
                  positive && row.anomaly() ? 1 : 0,
                  !positive && row.anomaly() ? 1 : 0,
                  positive && !row.anomaly() ? 1 : 0);
          overall = overall.plus(day);
          byBand.merge(band, day, Counts::plus);
        }
        long[] tally = byKind.computeIfAbsent(kind, k -> new long[2]);
        tally[0]++;
        tally[1] += row.anomaly() ? 1 : 0;
        alarms += row.anomaly() ? 1 : 0;
      }
      start = end;
    }
  }

  String detector() {
    return detector;
  }

  Counts overall() {
    return overall;
  }

  Counts band(SizeBand band) {
    return byBand.get(band);
  }

  /** Days of {@code kind} (null: ordinary days) in the evaluated years. */
  long labelled(LabelKind kind) {
    long[] tally = byKind.get(kind);
    return tally == null ? 0 : tally[0];
  }

  /**
   * The share of the days of {@code kind} (null: ordinary days) that were flagged: the recall of an
   * anomalous kind, the false-alarm rate of the others; NaN when there were none.
   */
  double flaggedShare(LabelKind kind) {
    long[] tally = byKind.get(kind);
    return tally == null || tally[0] == 0 ? Double.NaN : (double) tally[1] / tally[0];
  }

  /** Flagged days per airport and year. */
  double alarmsPerAirportYear() {
    return airportYears == 0 ? Double.NaN : (double) alarms / airportYears;
  }

  /** Flagged days that were not anomalous, per airport and year. */
  double falseAlarmsPerAirportYear() {
    return airportYears == 0 ? Double.NaN : (double) overall.falsePositives() / airportYears;
  }

  long airportYears() {
    return airportYears;
  }

  /** Time spent in the detector, seconds. */
  double seconds() {
    return nanos / 1e9;
  }
}
