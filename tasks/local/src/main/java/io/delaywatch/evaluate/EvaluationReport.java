package io.delaywatch.evaluate;

import io.delaywatch.sample.LabelKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The tables {@code ./delaywatch evaluate} prints: overall precision, recall and F1 per detector;
 * recall per planted kind, false alarms on the days that are not anomalies and the flagged share of
 * the days not scored; F1 per airport size band. Fixed-width plain text, so that it pastes into a
 * Markdown code block. Not API.
 */
final class EvaluationReport {
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
    // The kinds present, in LabelKind's order: positives, negatives, and those scored neither way.
    List<LabelKind> anomalous = present(any, k -> k.scored() && k.anomalous());
    List<LabelKind> notAnomalous = present(any, k -> k.scored() && !k.anomalous());
    List<LabelKind> notScored = present(any, k -> !k.scored());
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
    List<String> others = daysOf(any, notAnomalous);
    List<String> unscored = daysOf(any, notScored);
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
    out.println(
        shareRow(
            String.format(Locale.ROOT, name, "detector"),
            anomalous,
            notAnomalous,
            notScored,
            LabelKind::label,
            "ordinary"));
    for (Scoreboard board : boards) {
      out.println(
          shareRow(
              String.format(Locale.ROOT, name, board.detector()),
              anomalous,
              notAnomalous,
              notScored,
              kind -> number(board.flaggedShare(kind)),
              number(board.flaggedShare(null))));
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

  /** The kinds {@code board} has days of that {@code which} selects, in LabelKind's order. */
  private static List<LabelKind> present(Scoreboard board, Predicate<LabelKind> which) {
    return Arrays.stream(LabelKind.values())
        .filter(which)
        .filter(k -> board.labelled(k) > 0)
        .toList();
  }

  /** "1,888 drift", one per kind. */
  private static List<String> daysOf(Scoreboard board, List<LabelKind> kinds) {
    List<String> days = new ArrayList<>();
    for (LabelKind kind : kinds) {
      days.add(String.format(Locale.ROOT, "%,d %s", board.labelled(kind), kind.label()));
    }
    return days;
  }

  /**
   * One line of the flagged-share table: {@code first}, a cell per positive kind, {@code |}, a cell
   * per negative kind and {@code ordinary}, then {@code |} and a cell per kind not scored, if any.
   */
  private static String shareRow(
      String first,
      List<LabelKind> anomalous,
      List<LabelKind> notAnomalous,
      List<LabelKind> notScored,
      Function<LabelKind, String> cell,
      String ordinary) {
    StringBuilder row = new StringBuilder(first);
    appendCells(row, anomalous, cell);
    row.append("  |");
    appendCells(row, notAnomalous, cell);
    row.append(String.format(Locale.ROOT, "  %8s", ordinary));
    if (!notScored.isEmpty()) {
      row.append("  |");
      appendCells(row, notScored, cell);
    }
    return row.toString();
  }

  private static void appendCells(
      StringBuilder row, List<LabelKind> kinds, Function<LabelKind, String> cell) {
    for (LabelKind kind : kinds) {
      row.append(String.format(Locale.ROOT, column(kind), cell.apply(kind)));
    }
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
