package io.delaywatch.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;

/**
 * The house style of a year chart and its painting to PNG. XChart draws the title, the plot frame
 * and the series; the y axis, the month axis under the plot (see {@link MonthAxis}), the grid and
 * the legend are drawn here, in fixed places, so that every chart of every airport has its plot
 * area at exactly the same pixels ({@link #PLOT_LEFT} to {@link #PLOT_RIGHT}): the two charts of an
 * airport stacked in the report line up month for month. (XChart sizes the plot by the width of its
 * tick labels and legend, which differ from chart to chart.) Not API; thread-safe (each call works
 * on its own chart and image).
 */
final class ChartImage {
  static final int WIDTH = 1200;
  static final int HEIGHT = 500;

  /** The column left of the plot that holds the y-axis title and tick labels. */
  static final int Y_AXIS_WIDTH = 78;

  /** The column right of the plot that holds the legend. */
  static final int LEGEND_WIDTH = 230;

  /** The strip under XChart's drawing that holds the month labels. */
  private static final int MONTH_BAND = 24;

  private static final int TICK_LENGTH = 5;
  private static final Color GRID = new Color(0, 0, 0, 38);
  private static final Color INK = new Color(40, 40, 40);
  private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Stroke GRID_STROKE =
      new BasicStroke(
          1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f);
  private static final Stroke THIN = new BasicStroke(1f);
  private static final int SWATCH = 22;

  private ChartImage() {}

