package io.delaywatch.sample;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * The days of one year and what the calendar does to traffic: the weekly and seasonal cycles of
 * volume, delay and cancellations, the holidays with thinner schedules, daylight saving time. Not
 * API.
 */
final class YearCalendar {
  // Monday..Sunday. Saturday is the light day of the week (about 15% fewer flights); Thursday,
  // Friday and Sunday carry the peaks and run later.
  private static final double[] WEEKDAY_VOLUME = {1.02, 0.98, 0.99, 1.03, 1.03, 0.85, 0.97};
  private static final double[] WEEKDAY_DELAY = {0.5, -2, -1.5, 2, 3, -3, 2.5};
  // January..December, at mid-month: summer schedules are about 10% fuller; thunderstorm season
  // (June-August) and the December holidays run late; snow cancels most in January-February.
  private static final double[] MONTH_VOLUME = {
    0.93, 0.92, 1.00, 0.99, 1.02, 1.08, 1.10, 1.08, 0.96, 1.00, 0.96, 0.98
  };
  private static final double[] MONTH_DELAY = {2, 1.5, 0, -1, 1, 6, 6.5, 4, -3, -2, -2.5, 4};
  private static final double[] MONTH_CANCELLED = {
    0.022, 0.020, 0.014, 0.010, 0.010, 0.013, 0.014, 0.012, 0.008, 0.007, 0.007, 0.015
  };

  private final int year;
  private final LocalDate first;
  private final int days;
  private final byte[][] dateBytes;
  private final double[] volume;
  private final double[] delay;
  private final double[] cancelled;
  private final boolean[] daylightSaving;
  private final List<Integer> holidays;

  YearCalendar(int year) {
    this.year = year;
    this.first = LocalDate.of(year, 1, 1);
    this.days = first.lengthOfYear();
    this.dateBytes = new byte[days][];
    this.volume = new double[days];
    this.delay = new double[days];
    this.cancelled = new double[days];
    this.daylightSaving = new boolean[days];
    // US rule since 2007: second Sunday of March to first Sunday of November.
    LocalDate dstStart =
        LocalDate.of(year, 3, 1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.SUNDAY));
    LocalDate dstEnd =
        LocalDate.of(year, 11, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.SUNDAY));
    for (int d = 0; d < days; d++) {
      LocalDate date = first.plusDays(d);
      dateBytes[d] = date.toString().getBytes(StandardCharsets.US_ASCII);
      int weekday = date.getDayOfWeek().getValue() - 1;
      volume[d] = WEEKDAY_VOLUME[weekday] * seasonal(MONTH_VOLUME, date);
      delay[d] = WEEKDAY_DELAY[weekday] + seasonal(MONTH_DELAY, date);
      cancelled[d] = seasonal(MONTH_CANCELLED, date);
      daylightSaving[d] = !date.isBefore(dstStart) && date.isBefore(dstEnd);
    }
    LocalDate thanksgiving =
        LocalDate.of(year, Month.NOVEMBER, 1)
            .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
    this.holidays =
        List.of(
            0,
            dayOf(LocalDate.of(year, 7, 4)),
            dayOf(thanksgiving),
            dayOf(LocalDate.of(year, 12, 25)));
  }

  int year() {
    return year;
  }

  /** Days in the year. */
  int days() {
    return days;
  }

  LocalDate date(int day) {
    return first.plusDays(day);
  }

  int dayOf(LocalDate date) {
    return (int) (date.toEpochDay() - first.toEpochDay());
  }

  /** FL_DATE of {@code day} as ASCII bytes. */
  byte[] dateBytes(int day) {
    return dateBytes[day];
  }

  /** Scheduled flights relative to an average day, holidays aside. */
  double volume(int day) {
    return volume[day];
  }

  /** Minutes the average departure runs later (or earlier) than usual on {@code day}. */
  double delayShift(int day) {
    return delay[day];
  }

  /** The share of flights cancelled on an ordinary day of that season. */
  double cancelledShare(int day) {
    return cancelled[day];
  }

  boolean daylightSaving(int day) {
    return daylightSaving[day];
  }

  /**
   * New Year's Day, Independence Day, Thanksgiving Day and Christmas Day: airlines fly thinner
   * schedules on the day itself (the busy travel days are around it).
   */
  List<Integer> holidays() {
    return holidays;
  }

  /** A monthly table read as a smooth curve through its mid-month values. */
  private static double seasonal(double[] monthly, LocalDate date) {
    double position =
        date.getMonthValue() - 1 + (date.getDayOfMonth() - 0.5) / date.lengthOfMonth() - 0.5;
    int before = (int) Math.floor(position);
    double t = position - before;
    double from = monthly[Math.floorMod(before, 12)];
    double to = monthly[Math.floorMod(before + 1, 12)];
    return from * (1 - t) + to * t;
  }
}
