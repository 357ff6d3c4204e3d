package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.util.List;

/**
 * One airport's delays on a calendar grid from its first day to its last, NaN on the days without a
 * row and on days without a departure, centred on their median. Not API.
 *
 * <p>The centred values are rounded to a fine quantum: a constant added to every delay then gives
 * bit-identical values, so a model fitted to them (an optimiser, a random tree) makes the same
 * choices, and the verdicts follow the shift exactly instead of up to rounding.
 *
 * @param values centred delays, one per calendar day
 * @param centre the median of the delays, added back to anything predicted from {@code values}
 * @param rows for each input row, its index in {@code values}
 * @param observed how many values are present
 * @param spread the largest minus the smallest present value (0: nothing to learn)
 */
record DailySeries(double[] values, double centre, int[] rows, int observed, double spread) {
  /** The rounding quantum of the centred values: 2⁻²⁰ min, far below any delay's precision. */
  static final double QUANTUM = 1.0 / (1 << 20);

  static DailySeries of(List<DailyAirportStats> series) {
    if (series.isEmpty()) {
      return new DailySeries(new double[0], 0, new int[0], 0, 0);
    }
    long first = series.get(0).flightDate().toEpochDay();
    long last = series.get(series.size() - 1).flightDate().toEpochDay();
    double[] values = new double[(int) (last - first + 1)];
    java.util.Arrays.fill(values, Double.NaN);
    int[] rows = new int[series.size()];
    double[] present = new double[series.size()];
    int observed = 0;
    for (int i = 0; i < series.size(); i++) {
      DailyAirportStats day = series.get(i);
      rows[i] = (int) (day.flightDate().toEpochDay() - first);
      if (day.avgDepDelay() != null) {
        present[observed++] = day.avgDepDelay();
      }
    }
    double centre = observed == 0 ? 0 : Medians.ofFirst(present.clone(), observed);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < series.size(); i++) {
      Double delay = series.get(i).avgDepDelay();
      if (delay != null) {
        double value = Math.rint((delay - centre) / QUANTUM) * QUANTUM;
        values[rows[i]] = value;
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
    }
    return new DailySeries(values, centre, rows, observed, observed == 0 ? 0 : max - min);
  }

  /** The index in {@link #values} of input row {@code row}. */
  int index(int row) {
    return rows[row];
  }
}
