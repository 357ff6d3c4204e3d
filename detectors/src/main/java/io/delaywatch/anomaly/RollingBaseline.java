package io.delaywatch.anomaly;

import java.util.Arrays;

/**
 * The expected daily value of a series with a weekly cycle: a rolling median level plus a weekday
 * effect, both medians so that the outliers being looked for cannot drag them. Not API.
 *
 * <p>level_t is the median of the deseasonalised values (value − weekday effect) of the days in a
 * centred calendar window of ±{@value #HALF_WINDOW_DAYS} days, excluding day t itself; the effect
 * of weekday d is the median of (value − level) over the days that fall on d. Two passes: the first
 * level is taken from raw values, the second from values with the first weekday effects removed.
 * Windows are calendar-based (a gap shortens them; it never adds zeros) and slide inward at the
 * ends of the series so that they keep their four weeks.
 */
final class RollingBaseline {
  /** ±14 calendar days, excluding day t: exactly four of each weekday in a gap-free series. */
  static final int HALF_WINDOW_DAYS = 14;

  /** Below this many neighbours in the window, the level is the median of the whole series. */
  static final int MIN_NEIGHBOURS = 7;

  /** A weekday seen fewer times than this gets no effect of its own (e.g. seasonal service). */
  static final int MIN_WEEKDAY_DAYS = 3;

  private static final int PASSES = 2;

  private RollingBaseline() {}

  /**
   * The expected value of every day, including days whose own value is missing.
   *
   * @param values the series, NaN where missing; at least one value present
   * @param epochDays each row's date as days since 1970-01-01, strictly increasing
   */
  static double[] expected(double[] values, int[] epochDays) {
    int n = values.length;
    int[] weekdays = new int[n];
    for (int i = 0; i < n; i++) {
      // 1970-01-01 was a Thursday; any fixed labelling of the seven weekdays will do.
      weekdays[i] = Math.floorMod(epochDays[i], 7);
    }
    double[] effects = new double[7];
    double[] level = new double[n];
    double[] adjusted = new double[n];
    for (int pass = 0; pass < PASSES; pass++) {
      for (int i = 0; i < n; i++) {
        adjusted[i] = values[i] - effects[weekdays[i]];
      }
      level = leaveOneOutLevel(adjusted, epochDays);
      effects = weekdayEffects(values, level, weekdays);
    }
    double[] expected = new double[n];
    for (int i = 0; i < n; i++) {
      expected[i] = level[i] + effects[weekdays[i]];
    }
    return expected;
  }

  static double[] leaveOneOutLevel(double[] values, int[] epochDays) {
    int n = values.length;
    int first = epochDays[0];
    int last = epochDays[n - 1];
    double[] level = new double[n];
    double[] window = new double[n];
    for (int i = 0; i < n; i++) {
      int lo = epochDays[i] - HALF_WINDOW_DAYS;
      int hi = epochDays[i] + HALF_WINDOW_DAYS;
      if (lo < first) {
        hi = Math.min(last, hi + (first - lo));
        lo = first;
      } else if (hi > last) {
        lo = Math.max(first, lo - (hi - last));
        hi = last;
      }
      int count = 0;
      for (int j = startIndex(epochDays, lo); j < n && epochDays[j] <= hi; j++) {
        if (j != i && !Double.isNaN(values[j])) {
          window[count++] = values[j];
        }
      }
      if (count < MIN_NEIGHBOURS) {
        count = 0;
        for (int j = 0; j < n; j++) {
          if (j != i && !Double.isNaN(values[j])) {
            window[count++] = values[j];
          }
        }
      }
      level[i] = Medians.ofFirst(window, count);
    }
    return level;
  }

  private static double[] weekdayEffects(double[] values, double[] level, int[] weekdays) {
    double[] effects = new double[7];
    double[] residuals = new double[values.length];
    for (int d = 0; d < 7; d++) {
      int count = 0;
      for (int i = 0; i < values.length; i++) {
        if (weekdays[i] == d && !Double.isNaN(values[i]) && !Double.isNaN(level[i])) {
          residuals[count++] = values[i] - level[i];
        }
      }
      effects[d] = count >= MIN_WEEKDAY_DAYS ? Medians.ofFirst(residuals, count) : 0;
    }
    return effects;
  }

  private static int startIndex(int[] sortedDays, int day) {
    int at = Arrays.binarySearch(sortedDays, day);
    return at >= 0 ? at : -at - 1;
  }
}
