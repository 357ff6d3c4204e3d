package io.delaywatch.anomaly;

import java.util.Arrays;

/** The median, the robust statistics' workhorse. Not API. */
final class Medians {
  private Medians() {}

  /**
   * The median of {@code values[0..count)}, reordering them; NaN when {@code count} is 0. An even
   * count gives the mean of the two middle values.
   */
  static double ofFirst(double[] values, int count) {
    if (count == 0) {
      return Double.NaN;
    }
    Arrays.sort(values, 0, count);
    int mid = count / 2;
    return count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  /** The median of {@code values}, which are left untouched; NaN when empty. */
  static double of(double[] values) {
    return ofFirst(values.clone(), values.length);
  }

  /**
   * The {@code q}-quantile of {@code values} (left untouched), interpolated linearly between order
   * statistics (R's type 7, numpy's default); q = 0.5 is the median. NaN when empty.
   */
  static double quantile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double at = q * (sorted.length - 1);
    int below = (int) Math.floor(at);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
  }
}
