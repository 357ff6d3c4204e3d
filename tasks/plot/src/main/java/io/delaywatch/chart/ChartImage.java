package io.delaywatch.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;

/**
 * The house style of a year chart and its painting to PNG. XChart's {@link XYChart} holds the
 * series and their styles (render style, colours, stroke, marker, legend flag); everything is
 * painted here: title, plot frame, series, the y axis, the month axis under the plot (see {@link
 * MonthAxis}), the grid and the legend, in fixed places, so that every chart of every airport has
 * its plot area at exactly the same pixels ({@link #PLOT_LEFT} to {@link #PLOT_RIGHT}): the two
 * charts of an airport stacked in the report line up month for month.
 *
 * <p>Why not XChart's own painter: it costs about as much as all the rest of a chart (it lays out
 * axis labels we hide, with a DecimalFormat and a TextLayout per label, and strokes a line of 365
 * points as 365 separate antialiased segments), and it sizes the plot by the width of its labels
 * and legend, which differ from chart to chart. Not API; thread-safe (each call works on its own
 * chart and image; {@link #png} on a canvas of its thread).
 */
final class ChartImage {
  static final int WIDTH = 1200;
  static final int HEIGHT = 500;

  /** The column left of the plot that holds the y-axis title and tick labels. */
  static final int Y_AXIS_WIDTH = 78;

  /** The column right of the plot that holds the legend. */
  static final int LEGEND_WIDTH = 230;

  /** The strip under the plot that holds the month labels. */
  private static final int MONTH_BAND = 24;

  /** The pixel column of the plot frame's left edge: January 1st starts here. */
  static final int PLOT_LEFT = Y_AXIS_WIDTH;

  /** The pixel column of the plot frame's right edge: December 31st ends here. */
  static final int PLOT_RIGHT = WIDTH - LEGEND_WIDTH;

  /** The pixel row of the plot frame's top edge, under the title. */
  static final int PLOT_TOP = 25;

  /** The pixel row of the plot frame's bottom edge, over the month labels. */
  static final int PLOT_BOTTOM = HEIGHT - MONTH_BAND;

  /** Markers keep this many pixels from the plot's top and bottom edges, clear of the title. */
  static final int MARK_MARGIN = 3;

  private static final int TICK_LENGTH = 5;
  private static final Color GRID = new Color(0, 0, 0, 38);
  private static final Color INK = new Color(40, 40, 40);
  private static final Color FRAME = Color.GRAY;
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Stroke GRID_STROKE =
      new BasicStroke(
          1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f);
  private static final Stroke THIN = new BasicStroke(1f);
  private static final int SWATCH = 22;

