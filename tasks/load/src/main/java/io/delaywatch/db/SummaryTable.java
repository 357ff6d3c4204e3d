package io.delaywatch.db;

import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredDay;
import java.util.List;

/**
 * The table {@code airport_daily_summary} (created by {@code V1__airport_daily_summary.sql}) and
 * how a {@link ScoredDay} is written to it as one line of COPY's CSV format.
 */
public final class SummaryTable {
  /** The table's name; the schema is the {@link Database}'s. */
  public static final String NAME = "airport_daily_summary";

  /** Anomalous days and days per airport and year ({@code V2__airport_year_anomalies.sql}). */
  public static final String YEAR_VIEW = "airport_year_anomalies";

  /**
   * The columns a load writes, in COPY order. {@code loaded_at} takes its default (the load
   * transaction's start) and {@code main_delay_cause} is generated from the five cause sums.
   */
  public static final List<String> LOADED_COLUMNS =
      List.of(
          "airport",
          "flight_date",
          "flights",
          "departed",
          "cancelled",
          "diverted",
          "avg_dep_delay",
          "delayed_15_share",
          "carrier_delay_min",
          "weather_delay_min",
          "nas_delay_min",
          "security_delay_min",
          "late_aircraft_delay_min",
          "expected_dep_delay",
          "lower_bound",
          "upper_bound",
          "anomaly_score",
          "is_anomaly",
          "detector",
          "anomaly_kind",
          "run_id");

  private SummaryTable() {}

  /** {@code schema.airport_daily_summary}. */
  public static String qualifiedName(String schema) {
    return schema + "." + NAME;
  }

  /** The COPY statement the loader streams rows into. */
  static String copyStatement(String schema) {
    return "COPY "
        + qualifiedName(schema)
        + " ("
        + String.join(", ", LOADED_COLUMNS)
        + ") FROM STDIN (FORMAT csv)";
  }

  /**
   * Appends {@code row} as one CSV line in {@link #LOADED_COLUMNS} order. In COPY's CSV format an
   * unquoted empty field is NULL, so every text is quoted (an empty text stays a text); doubles are
   * written with {@link Double#toString}, which round-trips exactly and spells NaN and Infinity the
   * way PostgreSQL reads them.
   */
  static void appendCsv(StringBuilder line, ScoredDay row, String runId) {
    DailyAirportStats d = row.day();
    text(line, d.airport());
    line.append(',').append(d.flightDate());
    line.append(',').append(d.flights());
    line.append(',').append(d.departed());
    line.append(',').append(d.cancelled());
    line.append(',').append(d.diverted());
    number(line.append(','), d.avgDepDelay());
    number(line.append(','), d.delayed15Share());
    line.append(',').append(d.carrierDelayMin());
    line.append(',').append(d.weatherDelayMin());
    line.append(',').append(d.nasDelayMin());
    line.append(',').append(d.securityDelayMin());
    line.append(',').append(d.lateAircraftDelayMin());
    number(line.append(','), row.expectedDepDelay());
    number(line.append(','), row.lowerBound());
    number(line.append(','), row.upperBound());
    number(line.append(','), row.anomalyScore());
    line.append(',').append(row.anomaly() ? 't' : 'f');
    text(line.append(','), row.detector());
    text(line.append(','), row.kind() == null ? null : row.kind().name());
    text(line.append(','), runId);
    line.append('\n');
  }

  private static void number(StringBuilder line, Double value) {
    if (value != null) {
      line.append(value.doubleValue());
    }
  }

  private static void text(StringBuilder line, String value) {
    if (value != null) {
      line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
  }
}
