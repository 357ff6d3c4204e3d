package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.util.Arrays;
import java.util.List;

/**
 * Did a day's schedule collapse: far fewer flights than that weekday usually has in that season?
 * Catches closures in data that omits cancelled flights, and pre-cancelled schedules. Not API.
 *
 * <p>The usual count u_t is the median of the scheduled flights f_s of the ordinary days s on t's
 * weekday within ±{@value #HALF_WINDOW_DAYS} days (four before, four after; t and holidays left
 * out), widened to ±{@value #WIDE_WINDOW_DAYS} days when fewer than {@value #MIN_NEIGHBOURS} such
 * days exist. On a holiday (see {@link TravelHolidays}) the usual count is u_t·{@value
 * #HOLIDAY_FACTOR}: airlines plan thinner holiday schedules (Thanksgiving and Christmas Day fly
 * 20-40% fewer flights), so a holiday is judged against the deepest ordinary holiday dip, not
 * against a working day.
 *
 * <p>The score is −ln(f_t / u_t) / sqrt(s² + 1/u_t): 1/u_t is the Poisson variance of a count on
 * the log scale, s the airport's own day-to-day spread of ln(f/u), fitted robustly on its ordinary
 * days (as {@link DayNoise}'s b) and at least {@value #MIN_LOG_SD}. A day also needs an effect a
 * person would call a collapse: at most {@value #MAX_RATIO} of its usual count.
 */
final class ScheduleCollapse {
  /** Same-weekday neighbours within this many days: four weeks either side. */
  static final int HALF_WINDOW_DAYS = 28;

  static final int WIDE_WINDOW_DAYS = 56;
  static final int MIN_NEIGHBOURS = 3;

  /** The usual count of a holiday, relative to an ordinary day of its weekday and season. */
  static final double HOLIDAY_FACTOR = 0.6;

  /** A collapse schedules at most this share of the usual count. */
  static final double MAX_RATIO = 0.6;

  /** Floor of the spread of ln(f/u): a schedule fixed to the flight is not exact. */
  static final double MIN_LOG_SD = 0.05;

  private final double[] usual;
  private final double spread;

  private ScheduleCollapse(double[] usual, double spread) {
    this.usual = usual;
    this.spread = spread;
  }

  /**
   * Fits one airport-year.
   *
   * @param ordinary whether each day may shape the usual counts (not a holiday)
   */
  static ScheduleCollapse of(List<DailyAirportStats> series, boolean[] ordinary) {
    int n = series.size();
    int[] epochDays = new int[n];
    for (int i = 0; i < n; i++) {
      epochDays[i] = (int) series.get(i).flightDate().toEpochDay();
    }
    double[] usual = new double[n];
    double[] neighbours = new double[n];
    for (int i = 0; i < n; i++) {
      int count = sameWeekday(series, epochDays, ordinary, i, HALF_WINDOW_DAYS, neighbours);
      if (count < MIN_NEIGHBOURS) {
        count = sameWeekday(series, epochDays, ordinary, i, WIDE_WINDOW_DAYS, neighbours);
      }
      double median = count < MIN_NEIGHBOURS ? Double.NaN : Medians.ofFirst(neighbours, count);
      usual[i] = ordinary[i] ? median : median * HOLIDAY_FACTOR;
    }
    double[] absolute = new double[n];
    double[] within = new double[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      int flights = series.get(i).flights();
      if (ordinary[i] && flights > 0 && usual[i] > 0) {
        absolute[count] = Math.abs(Math.log(flights / usual[i]));
        within[count] = 1 / usual[i];
        count++;
      }
    }
    double spread =
        count == 0
            ? MIN_LOG_SD
            : DayNoise.fitBetween(
                Arrays.copyOf(absolute, count), Arrays.copyOf(within, count), MIN_LOG_SD);
    return new ScheduleCollapse(usual, spread);
  }

  /** The collapse score of row {@code i}, or NaN when its schedule is not far below usual. */
  double score(int i, DailyAirportStats day) {
    double u = usual[i];
    if (!(u > 0) || day.flights() > MAX_RATIO * u) {
      return Double.NaN;
    }
    // Zero flights cannot have a row; half a flight keeps the logarithm finite all the same.
    double ratio = Math.max(0.5, day.flights()) / u;
    return -Math.log(ratio) / Math.sqrt(spread * spread + 1 / u);
  }

  private static int sameWeekday(
      List<DailyAirportStats> series,
      int[] epochDays,
      boolean[] ordinary,
      int i,
      int halfWindow,
      double[] out) {
    int count = 0;
    for (int j = 0; j < series.size(); j++) {
      int distance = epochDays[j] - epochDays[i];
      if (j != i
          && ordinary[j]
          && Math.abs(distance) <= halfWindow
          && Math.floorMod(distance, 7) == 0) {
        out[count++] = series.get(j).flights();
      }
    }
    return count;
  }
}
