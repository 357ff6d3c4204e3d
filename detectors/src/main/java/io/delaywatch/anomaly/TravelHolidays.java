package io.delaywatch.anomaly;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;

/**
 * The US holidays that reshape air travel, and the days around them. Not API.
 *
 * <p>New Year's Day, Memorial Day, Independence Day, Labor Day (with the Friday before and the day
 * after a Monday holiday, the long weekend), Thanksgiving from the Wednesday before to the Sunday
 * after, and Christmas Eve to December 26 plus New Year's Eve. Airlines fly thinner or unusual
 * schedules on these days and passengers travel differently, so they are left out of the baseline
 * of ordinary days; they are still judged against it, with the noise of their own volume.
 */
final class TravelHolidays {
  private TravelHolidays() {}

  /** Whether {@code date} is one of the holiday days above. */
  static boolean contains(LocalDate date) {
    int year = date.getYear();
    Month month = date.getMonth();
    int day = date.getDayOfMonth();
    if (month == Month.JANUARY && day == 1) {
      return true;
    }
    if (month == Month.DECEMBER && (day >= 24 && day <= 26 || day == 31)) {
      return true;
    }
    if (month == Month.JULY && day == 4) {
      return true;
    }
    LocalDate memorial =
        LocalDate.of(year, 5, 31).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY));
    LocalDate labor =
        LocalDate.of(year, 9, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY));
    LocalDate thanksgiving =
        LocalDate.of(year, 11, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
    return within(date, memorial.minusDays(3), memorial.plusDays(1))
        || within(date, labor.minusDays(3), labor.plusDays(1))
        || within(date, thanksgiving.minusDays(1), thanksgiving.plusDays(3));
  }

  private static boolean within(LocalDate date, LocalDate first, LocalDate last) {
    return !date.isBefore(first) && !date.isAfter(last);
  }
}
