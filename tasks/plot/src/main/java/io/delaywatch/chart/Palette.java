package io.delaywatch.chart;

import io.delaywatch.daily.AnomalyKind;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.Circle;
import org.knowm.xchart.style.markers.Marker;

/** The colours of the charts, the same for every airport so charts compare at a glance. Not API. */
final class Palette {
  static final Color FLIGHTS = new Color(122, 162, 212);
  static final Color CANCELLED = new Color(240, 150, 60);
  static final Color DELAY = new Color(31, 86, 160);
  static final Color EXPECTED = new Color(60, 60, 60);
  static final Color BAND = new Color(196, 214, 236);
  static final Color ANOMALY = new Color(214, 39, 40);
  static final Color LOW = new Color(0, 140, 120);
  static final Color WAVE = new Color(128, 40, 150);
  static final Color COLLAPSE = new Color(25, 25, 25);

  /** A circle half the size of the anomaly markers (XChart's marker size is per chart). */
  static final Marker DOT =
      new Circle() {
        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
          super.paint(g, x, y, Math.max(3, markerSize / 2));
        }
      };

  private Palette() {}

  /**
   * How a kind of anomalous day is marked, and the legend entry that names it. Delay kinds are dots
   * on the delay chart; cancellation waves and collapses are about the schedule, so they are marked
   * on the flights chart, each with its own shape so that a colour-blind reader tells them apart
   * too.
   */
  enum Mark {
    HIGH_DELAY("high delay", ANOMALY, Form.CIRCLE),
    LOW_DELAY("low delay", LOW, Form.CIRCLE),
    CANCELLATIONS("cancellation wave", WAVE, Form.TRIANGLE),
    COLLAPSE("schedule collapse", Palette.COLLAPSE, Form.DIAMOND);

    final String label;
    final Color color;
    private final Form shape;

    Mark(String label, Color color, Form shape) {
      this.label = label;
      this.color = color;
      this.shape = shape;
    }

    static Mark of(AnomalyKind kind) {
      return valueOf(kind.name());
    }

    /** Styles {@code series} as this kind's markers, no line. */
    void style(XYSeries series) {
      series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      series.setMarker(new Outlined(shape, true));
      series.setMarkerColor(color);
    }
  }

  /** A delay-kind day whose delay lies inside the band: flagged on other features (open marker). */
  static void insideBandMarkers(XYSeries series) {
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    series.setMarker(new Outlined(Form.CIRCLE, false));
    series.setMarkerColor(ANOMALY);
  }

  private enum Form {
    CIRCLE,
    TRIANGLE,
    DIAMOND
  }

  /**
   * A filled (or open) marker with a white rim: marks of consecutive days overlap by most of their
   * width (a day is under 3 pixels wide), and the rim keeps each one visible as its own mark.
   */
  private static final class Outlined extends Marker {
    private static final BasicStroke RIM = new BasicStroke(1.5f);
    private static final BasicStroke RING = new BasicStroke(2f);
    private final Form shape;
    private final boolean filled;

    Outlined(Form shape, boolean filled) {
      this.shape = shape;
      this.filled = filled;
    }

    @Override
    public void paint(Graphics2D g, double x, double y, int size) {
      java.awt.Shape outline = outline(x, y, size);
      Color color = g.getColor();
      g.setColor(Color.WHITE);
      g.setStroke(RIM);
      g.draw(outline);
      g.setColor(color);
      if (filled) {
        g.fill(outline);
      } else {
        g.setStroke(RING);
        g.draw(outline(x, y, size - 2));
      }
    }

    private java.awt.Shape outline(double x, double y, double size) {
      double h = size / 2;
      return switch (shape) {
        case CIRCLE -> new Ellipse2D.Double(x - h, y - h, size, size);
        case TRIANGLE -> polygon(x - h * 1.15, y - h, x + h * 1.15, y - h, x, y + h);
        case DIAMOND -> polygon(x, y - h * 1.25, x + h * 1.1, y, x, y + h * 1.25, x - h * 1.1, y);
      };
    }

    private static java.awt.Shape polygon(double... xy) {
      Path2D.Double path = new Path2D.Double();
      path.moveTo(xy[0], xy[1]);
      for (int i = 2; i < xy.length; i += 2) {
        path.lineTo(xy[i], xy[i + 1]);
      }
      path.closePath();
      return path;
    }
  }
}
