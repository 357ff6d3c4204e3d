package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges one airport's year, day by day. Implementations are registered by name in {@link
 * DetectorRegistry}; they are immutable, thread-safe and deterministic (a randomised detector draws
 * from {@link DetectorSettings#seed()}), so the same series always gets the same verdicts.
 */
public interface DelayDetector {

  /** The name the {@code --detector} option and the {@code detector} column use. */
  String name();

  /** The detector's parameters, in a fixed order, for the manifest (numbers, booleans, text). */
  Map<String, Object> parameters();

  /**
   * Scores one airport's series.
   *
   * @param series the airport's days, sorted by date, one row per date. Days without a scheduled
   *     flight have no row: they are gaps, never zeros. {@code avgDepDelay} is null on a day whose
   *     flights were all cancelled.
   * @return one verdict per row of {@code series}, in the same order
   */
  List<Verdict> score(List<DailyAirportStats> series);

  /**
   * Scores every airport of a year. The default scores each airport on its own with {@link #score};
   * a detector whose threshold spans airports (the reference projects' single RCF threshold)
   * overrides it.
   *
   * @param airports each airport's series, as {@link #score} takes it
   * @return each airport's verdicts, in the same order
   */
  default List<List<Verdict>> scoreAirports(List<List<DailyAirportStats>> airports) {
    List<List<Verdict>> verdicts = new ArrayList<>(airports.size());
    for (List<DailyAirportStats> series : airports) {
      verdicts.add(score(series));
    }
    return verdicts;
  }
}