  /** An empty chart of {@code axis}'s year whose y axis spans exactly {@code y}. */
  static XYChart newChart(String title, String yAxisTitle, MonthAxis axis, AxisRange y) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH - Y_AXIS_WIDTH - LEGEND_WIDTH)
            .height(HEIGHT - MONTH_BAND)
            .title(title)
            .yAxisTitle(yAxisTitle)
            .build();
    XYStyler style = chart.getStyler();
    style.setLocale(Locale.ENGLISH);
    style.setChartBackgroundColor(Color.WHITE);
    style.setPlotBorderColor(Color.GRAY);
    style.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    style.setMarkerSize(8);
    // Axes, grid and legend are drawn by paint() at fixed places; XChart keeps only the plot.
    style.setLegendVisible(false);
    style.setXAxisTicksVisible(false);
    style.setXAxisTitleVisible(false);
    style.setYAxisTicksVisible(false);
    style.setYAxisTitleVisible(false);
    style.setPlotGridLinesVisible(false);
    style.setPlotTicksMarksVisible(false);
    style.setChartPadding(0);
    style.setPlotMargin(0);
    // The axis bounds are then the plot's edges, which paint() needs to hang the ticks on.
    style.setPlotContentSize(1.0);
    style.setXAxisMin(0.0);
    style.setXAxisMax((double) axis.length());
    style.setYAxisMin(bottom(y));
    style.setYAxisMax(top(y));
    return chart;
  }

  /**
   * {@code y} with each mark that would hide an earlier one (less than a marker apart both ways)
   * moved a marker's height above it: a day is under 3 pixels wide, so marks of consecutive days at
   * about the same value would otherwise print as one.
   *
   * @param x the marks' x, ascending
   */
  static double[] stacked(double[] x, double[] y, MonthAxis axis, AxisRange range, int size) {
    double pixelsPerDay = (double) (WIDTH - Y_AXIS_WIDTH - LEGEND_WIDTH) / axis.length();
    // The plot's height is known only once XChart has laid out the title; this is within a few
    // pixels of it, enough to keep marks apart.
    double unitsPerPixel = (range.max() - range.min()) / (HEIGHT - MONTH_BAND - 34);
    double lift = size * unitsPerPixel;
    double[] out = y.clone();
    for (int i = 1; i < out.length; i++) {
      boolean moved = true;
      for (int pass = 0; moved && pass < i; pass++) {
        moved = false;
        for (int j = 0; j < i; j++) {
          if ((x[i] - x[j]) * pixelsPerDay < size && Math.abs(out[i] - out[j]) < lift) {
            out[i] = out[j] + lift;
            moved = true;
          }
        }
      }
    }
    return out;
  }

  /** Paints {@code chart} (made by {@link #newChart}) with its axes and legend. */
  static BufferedImage paint(XYChart chart, MonthAxis axis, AxisRange y) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(chart.getStyler().getChartBackgroundColor());
      g.fillRect(0, 0, WIDTH, HEIGHT);
      AffineTransform plain = g.getTransform();
      g.translate(Y_AXIS_WIDTH, 0);
      chart.paint(g, chart.getWidth(), chart.getHeight());
      g.setTransform(plain);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      double top = chart.getScreenYFromChart(top(y));
      double bottom = chart.getScreenYFromChart(bottom(y));
      paintYAxis(g, chart, y, top, bottom);
      paintMonths(g, chart, axis, top, bottom);
      paintLegend(g, chart, top);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Writes {@code image} as a PNG file (see {@link PngFile}). */
  static void writePng(BufferedImage image, Path file) throws IOException {
    PngFile.write(image, file);
  }

  // XChart drops a tick label that falls exactly on the plot's edge; a hair of slack keeps the
  // round ends of the range (the 0 of a flights chart) on the plot.
  private static double bottom(AxisRange y) {
    return y.min() - (y.max() - y.min()) / 500;
  }

  private static double top(AxisRange y) {
    return y.max() + (y.max() - y.min()) / 500;
  }

  private static double screenX(XYChart chart, double x) {
    return Y_AXIS_WIDTH + chart.getScreenXFromChart(x);
  }

  private static void paintYAxis(
      Graphics2D g, XYChart chart, AxisRange y, double top, double bottom) {
    String pattern = chart.getStyler().getYAxisDecimalPattern();
    DecimalFormat format =
        new DecimalFormat(
            pattern == null ? "#,##0.##" : pattern,
            DecimalFormatSymbols.getInstance(Locale.ENGLISH));
    g.setFont(TICK_FONT);
    FontMetrics metrics = g.getFontMetrics();
    double left = screenX(chart, 0);
    double right = screenX(chart, chart.getStyler().getXAxisMax());
    for (double value : y.ticks()) {
      double at = chart.getScreenYFromChart(value);
      if (value > y.min() && value < y.max()) {
        g.setColor(GRID);
        g.setStroke(GRID_STROKE);
        g.draw(new Line2D.Double(left, at, right, at));
      }
      g.setColor(INK);
      g.setStroke(THIN);
      g.draw(new Line2D.Double(left - TICK_LENGTH, at, left, at));
      String label = format.format(value == 0 ? 0.0 : value);
      g.drawString(
          label,
          (float) (left - TICK_LENGTH - 3 - metrics.stringWidth(label)),
          (float) (at + metrics.getAscent() / 2.0 - 1));
    }
    String title = chart.getYAxisTitle();
    if (title != null) {
      g.setFont(TITLE_FONT);
      FontMetrics titleMetrics = g.getFontMetrics();
      AffineTransform plain = g.getTransform();
      g.translate(4 + titleMetrics.getAscent(), (top + bottom) / 2);
      g.rotate(-Math.PI / 2);
      g.drawString(title, -titleMetrics.stringWidth(title) / 2f, 0f);
      g.setTransform(plain);
    }
  }

  private static void paintMonths(
      Graphics2D g, XYChart chart, MonthAxis axis, double top, double bottom) {
    g.setFont(TICK_FONT);
    FontMetrics metrics = g.getFontMetrics();
    float baseline = (float) bottom + TICK_LENGTH + 2 + metrics.getAscent();
    for (MonthAxis.Tick tick : axis.ticks()) {
      double x = screenX(chart, tick.start());
      if (tick.start() > 0) {
        g.setColor(GRID);
        g.setStroke(GRID_STROKE);
        g.draw(new Line2D.Double(x, top, x, bottom));
      }
      g.setColor(INK);
      g.setStroke(THIN);
      g.draw(new Line2D.Double(x, bottom, x, bottom + TICK_LENGTH));
      double middle = screenX(chart, tick.middle());
      g.drawString(
          tick.label(), (float) (middle - metrics.stringWidth(tick.label()) / 2.0), baseline);
    }
    double end = screenX(chart, axis.length());
    g.draw(new Line2D.Double(end, bottom, end, bottom + TICK_LENGTH));
  }

  /**
   * One entry per series shown in the legend, with a swatch like what it labels: a box for an area
   * (bars, band), a stroke for a line, the marker for marks.
   */
  private static void paintLegend(Graphics2D g, XYChart chart, double top) {
    g.setFont(LEGEND_FONT);
    FontMetrics metrics = g.getFontMetrics();
    double x = WIDTH - LEGEND_WIDTH + 16;
    double y = top + 8;
    int size = chart.getStyler().getMarkerSize();
    for (XYSeries series : chart.getSeriesMap().values()) {
      if (!series.isShowInLegend()) {
        continue;
      }
      double middle = y + 8;
      switch (series.getXYSeriesRenderStyle()) {
        case Area, StepArea, PolygonArea -> {
          Rectangle2D box = new Rectangle2D.Double(x + 4, middle - 6, 14, 12);
          g.setColor(series.getFillColor());
          g.fill(box);
          g.setColor(series.getLineColor());
          g.setStroke(THIN);
          g.draw(box);
        }
        case Scatter -> {
          g.setColor(series.getMarkerColor());
          series.getMarker().paint(g, x + SWATCH / 2.0, middle, size);
        }
        default -> {
          g.setColor(series.getLineColor());
          g.setStroke(series.getLineStyle());
          g.draw(new Line2D.Double(x, middle, x + SWATCH, middle));
        }
      }
      g.setColor(INK);
      g.drawString(
          series.getName(),
          (float) (x + SWATCH + 8),
          (float) (middle + metrics.getAscent() / 2.0 - 1));
      y += 22;
    }
  }
}
