package io.delaywatch.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.Circle;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The colours of the charts, the same for every airport so charts compare at a glance. Not API. */
final class Palette {
  static final Color FLIGHTS = new Color(122, 162, 212);
  static final Color CANCELLED = new Color(240, 150, 60);
  static final Color DELAY = new Color(31, 86, 160);
  static final Color EXPECTED = new Color(60, 60, 60);
  static final Color BAND = new Color(196, 214, 236);
  static final Color ANOMALY = new Color(214, 39, 40);

  /** A circle half the size of the anomaly markers (XChart's marker size is per chart). */
  static final Marker DOT =
      new Circle() {
        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
          super.paint(g, x, y, Math.max(3, markerSize / 2));
        }
      };

  private Palette() {}

  /** Red filled circles, no line: how anomalous days look on every chart. */
  static void anomalyMarkers(XYSeries series) {
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setMarkerColor(ANOMALY);
  }
}
