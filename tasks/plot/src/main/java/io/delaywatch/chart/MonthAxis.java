package io.delaywatch.chart;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The x axis of a year chart: one unit per day, day {@code d} spanning {@code [d, d + 1)} from 0 on
 * January 1st, and a tick at the start of every month labelled "Jan", "Feb", ...
 *
 * <p>Why not XChart's own date axis: it spaces ticks evenly in milliseconds, so "2015-03" lands a
 * few days off March 1st, and its custom-label hook places ticks at round numbers, not on month
 * starts. {@link ChartImage} draws these ticks itself. Immutable and thread-safe.
 */
public final class MonthAxis {
  /**
   * A month on the axis.
   *
   * @param label the month's short English name, e.g. {@code Jan}
   * @param start the x of its first day's start
   * @param end the x of the next month's start
   */
  public record Tick(String label, double start, double end) {
    /** The x of the middle of the month, where its label is centred. */
    public double middle() {
      return (start + end) / 2;
    }
  }

  private final int year;

  public MonthAxis(int year) {
    this.year = year;
  }

  /** The number of days, 365 or 366: the x of the end of the axis. */
  public int length() {
    return LocalDate.of(year, 1, 1).lengthOfYear();
  }

  /** The x of the middle of {@code day}, where its point or marker is drawn. */
  public double middle(LocalDate day) {
    return index(day) + 0.5;
  }

  /**
   * The 0-based index of {@code day} in the year.
   *
   * @throws IllegalArgumentException if {@code day} is not in this axis's year
   */
  public int index(LocalDate day) {
    if (day.getYear() != year) {
      throw new IllegalArgumentException(day + " is not in " + year);
    }
    return day.getDayOfYear() - 1;
  }

  /** The twelve months in order. */
  public List<Tick> ticks() {
    List<Tick> ticks = new ArrayList<>(12);
    for (Month month : Month.values()) {
      LocalDate first = LocalDate.of(year, month, 1);
      double start = index(first);
      ticks.add(
          new Tick(
              month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH),
              start,
              start + first.lengthOfMonth()));
    }
    return ticks;
  }
}
