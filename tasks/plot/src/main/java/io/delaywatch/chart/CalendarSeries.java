package io.delaywatch.chart;

import io.delaywatch.daily.ScoredDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One value per day of a year (null where there is none) laid out as XChart series data, with NaN
 * where a line must break: a missing day is never drawn as zero. Not API.
 */
final class CalendarSeries {
  private final Double[] values;

  private CalendarSeries(Double[] values) {
    this.values = values;
  }

  /** {@code value} of each day of {@code days}; null values and absent days are gaps. */
  static CalendarSeries of(
      MonthAxis axis, List<ScoredDay> days, Function<ScoredDay, Double> value) {
    Double[] values = new Double[axis.length()];
    for (ScoredDay day : days) {
      values[axis.index(day.day().flightDate())] = value.apply(day);
    }
    return new CalendarSeries(values);
  }

  boolean isEmpty() {
    return Arrays.stream(values).allMatch(v -> v == null);
  }

  /** The smallest value, NaN when empty. */
  double min() {
    return Arrays.stream(values)
        .filter(v -> v != null)
        .mapToDouble(v -> v)
        .min()
        .orElse(Double.NaN);
  }

  /** The largest value, NaN when empty. */
  double max() {
    return Arrays.stream(values)
        .filter(v -> v != null)
        .mapToDouble(v -> v)
        .max()
        .orElse(Double.NaN);
  }

  Double get(int index) {
    return values[index];
  }

  /** A point in the middle of every day of the year, y NaN on gaps: a line broken at gaps. */
  double[][] points() {
    double[] x = new double[values.length];
    double[] y = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      x[i] = i + 0.5;
      y[i] = values[i] == null ? Double.NaN : values[i];
    }
    return new double[][] {x, y};
  }

  /** The points of the days whose neighbours both have no value (a line cannot show them). */
  double[][] lonePoints() {
    List<double[]> points = new ArrayList<>();
    for (int[] run : runs()) {
      if (run[0] == run[1]) {
        points.add(new double[] {run[0] + 0.5, values[run[0]]});
      }
    }
    return new double[][] {
      points.stream().mapToDouble(p -> p[0]).toArray(),
      points.stream().mapToDouble(p -> p[1]).toArray()
    };
  }

  /**
   * The outline of one flat-topped bar per day, as a closed polygon: each run of days rises from
   * the baseline 0 at its first day's start, steps across every day, and returns to 0 at its last
   * day's end, so that a gap between runs is left empty.
   */
  double[][] barOutline() {
    List<double[]> points = new ArrayList<>();
    for (int[] run : runs()) {
      points.add(new double[] {run[0], 0});
      for (int i = run[0]; i <= run[1]; i++) {
        points.add(new double[] {i, values[i]});
        points.add(new double[] {i + 1, values[i]});
      }
      points.add(new double[] {run[1] + 1, 0});
    }
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i)[0];
      y[i] = points.get(i)[1];
    }
    return new double[][] {x, y};
  }

  /** The runs of consecutive days with a value, as {first, last} day indexes. */
  List<int[]> runs() {
    List<int[]> runs = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= values.length; i++) {
      boolean present = i < values.length && values[i] != null;
      if (present && start < 0) {
        start = i;
      } else if (!present && start >= 0) {
        runs.add(new int[] {start, i - 1});
        start = -1;
      }
    }
    return runs;
  }
}
