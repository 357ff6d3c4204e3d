package io.delaywatch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.delaywatch.api.Views.Airport;
import io.delaywatch.api.Views.AirportYear;
import io.delaywatch.api.Views.Anomaly;
import io.delaywatch.api.Views.Day;
import io.delaywatch.api.Views.EventDay;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The queries of the API, each one parameterized statement on a read-only connection. Throws the
 * driver's {@link SQLException}s unchanged: {@link ApiServer} maps connection failures to 503.
 * Thread-safe (a connection per call).
 */
final class ResultsStore {
  private static final String DAY_COLUMNS =
      "flight_date, flights, departed, cancelled, diverted, avg_dep_delay, delayed_15_share,"
          + " expected_dep_delay, lower_bound, upper_bound, anomaly_score, is_anomaly, anomaly_kind,"
          + " main_delay_cause, detector";
  private static final TypeReference<LinkedHashMap<String, Integer>> KIND_COUNTS =
      new TypeReference<>() {};

  private final DataSource dataSource;

  ResultsStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** True when the database answers a trivial query. */
  boolean ready() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement("SELECT 1");
        ResultSet rs = st.executeQuery()) {
      return rs.next();
    }
  }

  /**
   * What changes whenever rows of the table are written: PostgreSQL's write counters of the table
   * (reported by the writing backend at most about a second after its commit), with the server's
   * start and the statistics' reset time, which set the counters back. Empty when the server keeps
   * no counters ({@code track_counts = off}): then nothing may be cached on it.
   */
  Optional<String> tableVersion() throws SQLException {
    // Counters, not max(loaded_at): they cost no scan of the table.
    String sql =
        "SELECT current_setting('track_counts') = 'on', concat_ws('/', pg_postmaster_start_time(),"
            + " (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()),"
            + " t.n_tup_ins, t.n_tup_upd, t.n_tup_del)"
            + " FROM pg_stat_user_tables t WHERE t.relid = 'airport_daily_summary'::regclass";
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      return rs.next() && rs.getBoolean(1) ? Optional.of(rs.getString(2)) : Optional.empty();
    }
  }

  List<Airport> airports() throws SQLException {
    String sql =
        "SELECT airport, year, days, anomalous_days FROM airport_year_anomalies ORDER BY airport, year";
    Map<String, List<AirportYear>> byAirport = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        byAirport
            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
            .add(new AirportYear(rs.getInt(2), rs.getLong(3), rs.getLong(4)));
      }
    }
    List<Airport> airports = new ArrayList<>();
    byAirport.forEach((code, years) -> airports.add(new Airport(code, years)));
    return airports;
  }

  boolean airportExists(String airport) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st =
            c.prepareStatement("SELECT 1 FROM airport_daily_summary WHERE airport = ? LIMIT 1")) {
      st.setString(1, airport);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The days of {@code airport} from {@code from} to {@code to}, both included, by date. */
  List<Day> days(String airport, LocalDate from, LocalDate to) throws SQLException {
    String sql =
        "SELECT "
            + DAY_COLUMNS
            + " FROM airport_daily_summary WHERE airport = ? AND flight_date BETWEEN ? AND ?"
            + " ORDER BY flight_date";
    List<Day> days = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, airport);
      st.setObject(2, from);
      st.setObject(3, to);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          days.add(day(rs));
        }
      }
    }
    return days;
  }

  Optional<Day> day(String airport, LocalDate date) throws SQLException {
    List<Day> days = days(airport, date, date);
    return days.isEmpty() ? Optional.empty() : Optional.of(days.get(0));
  }

  /**
   * Up to {@code limit} anomalous days in (date, airport) order after {@code after} (null: from the
   * start), filtered by the non-null arguments.
   */
  List<Anomaly> anomalies(Integer year, String airport, String kind, PageCursor after, int limit)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT airport, flight_date, flights, cancelled, avg_dep_delay, delayed_15_share,"
                + " expected_dep_delay, lower_bound, upper_bound, anomaly_score, anomaly_kind,"
                + " main_delay_cause FROM airport_daily_summary WHERE is_anomaly");
    List<Object> args = new ArrayList<>();
    if (year != null) {
      sql.append(" AND flight_date >= ? AND flight_date < ?");
      args.add(LocalDate.of(year, 1, 1));
      args.add(LocalDate.of(year + 1, 1, 1));
    }
    if (airport != null) {
      sql.append(" AND airport = ?");
      args.add(airport);
    }
    if (kind != null) {
      sql.append(" AND anomaly_kind = ?");
      args.add(kind);
    }
    if (after != null) {
      sql.append(" AND (flight_date, airport) > (?, ?)");
      args.add(after.date());
      args.add(after.airport());
    }
    sql.append(" ORDER BY flight_date, airport LIMIT ?");
    args.add(limit);
    List<Anomaly> page = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        st.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          page.add(
              new Anomaly(
                  rs.getString(1),
                  rs.getObject(2, LocalDate.class).toString(),
                  rs.getInt(3),
                  rs.getInt(4),
                  nullable(rs, 5),
                  nullable(rs, 6),
                  nullable(rs, 7),
                  nullable(rs, 8),
                  nullable(rs, 9),
                  nullable(rs, 10),
                  rs.getString(11),
                  rs.getString(12)));
        }
      }
    }
    return page;
  }

  /** The network-wide event days, of one year or (null) of all, by date. */
  List<EventDay> events(Integer year) throws SQLException {
    String sql =
        "SELECT flight_date, year, airports_reporting, airports_anomalous, airports, kinds::text,"
            + " main_kind FROM network_event_days"
            // A date range, not year = ?: it reaches the view's per-day grouping as an index range.
            + (year != null ? " WHERE flight_date >= ? AND flight_date < ?" : "")
            + " ORDER BY flight_date";
    List<EventDay> events = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      if (year != null) {
        st.setObject(1, LocalDate.of(year, 1, 1));
        st.setObject(2, LocalDate.of(year + 1, 1, 1));
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Array airports = rs.getArray(5);
          events.add(
              new EventDay(
                  rs.getObject(1, LocalDate.class).toString(),
                  rs.getInt(2),
                  rs.getInt(3),
                  rs.getInt(4),
                  airports == null ? List.of() : Arrays.asList((String[]) airports.getArray()),
                  kinds(rs.getString(6)),
                  rs.getString(7)));
        }
      }
    }
    return events;
  }

  /**
   * The history of {@code airport} before {@code date} that the risk rests on: all its days with a
   * delayed share, and those of the same month and ISO weekday.
   */
  RiskHistory riskHistory(String airport, LocalDate date) throws SQLException {
    String sql =
        "SELECT count(*) FILTER (WHERE same_cell), coalesce(sum(departed) FILTER (WHERE same_cell), 0),"
            + " coalesce(sum(delayed) FILTER (WHERE same_cell), 0),"
            + " count(*), coalesce(sum(departed), 0), coalesce(sum(delayed), 0)"
            + " FROM (SELECT departed, delayed_15_share * departed AS delayed,"
            + " EXTRACT(MONTH FROM flight_date) = ? AND EXTRACT(ISODOW FROM flight_date) = ?"
            + " AS same_cell FROM airport_daily_summary WHERE airport = ? AND flight_date < ?"
            + " AND departed > 0 AND delayed_15_share IS NOT NULL) history";
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setInt(1, date.getMonthValue());
      st.setInt(2, date.getDayOfWeek().getValue());
      st.setString(3, airport);
      st.setObject(4, date);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return new RiskHistory(
            new RiskEstimator.Counts(rs.getLong(1), rs.getDouble(2), rs.getDouble(3)),
            new RiskEstimator.Counts(rs.getLong(4), rs.getDouble(5), rs.getDouble(6)));
      }
    }
  }

  record RiskHistory(RiskEstimator.Counts cell, RiskEstimator.Counts overall) {}

  private static Day day(ResultSet rs) throws SQLException {
    return new Day(
        rs.getObject(1, LocalDate.class).toString(),
        rs.getInt(2),
        rs.getInt(3),
        rs.getInt(4),
        rs.getInt(5),
        nullable(rs, 6),
        nullable(rs, 7),
        nullable(rs, 8),
        nullable(rs, 9),
        nullable(rs, 10),
        nullable(rs, 11),
        rs.getBoolean(12),
        rs.getString(13),
        rs.getString(14),
        rs.getString(15));
  }

  private static Double nullable(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static Map<String, Integer> kinds(String json) throws SQLException {
    if (json == null) {
      return Map.of();
    }
    try {
      return Json.MAPPER.readValue(json, KIND_COUNTS);
    } catch (JsonProcessingException e) {
      throw new SQLException("network_event_days.kinds is not a JSON object of counts: " + json, e);
    }
  }
}
