package io.delaywatch.evaluate;

import io.delaywatch.sample.LabelKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tables {@code ./delaywatch evaluate} prints: overall precision, recall and F1 per detector;
 * recall per planted kind, false alarms on the days that are not anomalies and the flagged share of
 * the days not scored; F1 per airport size band. Fixed-width plain text, so that it pastes into a
 * Markdown code block. Not API.
 */
final class EvaluationReport {
  private static final List<LabelKind> ANOMALOUS =
      List.of(
          LabelKind.SPIKE,
          LabelKind.STORM,
          LabelKind.HUB_EVENT,
          LabelKind.CLOSURE,
          LabelKind.CANCELLATION_WAVE,
          LabelKind.COLLAPSE,
          LabelKind.GROUND_STOP);
  private static final List<LabelKind> NOT_ANOMALOUS =
      List.of(LabelKind.DRIFT, LabelKind.HOLIDAY_DIP, LabelKind.BUSY_DAY);
  private static final List<LabelKind> NOT_SCORED = List.of(LabelKind.HUB_SPILLOVER);

  private EvaluationReport() {}

  /**
   * Prints the tables.
   *
   * @param setup one line saying what was generated, printed first
   */
  static void print(Evaluation evaluation, String setup, PrintWriter out) {
    List<Scoreboard> boards = evaluation.scoreboards();
    if (boards.isEmpty()) {
      return;
    }
    Scoreboard any = boards.get(0);
    List<LabelKind> anomalous = ANOMALOUS.stream().filter(k -> any.labelled(k) > 0).toList();
    List<LabelKind> notAnomalous = NOT_ANOMALOUS.stream().filter(k -> any.labelled(k) > 0).toList();
    List<LabelKind> notScored = NOT_SCORED.stream().filter(k -> any.labelled(k) > 0).toList();
    int width = "detector".length();
    for (Scoreboard board : boards) {
      width = Math.max(width, board.detector().length());
    }
    String name = "%-" + width + "s";

    out.println(setup);
    long positives = any.overall().truePositives() + any.overall().falseNegatives();
    List<String> kinds = new ArrayList<>();
    for (LabelKind kind : anomalous) {
      kinds.add(String.format(Locale.ROOT, "%s %,d", kind.label(), any.labelled(kind)));
    }
    List<String> others = new ArrayList<>();
    for (LabelKind kind : notAnomalous) {
      others.add(String.format(Locale.ROOT, "%,d %s", any.labelled(kind), kind.label()));
    }
    List<String> unscored = new ArrayList<>();
    for (LabelKind kind : notScored) {
      unscored.add(String.format(Locale.ROOT, "%,d %s", any.labelled(kind), kind.label()));
    }
    out.printf(
        Locale.ROOT,
        "%,d airport-days, %,d anomalous (%s); the negatives include %s days%s.%n",
        evaluation.airportDays(),
        positives,
        String.join(", ", kinds),
        String.join(" and ", others),
        unscored.isEmpty()
            ? ""
            : "; not scored (neither positive nor negative): "
                + String.join(" and ", unscored)
                + " days");
    out.println();

    out.printf(
        Locale.ROOT,
        name
            + "  precision  recall     F1  alarms/airport-year  false/airport-year  seconds/year%n",
        "detector");
    for (Scoreboard board : boards) {
      Counts c = board.overall();
      out.printf(
          Locale.ROOT,
          name + "  %9s  %6s  %5s  %19s  %18s  %12s%n",
          board.detector(),
          number(c.precision()),
          number(c.recall()),
          number(c.f1()),
          fixed(board.alarmsPerAirportYear(), 1),
          fixed(board.falseAlarmsPerAirportYear(), 2),
          fixed(board.seconds() / evaluation.years(), 1));
    }
    out.println();

    out.println(
        "Share of days flagged: recall per planted kind | false alarms on days that are not anomalies"
            + (notScored.isEmpty() ? "" : " | days not scored"));
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, name, "detector"));
    for (LabelKind kind : anomalous) {
      header.append(String.format(Locale.ROOT, column(kind), kind.label()));
    }
    header.append("  |");
    for (LabelKind kind : notAnomalous) {
      header.append(String.format(Locale.ROOT, column(kind), kind.label()));
    }
    header.append(String.format(Locale.ROOT, "  %8s", "ordinary"));
    if (!notScored.isEmpty()) {
      header.append("  |");
      for (LabelKind kind : notScored) {
        header.append(String.format(Locale.ROOT, column(kind), kind.label()));
      }
    }
    out.println(header);
    for (Scoreboard board : boards) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, name, board.detector()));
      for (LabelKind kind : anomalous) {
        row.append(String.format(Locale.ROOT, column(kind), number(board.flaggedShare(kind))));
      }
      row.append("  |");
      for (LabelKind kind : notAnomalous) {
        row.append(String.format(Locale.ROOT, column(kind), number(board.flaggedShare(kind))));
      }
      row.append(String.format(Locale.ROOT, "  %8s", number(board.flaggedShare(null))));
      if (!notScored.isEmpty()) {
        row.append("  |");
        for (LabelKind kind : notScored) {
          row.append(String.format(Locale.ROOT, column(kind), number(board.flaggedShare(kind))));
        }
      }
      out.println(row);
    }
    out.println();

    List<String> bands = new ArrayList<>();
    for (SizeBand band : SizeBand.values()) {
      Counts c = any.band(band);
      bands.add(
          String.format(
              Locale.ROOT,
              "%s %s (%,d anomalous days)",
              band.label(),
              band.range(),
              c.truePositives() + c.falseNegatives()));
    }
    out.println(
        "F1 (precision/recall) per airport size, flights a day: " + String.join(", ", bands));
    StringBuilder bandHeader = new StringBuilder(String.format(Locale.ROOT, name, "detector"));
    for (SizeBand band : SizeBand.values()) {
      bandHeader.append(String.format(Locale.ROOT, "  %-20s", band.label()));
    }
    out.println(bandHeader.toString().stripTrailing());
    for (Scoreboard board : boards) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, name, board.detector()));
      for (SizeBand band : SizeBand.values()) {
        Counts c = board.band(band);
        row.append(
            String.format(
                Locale.ROOT,
                "  %-20s",
                number(c.f1()) + " (" + number(c.precision()) + "/" + number(c.recall()) + ")"));
      }
      out.println(row.toString().stripTrailing());
    }
    out.flush();
  }

  /** A right-aligned column as wide as the kind's label, at least 9. */
  private static String column(LabelKind kind) {
    return "  %" + Math.max(9, kind.label().length()) + "s";
  }

  /** Three decimals, or "-" when undefined. */
  private static String number(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String fixed(double value, int decimals) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
