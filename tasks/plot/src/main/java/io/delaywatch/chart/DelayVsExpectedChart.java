package io.delaywatch.chart;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.ScoredDay;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The day's average departure delay against what the detector expected, the detector's normal band
 * shaded behind them, and a dot on every delay anomaly (high delay red, low delay green). Days
 * without a value (no departure, no baseline yet) break the lines instead of dropping them to zero.
 * Cancellation waves and collapses are marked on the {@link DailyFlightsChart}: their delay is
 * often ordinary, and a dot inside the band would read as a mistake. A delay-kind day that is
 * inside the band anyway (a detector that judges several features) gets an open circle and its own
 * legend entry that says so.
 *
 * <p>The y axis fits the delays and the expected values; the band counts only on the days it is
 * typical of: a day with a handful of departures (or a closure) has a band so wide that it would
 * squash the rest of the year, so the band's extremes beyond its 1st and 99th percentile, and its
 * values on cancellation and collapse days, are drawn cut at the axis' edge.
 */
final class DelayVsExpectedChart {
  static final String DELAY = "average departure delay";
  static final String EXPECTED = "expected";
  static final String BAND = "normal band";
  static final String INSIDE_BAND = "flagged on other features";

  /** The kinds this chart marks, in legend order. */
  static final List<AnomalyKind> MARKED = List.of(AnomalyKind.HIGH_DELAY, AnomalyKind.LOW_DELAY);

  private static final double BAND_QUANTILE = 0.01;

  /** Suffix of the series of a line's lone days (not in the legend). */
  static final String LONE_DAYS = ", lone days";