  /**
   * One image per rendering thread, painted over for every chart: a new 1200×500 image is a 2.4 MB
   * array, which the garbage collector handles as a humongous object, 700 times a year.
   */
  private static final ThreadLocal<BufferedImage> CANVAS =
      ThreadLocal.withInitial(() -> new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB));

  private ChartImage() {}

  /** An empty chart of {@code axis}'s year; its series are drawn on a y axis spanning {@code y}. */
  static XYChart newChart(String title, String yAxisTitle, MonthAxis axis, AxisRange y) {
    XYChart chart =
        new XYChartBuilder()
            .width(PLOT_RIGHT - PLOT_LEFT)
            .height(PLOT_BOTTOM - PLOT_TOP)
            .title(title)
            .yAxisTitle(yAxisTitle)
            .build();
    XYStyler style = chart.getStyler();
    style.setLocale(Locale.ENGLISH);
    style.setMarkerSize(8);
    style.setXAxisMin(0.0);
    style.setXAxisMax((double) axis.length());
    style.setYAxisMin(y.min());
    style.setYAxisMax(y.max());
    return chart;
  }

  /**
   * {@code y} with each mark that would hide an earlier one (less than a marker apart both ways)
   * moved by whole marker heights, upwards first, downwards where upwards would leave the plot: a
   * day is under 3 pixels wide, so marks of consecutive days at about the same value would
   * otherwise print as one. Every mark stays {@link #MARK_MARGIN} pixels and half a marker inside
   * the plot, clear of the title above and the month labels below.
   *
   * @param x the marks' x, ascending
   */
  static double[] stacked(double[] x, double[] y, MonthAxis axis, AxisRange range, int size) {
    double pixelsPerDay = (double) (PLOT_RIGHT - PLOT_LEFT) / axis.length();
    double unitsPerPixel = (range.max() - range.min()) / (PLOT_BOTTOM - PLOT_TOP);
    double lift = size * unitsPerPixel;
    double inset = (size / 2.0 + MARK_MARGIN) * unitsPerPixel;
    double highest = range.max() - inset;
    double lowest = range.min() + inset;
    double[] out = new double[y.length];
    for (int i = 0; i < out.length; i++) {
      double wanted = Math.max(lowest, Math.min(highest, y[i]));
      out[i] = wanted;
      int up = 0;
      int down = 0;
      while (hidesAnEarlier(x, out, i, pixelsPerDay, size, lift)) {
        if (wanted + (up + 1) * lift <= highest) {
          out[i] = wanted + ++up * lift;
        } else if (wanted - (down + 1) * lift >= lowest) {
          out[i] = wanted - ++down * lift;
        } else {
          // A plot too short for the pile: the mark stays where it belongs.
          out[i] = wanted;
          break;
        }
      }
    }
    return out;
  }

  /** Whether mark {@code i} is less than a marker from an earlier one, both ways. */
  private static boolean hidesAnEarlier(
      double[] x, double[] y, int i, double pixelsPerDay, int size, double lift) {
    for (int j = 0; j < i; j++) {
      if ((x[i] - x[j]) * pixelsPerDay < size && Math.abs(y[i] - y[j]) < lift) {
        return true;
      }
    }
    return false;
  }

  /** Paints {@code chart} (made by {@link #newChart}) with its axes and legend on a new image. */
  static BufferedImage paint(XYChart chart, MonthAxis axis, AxisRange y) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    paint(chart, axis, y, image);
    return image;
  }

  /** Paints {@code chart} on {@code image} (its whole area; any earlier chart is covered). */
  static void paint(XYChart chart, MonthAxis axis, AxisRange y, BufferedImage image) {
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      Plot plot = new Plot(axis.length(), y);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      paintTitle(g, chart.getTitle());
      paintSeries(g, chart, plot);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      g.setColor(FRAME);
      g.setStroke(THIN);
      g.drawRect(PLOT_LEFT, PLOT_TOP, PLOT_RIGHT - PLOT_LEFT, PLOT_BOTTOM - PLOT_TOP);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      paintYAxis(g, chart, plot);
      paintMonths(g, axis, plot);
      paintLegend(g, chart);
    } finally {
      g.dispose();
    }
  }

  /** Paints {@code chart} on this thread's canvas; returns its PNG bytes (see {@link PngFile}). */
  static byte[] png(YearChart chart) {
    BufferedImage canvas = CANVAS.get();
    paint(chart.chart(), chart.axis(), chart.y(), canvas);
    return PngFile.encode(canvas);
  }

  /**
   * Chart coordinates to pixels: day {@code x} of {@code days} from {@link #PLOT_LEFT} to {@link
   * #PLOT_RIGHT}, {@code y}'s range from {@link #PLOT_BOTTOM} up to {@link #PLOT_TOP}.
   */
  record Plot(int days, AxisRange y) {
    double screenX(double x) {
      return PLOT_LEFT + x / days * (PLOT_RIGHT - PLOT_LEFT);
    }

    double screenY(double value) {
      return PLOT_BOTTOM - (value - y.min()) / (y.max() - y.min()) * (PLOT_BOTTOM - PLOT_TOP);
    }
  }

  /**
   * The title as filled glyph outlines: drawn as text, the bold sans-serif face of the headless
   * font setup renders as thin as the plain one.
   */
  private static void paintTitle(Graphics2D g, String title) {
    g.setFont(TITLE_FONT);
    g.setColor(Color.BLACK);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    FontMetrics metrics = g.getFontMetrics();
    GlyphVector glyphs = TITLE_FONT.createGlyphVector(g.getFontRenderContext(), title);
    g.fill(
        glyphs.getOutline(
            (PLOT_LEFT + PLOT_RIGHT - metrics.stringWidth(title)) / 2f,
            (float) PLOT_TOP - 5 - metrics.getDescent()));
  }

  /**
   * The series in the order they were added, clipped to the plot. Areas (bars, band) are filled
   * without antialiasing: their edges are vertical or follow the days' steps, where it does not
   * show, and an antialiased fill of most of the plot costs more than the rest of the chart. A line
   * is one path broken at NaN, stroked once.
   */
  private static void paintSeries(Graphics2D g, XYChart chart, Plot plot) {
    Shape clip = g.getClip();
    g.clipRect(PLOT_LEFT, PLOT_TOP, PLOT_RIGHT - PLOT_LEFT, PLOT_BOTTOM - PLOT_TOP);
    int size = chart.getStyler().getMarkerSize();
    for (XYSeries series : chart.getSeriesMap().values()) {
      if (!series.isEnabled()) {
        continue;
      }
      double[] x = series.getXData();
      double[] y = series.getYData();
      switch (series.getXYSeriesRenderStyle()) {
        case PolygonArea -> {
          g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
          g.setColor(series.getFillColor());
          g.fill(path(x, y, plot, true));
        }
        case Line -> {
          g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
          g.setColor(series.getLineColor());
          g.setStroke(series.getLineStyle());
          g.draw(path(x, y, plot, false));
        }
        case Scatter -> {
          g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
          for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(y[i])) {
              g.setColor(series.getMarkerColor());
              series.getMarker().paint(g, plot.screenX(x[i]), plot.screenY(y[i]), size);
            }
          }
        }
        default ->
            throw new IllegalStateException(
                series.getName() + ": " + series.getXYSeriesRenderStyle() + " is not drawn");
      }
    }
    g.setClip(clip);
  }

  /** The points as one path, a new subpath after every NaN; closed for an area. */
  private static Path2D path(double[] x, double[] y, Plot plot, boolean closed) {
    Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, x.length);
    boolean open = false;
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(y[i])) {
        open = false;
        continue;
      }
      double px = plot.screenX(x[i]);
      double py = plot.screenY(y[i]);
      if (open) {
        path.lineTo(px, py);
      } else {
        path.moveTo(px, py);
        open = true;
      }
    }
    if (closed) {
      path.closePath();
    }
    return path;
  }

  private static void paintYAxis(Graphics2D g, XYChart chart, Plot plot) {
    String pattern = chart.getStyler().getYAxisDecimalPattern();
    DecimalFormat format =
        new DecimalFormat(
            pattern == null ? "#,##0.##" : pattern,
            DecimalFormatSymbols.getInstance(Locale.ENGLISH));
    g.setFont(TICK_FONT);
    FontMetrics metrics = g.getFontMetrics();
    AxisRange y = plot.y();
    for (double value : y.ticks()) {
      double at = plot.screenY(value);
      if (value > y.min() && value < y.max()) {
        g.setColor(GRID);
        g.setStroke(GRID_STROKE);
        g.draw(new Line2D.Double(PLOT_LEFT, at, PLOT_RIGHT, at));
      }
      g.setColor(INK);
      g.setStroke(THIN);
      g.draw(new Line2D.Double(PLOT_LEFT - TICK_LENGTH, at, PLOT_LEFT, at));
      String label = format.format(value == 0 ? 0.0 : value);
      g.drawString(
          label,
          (float) (PLOT_LEFT - TICK_LENGTH - 3 - metrics.stringWidth(label)),
          (float) (at + metrics.getAscent() / 2.0 - 1));
    }
    String title = chart.getYAxisTitle();
    if (title != null) {
      g.setFont(AXIS_TITLE_FONT);
      FontMetrics titleMetrics = g.getFontMetrics();
      AffineTransform plain = g.getTransform();
      g.translate(4 + titleMetrics.getAscent(), (PLOT_TOP + PLOT_BOTTOM) / 2.0);
      g.rotate(-Math.PI / 2);
      g.drawString(title, -titleMetrics.stringWidth(title) / 2f, 0f);
      g.setTransform(plain);
    }
  }

  private static void paintMonths(Graphics2D g, MonthAxis axis, Plot plot) {
    g.setFont(TICK_FONT);
    FontMetrics metrics = g.getFontMetrics();
    float baseline = PLOT_BOTTOM + TICK_LENGTH + 2 + metrics.getAscent();
    for (MonthAxis.Tick tick : axis.ticks()) {
      double x = plot.screenX(tick.start());
      if (tick.start() > 0) {
        g.setColor(GRID);
        g.setStroke(GRID_STROKE);
        g.draw(new Line2D.Double(x, PLOT_TOP, x, PLOT_BOTTOM));
      }
      g.setColor(INK);
      g.setStroke(THIN);
      g.draw(new Line2D.Double(x, PLOT_BOTTOM, x, PLOT_BOTTOM + TICK_LENGTH));
      double middle = plot.screenX(tick.middle());
      g.drawString(
          tick.label(), (float) (middle - metrics.stringWidth(tick.label()) / 2.0), baseline);
    }
    g.draw(new Line2D.Double(PLOT_RIGHT, PLOT_BOTTOM, PLOT_RIGHT, PLOT_BOTTOM + TICK_LENGTH));
  }

  /**
   * One entry per series shown in the legend, with a swatch like what it labels: a box for an area
   * (bars, band), a stroke for a line, the marker for marks.
   */
  private static void paintLegend(Graphics2D g, XYChart chart) {
    g.setFont(LEGEND_FONT);
    FontMetrics metrics = g.getFontMetrics();
    double x = WIDTH - LEGEND_WIDTH + 16;
    double y = PLOT_TOP + 8;
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
