package io.delaywatch.flights;

import java.time.LocalDate;
import java.time.Year;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which days of a year have at least one row: what tells a complete year from a partial upload.
 *
 * @param year the year
 * @param firstDate the earliest date with a row, null when none
 * @param lastDate the latest date with a row, null when none
 * @param daysWithRows how many days have at least one row
 * @param daysInYear 365 or 366
 */
public record DateCoverage(
    int year, LocalDate firstDate, LocalDate lastDate, int daysWithRows, int daysInYear) {
  /** A year is complete when at least this share of its days has a row. */
  public static final double MIN_DAY_SHARE = 0.9;

  /** A year is complete when its last row is on or after this day of December. */
  public static final int LAST_DECEMBER_DAY = 1;

  /** A year is complete when its first row is on or before this day of January. */
  public static final int FIRST_JANUARY_DAY = 31;

  static DateCoverage of(int year, BitSet days) {
    LocalDate jan1 = LocalDate.of(year, 1, 1);
    int first = days.nextSetBit(0);
    int last = days.length() - 1;
    return new DateCoverage(
        year,
        first < 0 ? null : jan1.plusDays(first),
        last < 0 ? null : jan1.plusDays(last),
        days.cardinality(),
        Year.of(year).length());
  }

  /**
   * Null for a complete year, else why it looks partial: fewer than {@value #MIN_DAY_SHARE} of its
   * days with a row, a first row after January {@value #FIRST_JANUARY_DAY}, or a last row before
   * December {@value #LAST_DECEMBER_DAY}.
   */
  public String partialReason() {
    int needed = (int) Math.ceil(MIN_DAY_SHARE * daysInYear);
    if (daysWithRows < needed) {
      return "rows on "
          + daysWithRows
          + " of the year's "
          + daysInYear
          + " days (at least "
          + needed
          + " expected)"
          + range();
    }
    if (firstDate.isAfter(LocalDate.of(year, 1, FIRST_JANUARY_DAY))) {
      return "the first row is on " + firstDate + " (expected by " + year + "-01-31)";
    }
    if (lastDate.isBefore(LocalDate.of(year, 12, LAST_DECEMBER_DAY))) {
      return "the last row is on " + lastDate + " (expected from " + year + "-12-01)";
    }
    return null;
  }

  private String range() {
    return firstDate == null ? "" : ", from " + firstDate + " to " + lastDate;
  }

  /** For the manifest: first_date, last_date, days_with_rows, days_in_year. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("first_date", firstDate == null ? null : firstDate.toString());
    map.put("last_date", lastDate == null ? null : lastDate.toString());
    map.put("days_with_rows", daysWithRows);
    map.put("days_in_year", daysInYear);
    return map;
  }
}