  // Round joins: a one-day spike drawn with a mitred join would overshoot its value by pixels.
  private static final BasicStroke SOLID =
      new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  private static final BasicStroke DASHED =
      new BasicStroke(
          1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 3f}, 0f);

  private DelayVsExpectedChart() {}

  static YearChart build(AirportYear airport) {
    MonthAxis axis = new MonthAxis(airport.year());
    List<ScoredDay> days = airport.days();
    CalendarSeries delay = CalendarSeries.of(axis, days, d -> d.day().avgDepDelay());
    CalendarSeries expected = CalendarSeries.of(axis, days, ScoredDay::expectedDepDelay);
    // No band where there is no delay to hold against it (every flight cancelled).
    CalendarSeries lower =
        CalendarSeries.of(axis, days, d -> d.day().avgDepDelay() == null ? null : d.lowerBound());
    CalendarSeries upper =
        CalendarSeries.of(axis, days, d -> d.day().avgDepDelay() == null ? null : d.upperBound());
    List<ScoredDay> typical =
        days.stream()
            .filter(
                d ->
                    d.kind() != AnomalyKind.CANCELLATIONS
                        && d.kind() != AnomalyKind.COLLAPSE
                        && d.day().avgDepDelay() != null)
            .toList();
    AxisRange y =
        AxisRange.covering(
            min(
                delay.min(),
                expected.min(),
                quantile(typical, ScoredDay::lowerBound, BAND_QUANTILE)),
            max(
                delay.max(),
                expected.max(),
                quantile(typical, ScoredDay::upperBound, 1 - BAND_QUANTILE)));
    XYChart chart =
        ChartImage.newChart(
            airport.airport() + " — departure delay vs expected, " + airport.year(),
            "minutes",
            axis,
            y);

    band(chart, lower, upper, y);
    if (!expected.isEmpty()) {
      line(chart, EXPECTED, expected, Palette.EXPECTED).setLineStyle(DASHED);
    }
    if (!delay.isEmpty()) {
      line(chart, DELAY, delay, Palette.DELAY).setLineStyle(SOLID);
    }
    List<ScoredDay> inside = new ArrayList<>();
    for (AnomalyKind kind : MARKED) {
      List<ScoredDay> marked = new ArrayList<>();
      for (ScoredDay d : airport.anomalies()) {
        if (d.kind() == kind && d.day().avgDepDelay() != null) {
          (insideBand(d) ? inside : marked).add(d);
        }
      }
      if (!marked.isEmpty()) {
        Palette.Mark mark = Palette.Mark.of(kind);
        mark.style(marks(chart, mark.label, axis, marked, y));
      }
    }
    if (!inside.isEmpty()) {
      Palette.insideBandMarkers(marks(chart, INSIDE_BAND, axis, inside, y));
    }
    return new YearChart(chart, axis, y);
  }

  /**
   * Shades lower..upper as one polygon per run of days that have an upper bound, each day covered
   * from its start to its end so that only missing days are left blank; a missing lower bound means
   * the band is open below, so it reaches the bottom of the chart.
   */
  private static void band(XYChart chart, CalendarSeries lower, CalendarSeries upper, AxisRange y) {
    int polygons = 0;
    for (int[] run : upper.runs()) {
      // The run's start, each day's middle, the run's end; upper bounds out, lower bounds back.
      int points = run[1] - run[0] + 3;
      double[] x = new double[2 * points];
      double[] v = new double[2 * points];
      for (int k = 0; k < points; k++) {
        int day = Math.min(Math.max(run[0] + k - 1, run[0]), run[1]);
        double at = k == 0 ? run[0] : k == points - 1 ? run[1] + 1 : day + 0.5;
        Double low = lower.get(day);
        x[k] = at;
        v[k] = y.clamp(upper.get(day));
        x[2 * points - 1 - k] = at;
        v[2 * points - 1 - k] = low == null ? y.min() : y.clamp(low);
      }
      String name = polygons == 0 ? BAND : BAND + " " + (polygons + 1);
      XYSeries series = chart.addSeries(name, x, v);
      series.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
      series.setMarker(SeriesMarkers.NONE);
      series.setFillColor(Palette.BAND);
      series.setLineColor(Palette.BAND);
      // Unstroked: see DailyFlightsChart.bars.
      series.setLineStyle(SeriesLines.NONE);
      series.setShowInLegend(polygons == 0);
      polygons++;
    }
  }

  /** A line broken at gaps; a day between two gaps, which a line cannot show, gets a dot. */
  private static XYSeries line(XYChart chart, String name, CalendarSeries values, Color color) {
    double[][] points = values.points();
    XYSeries line = chart.addSeries(name, points[0], points[1]);
    line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(color);
    double[][] lone = values.lonePoints();
    if (lone[0].length > 0) {
      XYSeries dots = chart.addSeries(name + LONE_DAYS, lone[0], lone[1]);
      dots.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      dots.setMarker(Palette.DOT);
      dots.setMarkerColor(color);
      dots.setShowInLegend(false);
    }
    return line;
  }

  private static XYSeries marks(
      XYChart chart, String name, MonthAxis axis, List<ScoredDay> days, AxisRange y) {
    double[] x = days.stream().mapToDouble(d -> axis.middle(d.day().flightDate())).toArray();
    double[] minutes = days.stream().mapToDouble(d -> y.clamp(d.day().avgDepDelay())).toArray();
    int size = chart.getStyler().getMarkerSize();
    return chart.addSeries(name, x, ChartImage.stacked(x, minutes, axis, y, size));
  }

  private static boolean insideBand(ScoredDay d) {
    double delay = d.day().avgDepDelay();
    return d.upperBound() != null
        && delay <= d.upperBound()
        && (d.lowerBound() == null || delay >= d.lowerBound());
  }

  /** The {@code q} quantile of {@code value} over {@code days} (nulls skipped), NaN if none. */
  private static double quantile(
      List<ScoredDay> days, Function<ScoredDay, Double> value, double q) {
    double[] sorted =
        days.stream().map(value).filter(v -> v != null).mapToDouble(v -> v).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.round(q * (sorted.length - 1))];
  }

  private static double min(double... values) {
    double min = Double.NaN;
    for (double v : values) {
      min = Double.isNaN(min) || v < min ? v : min;
    }
    return min;
  }

  private static double max(double... values) {
    double max = Double.NaN;
    for (double v : values) {
      max = Double.isNaN(max) || v > max ? v : max;
    }
    return max;
  }
}
