package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Did a day's schedule collapse: far fewer flights than that weekday usually has in that season?
 * Catches closures in data that omits cancelled flights, and pre-cancelled schedules. Not API.
 *
 * <p>The usual count u_t is the lower of two medians of the scheduled flights f_s of the ordinary
 * days s on t's weekday: the four weeks before t and the four weeks after (holidays left out). A
 * storm's collapse is far below both; a schedule that changed for the season (a ski airport's
 * service ending in April) is the usual one on its own side, so its new level is not a collapse
 * every day. Where a side has fewer than {@value #MIN_SIDE} such days (the data's first and last
 * weeks), u_t is the median of both sides, widened to ±{@value #WIDE_WINDOW_DAYS} days when fewer
 * than {@value #MIN_NEIGHBOURS} days exist. A day of the data's span (all airports) without a row
 * of this airport had no flight: it counts as 0. On a holiday (see {@link TravelHolidays}) the
 * usual count is u_t·{@value #HOLIDAY_FACTOR}: airlines plan thinner holiday schedules
 * (Thanksgiving and Christmas Day fly 20-40% fewer flights), so a holiday is judged against the
 * deepest ordinary holiday dip, not against a working day.
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

  /** Days a side needs for the two-sided usual count. */
  static final int MIN_SIDE = 2;

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
   * @param ordinary whether each row is an ordinary day (not a holiday)
   * @param dataFirst the first day, as an epoch day, of the data the series is part of (all
   *     airports): a day of that span without a row of this airport had no flight
   * @param dataLast the last day of that span
   */
  static ScheduleCollapse of(
      List<DailyAirportStats> series, boolean[] ordinary, long dataFirst, long dataLast) {
    int n = series.size();
    Calendar calendar = new Calendar(series, dataFirst, dataLast);
    double[] usual = new double[n];
    double[] scratch = new double[2 * WIDE_WINDOW_DAYS / 7 + 2];
    for (int i = 0; i < n; i++) {
      double median = calendar.usualCount(series.get(i).flightDate().toEpochDay(), scratch);
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

  /**
   * The flights of every day of the data's span, zero on the days without a row: an airport whose
   * service ends for the season in April has no flights in May, not an unknown number.
   */
  private static final class Calendar {
    private final long first;
    private final int[] flights;
    private final boolean[] holiday;

    Calendar(List<DailyAirportStats> series, long dataFirst, long dataLast) {
      long from = Math.min(dataFirst, series.get(0).flightDate().toEpochDay());
      long to = Math.max(dataLast, series.get(series.size() - 1).flightDate().toEpochDay());
      first = from;
      flights = new int[(int) (to - from + 1)];
      holiday = new boolean[flights.length];
      for (DailyAirportStats day : series) {
        flights[(int) (day.flightDate().toEpochDay() - from)] = day.flights();
      }
      for (int d = 0; d < flights.length; d++) {
        holiday[d] = TravelHolidays.contains(LocalDate.ofEpochDay(from + d));
      }
    }

    /**
     * The usual count of day {@code t}: the lower of the medians of the same weekday in the four
     * weeks before and in the four weeks after (a schedule that changed for the season, or service
     * that ended or began, is the usual one on its own side; a storm's collapse is below both), or
     * the median of both sides where one has fewer than {@value #MIN_SIDE} days (the data's first
     * and last weeks), widened to ±{@value #WIDE_WINDOW_DAYS} days below {@value #MIN_NEIGHBOURS};
     * holidays never count. NaN without enough days.
     */
    double usualCount(long t, double[] scratch) {
      int before = sameWeekday(t, -HALF_WINDOW_DAYS, -7, scratch);
      double early = before >= MIN_SIDE ? Medians.ofFirst(scratch, before) : Double.NaN;
      int after = sameWeekday(t, 7, HALF_WINDOW_DAYS, scratch);
      if (before >= MIN_SIDE && after >= MIN_SIDE) {
        return Math.min(early, Medians.ofFirst(scratch, after));
      }
      int count = sameWeekday(t, -HALF_WINDOW_DAYS, HALF_WINDOW_DAYS, scratch);
      if (count < MIN_NEIGHBOURS) {
        count = sameWeekday(t, -WIDE_WINDOW_DAYS, WIDE_WINDOW_DAYS, scratch);
      }
      return count < MIN_NEIGHBOURS ? Double.NaN : Medians.ofFirst(scratch, count);
    }

    /**
     * Writes the flights of the ordinary days on t's weekday {@code from} to {@code to} days away
     * (multiples of 7; t itself left out) to the start of {@code out}; returns how many.
     */
    private int sameWeekday(long t, int from, int to, double[] out) {
      int count = 0;
      for (int distance = from; distance <= to; distance += 7) {
        long d = t + distance - first;
        if (distance != 0 && d >= 0 && d < flights.length && !holiday[(int) d]) {
          out[count++] = flights[(int) d];
        }
      }
      return count;
    }
  }
}
