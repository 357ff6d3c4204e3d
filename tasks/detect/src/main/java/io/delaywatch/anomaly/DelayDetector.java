package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.util.List;
import java.util.Map;

/**
 * Judges one airport's year, day by day. Implementations are registered by name in {@link
 * DetectorRegistry}; they are immutable, thread-safe and deterministic (a randomised detector
 * draws from {@link DetectorSettings#seed()}), so the same series always gets the same verdicts.
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
   *     flight have no row: they are gaps, never zeros. {@code avgDepDelay} is null on a day
   *     whose flights were all cancelled.
   * @return one verdict per row of {@code series}, in the same order
   */
  List<Verdict> score(List<DailyAirportStats> series);
}
