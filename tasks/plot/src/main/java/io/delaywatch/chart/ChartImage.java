package io.delaywatch.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * The house style of a year chart and its painting to PNG: XChart draws the title, the y axis, the
 * series and the legend; the month axis under the plot is drawn here (see {@link MonthAxis}). Not
 * API; thread-safe (each call works on its own chart and image).
 */
final class ChartImage {
  static final int WIDTH = 1200;
  static final int HEIGHT = 500;

  /** The strip under XChart's drawing that holds the month labels. */
  private static final int MONTH_BAND = 24;

  private static final int TICK_LENGTH = 5;
  private static final Color GRID = new Color(0, 0, 0, 38);
  private static final Stroke GRID_STROKE =
      new BasicStroke(
          1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f);

  private ChartImage() {}

  /** An empty chart of {@code axis}'s year whose y axis spans exactly {@code y}. */
  static XYChart newChart(String title, String yAxisTitle, MonthAxis axis, AxisRange y) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT - MONTH_BAND)
            .title(title)
            .yAxisTitle(yAxisTitle)
            .build();
    XYStyler style = chart.getStyler();
    style.setLocale(Locale.ENGLISH);
    style.setChartBackgroundColor(Color.WHITE);
    style.setPlotBorderColor(Color.GRAY);
    style.setLegendPosition(Styler.LegendPosition.OutsideE);
    style.setLegendBorderColor(Color.LIGHT_GRAY);
    style.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    style.setMarkerSize(8);
    // XChart's own x ticks never fall on month starts: hide them and draw the months in paint().
    style.setXAxisTicksVisible(false);
    style.setXAxisTitleVisible(false);
    style.setPlotGridVerticalLinesVisible(false);
    // The axis bounds are then the plot's edges, which paint() needs to hang the month ticks on.
    style.setPlotContentSize(1.0);
    style.setXAxisMin(0.0);
    style.setXAxisMax((double) axis.length());
    style.setYAxisMin(bottom(y));
    style.setYAxisMax(top(y));
    return chart;
  }

  /** Paints {@code chart} (made by {@link #newChart}) with its month axis. */
  static BufferedImage paint(XYChart chart, MonthAxis axis, AxisRange y) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(chart.getStyler().getChartBackgroundColor());
      g.fillRect(0, 0, WIDTH, HEIGHT);
      chart.paint(g, WIDTH, HEIGHT - MONTH_BAND);
      paintMonths(g, chart, axis, y);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Writes {@code image} as a PNG file. */
  static void writePng(BufferedImage image, Path file) throws IOException {
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IllegalStateException("no PNG writer in this JRE");
    }
  }

  // XChart drops a tick label that falls exactly on the plot's edge; a hair of slack keeps the
  // round ends of the range (the 0 of a flights chart) labelled.
  private static double bottom(AxisRange y) {
    return y.min() - (y.max() - y.min()) / 500;
  }

  private static double top(AxisRange y) {
    return y.max() + (y.max() - y.min()) / 500;
  }

  private static void paintMonths(Graphics2D g, XYChart chart, MonthAxis axis, AxisRange y) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    XYStyler style = chart.getStyler();
    double top = chart.getScreenYFromChart(top(y));
    double bottom = chart.getScreenYFromChart(bottom(y));
    g.setFont(style.getAxisTickLabelsFont());
    FontMetrics metrics = g.getFontMetrics();
    float baseline = (float) bottom + TICK_LENGTH + 2 + metrics.getAscent();
    for (MonthAxis.Tick tick : axis.ticks()) {
      double x = chart.getScreenXFromChart(tick.start());
      if (tick.start() > 0) {
        g.setColor(GRID);
        g.setStroke(GRID_STROKE);
        g.draw(new Line2D.Double(x, top, x, bottom));
      }
      g.setColor(style.getAxisTickMarksColor());
      g.setStroke(new BasicStroke(1f));
      g.draw(new Line2D.Double(x, bottom, x, bottom + TICK_LENGTH));
      double middle = chart.getScreenXFromChart(tick.middle());
      g.setColor(style.getAxisTickLabelsColor());
      g.drawString(
          tick.label(), (float) (middle - metrics.stringWidth(tick.label()) / 2.0), baseline);
    }
    double end = chart.getScreenXFromChart(axis.length());
    g.setColor(style.getAxisTickMarksColor());
    g.draw(new Line2D.Double(end, bottom, end, bottom + TICK_LENGTH));
  }
}
