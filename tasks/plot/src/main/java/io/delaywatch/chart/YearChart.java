package io.delaywatch.chart;

import java.awt.image.BufferedImage;
import org.knowm.xchart.XYChart;

/**
 * An XChart chart of one year on a {@link MonthAxis}, ready to paint. Not API.
 *
 * @param chart the chart; its series and styler can be inspected
 * @param axis the x axis
 * @param y the y range the chart was built with
 */
record YearChart(XYChart chart, MonthAxis axis, AxisRange y) {

  /** Paints the chart, {@value ChartImage#WIDTH}×{@value ChartImage#HEIGHT} pixels. */
  BufferedImage paint() {
    return ChartImage.paint(chart, axis, y);
  }
}
