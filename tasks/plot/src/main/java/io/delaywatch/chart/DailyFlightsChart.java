package io.delaywatch.chart;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.ScoredDay;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Flights per day as flat-topped bars (one area, not 365 category bars, which would be unreadable),
 * the cancelled ones over them, and a mark on top of the day's bar for every cancellation wave and
 * schedule collapse, each kind with its own marker and legend entry. Delay kinds are marked on the
 * {@link DelayVsExpectedChart}, where the value they are about is drawn.
 */
final class DailyFlightsChart {
  static final String FLIGHTS = "flights";
  static final String CANCELLED = "cancelled";

  /** The kinds this chart marks, in legend order. */
  static final List<AnomalyKind> MARKED = List.of(AnomalyKind.CANCELLATIONS, AnomalyKind.COLLAPSE);

  private DailyFlightsChart() {}

  static YearChart build(AirportYear airport) {
    MonthAxis axis = new MonthAxis(airport.year());
    CalendarSeries flights =
        CalendarSeries.of(axis, airport.days(), d -> (double) d.day().flights());
    CalendarSeries cancelled =
        CalendarSeries.of(axis, airport.days(), d -> (double) d.day().cancelled());
    AxisRange y = AxisRange.covering(0, flights.max());
    XYChart chart =
        ChartImage.newChart(
            airport.airport() + " — daily flights, " + airport.year(), "flights", axis, y);
    chart.getStyler().setYAxisDecimalPattern("#,##0");

    if (!flights.isEmpty()) {
      bars(chart, FLIGHTS, flights, Palette.FLIGHTS);
      bars(chart, CANCELLED, cancelled, Palette.CANCELLED);
    }
    for (AnomalyKind kind : MARKED) {
      List<ScoredDay> days = airport.anomalies().stream().filter(d -> d.kind() == kind).toList();
      if (!days.isEmpty()) {
        Palette.Mark mark = Palette.Mark.of(kind);
        double[] x = days.stream().mapToDouble(d -> axis.middle(d.day().flightDate())).toArray();
        double[] top = days.stream().mapToDouble(d -> d.day().flights()).toArray();
        int size = chart.getStyler().getMarkerSize();
        mark.style(chart.addSeries(mark.label, x, ChartImage.stacked(x, top, axis, y, size)));
      }
    }
    return new YearChart(chart, axis, y);
  }

  /**
   * The bars as one polygon (the legend then shows a box, like a bar): along the baseline, up and
   * over every run of days, down again at each gap so that a missing day stays empty.
   */
  private static void bars(XYChart chart, String name, CalendarSeries values, Color color) {
    double[][] outline = values.barOutline();
    XYSeries series = chart.addSeries(name, outline[0], outline[1]);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
    series.setMarker(SeriesMarkers.NONE);
    // Filled, not stroked (ChartImage fills areas only); the line colour is the legend box's edge.
    series.setLineStyle(SeriesLines.NONE);
    series.setLineColor(color.darker());
    series.setFillColor(color);
  }
}
