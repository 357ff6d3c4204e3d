package io.delaywatch.db;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredDay;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test fixtures: the summary table read back, in key order. */
public final class TableRows {
  private TableRows() {}

  /** The rows as {@link ScoredDay}s (the columns the scored set has). */
  public static List<ScoredDay> scoredDays(Connection connection, String schema)
      throws SQLException {
    List<ScoredDay> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(select(schema, "*"))) {
      while (rs.next()) {
        rows.add(
            new ScoredDay(
                new DailyAirportStats(
                    rs.getString("airport"),
                    rs.getObject("flight_date", LocalDate.class),
                    rs.getInt("flights"),
                    rs.getInt("departed"),
                    rs.getInt("cancelled"),
                    rs.getInt("diverted"),
                    rs.getObject("avg_dep_delay", Double.class),
                    rs.getObject("delayed_15_share", Double.class),
                    rs.getDouble("carrier_delay_min"),
                    rs.getDouble("weather_delay_min"),
                    rs.getDouble("nas_delay_min"),
                    rs.getDouble("security_delay_min"),
                    rs.getDouble("late_aircraft_delay_min")),
                rs.getObject("expected_dep_delay", Double.class),
                rs.getObject("lower_bound", Double.class),
                rs.getObject("upper_bound", Double.class),
                rs.getObject("anomaly_score", Double.class),
                kind(rs.getString("anomaly_kind")),
                rs.getString("detector")));
      }
    }
    return rows;
  }

  /** Every column of every row, minus {@code except}, as column name to value. */
  public static List<Map<String, Object>> columns(
      Connection connection, String schema, Set<String> except) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(select(schema, "*"))) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          if (!except.contains(meta.getColumnName(i))) {
            row.put(meta.getColumnName(i), rs.getObject(i));
          }
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** One value per row of {@code expression}, in key order. */
  public static List<Object> column(Connection connection, String schema, String expression)
      throws SQLException {
    List<Object> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(select(schema, expression))) {
      while (rs.next()) {
        values.add(rs.getObject(1));
      }
    }
    return values;
  }

  private static String select(String schema, String what) {
    return "SELECT "
        + what
        + " FROM "
        + SummaryTable.qualifiedName(schema)
        + " ORDER BY airport, flight_date";
  }

  private static AnomalyKind kind(String name) {
    return name == null ? null : AnomalyKind.valueOf(name);
  }
}
