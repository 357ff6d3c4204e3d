package io.delaywatch.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A y-axis range with round ends that always shows zero, so that ticks fall on round numbers and
 * bars and delays are read against a true baseline. Not API.
 *
 * @param min the bottom of the axis, a multiple of {@code step}
 * @param max the top of the axis, a multiple of {@code step}
 * @param step the distance between two ticks: 1, 2 or 5 times a power of ten
 */
record AxisRange(double min, double max, double step) {
  private static final int TARGET_TICKS = 8;

  /**
   * The smallest round range holding 0, {@code low} and {@code high} with a little headroom. NaN
   * bounds (no data) are ignored.
   */
  static AxisRange covering(double low, double high) {
    double lo = Double.isNaN(low) ? 0 : Math.min(low, 0);
    double hi = Double.isNaN(high) ? 0 : Math.max(high, 0);
    if (hi - lo < 1e-9) {
      hi = lo + 10;
    }
    double pad = (hi - lo) * 0.05;
    hi += pad;
    if (lo < 0) {
      lo -= pad;
    }
    double step = roundStep((hi - lo) / TARGET_TICKS);
    return new AxisRange(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
  }

  /** The 1, 2 or 5 times a power of ten nearest above {@code raw}. */
  static double roundStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  /** The tick values from {@code min} to {@code max}, one {@code step} apart. */
  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    long first = Math.round(min / step);
    long last = Math.round(max / step);
    for (long k = first; k <= last; k++) {
      ticks.add(k * step);
    }
    return ticks;
  }

  /** {@code value} moved into the range: a value off the axis is drawn at its edge. */
  double clamp(double value) {
    return Math.max(min, Math.min(max, value));
  }
}
