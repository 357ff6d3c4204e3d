package io.delaywatch.chart;

import io.delaywatch.daily.ScoredDay;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Flights per day as a step area (one flat-topped bar per day: 365 category bars would be
 * unreadable), the cancelled ones over it, and a red marker on top of every anomalous day.
 */
final class DailyFlightsChart {
  static final String FLIGHTS = "flights";
  static final String CANCELLED = "cancelled";
  static final String ANOMALOUS = "anomalous day";

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
      area(chart, FLIGHTS, flights, Palette.FLIGHTS);
      area(chart, CANCELLED, cancelled, Palette.CANCELLED);
    }
    List<ScoredDay> anomalies = airport.anomalies();
    if (!anomalies.isEmpty()) {
      double[] x = anomalies.stream().mapToDouble(d -> axis.middle(d.day().flightDate())).toArray();
      double[] top = anomalies.stream().mapToDouble(d -> d.day().flights()).toArray();
      XYSeries marks = chart.addSeries(ANOMALOUS, x, top);
      Palette.anomalyMarkers(marks);
    }
    return new YearChart(chart, axis, y);
  }

  private static void area(XYChart chart, String name, CalendarSeries values, Color color) {
    double[][] steps = values.steps();
    XYSeries series = chart.addSeries(name, steps[0], steps[1]);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color.darker());
    series.setLineWidth(0.8f);
    series.setFillColor(color);
  }
}
