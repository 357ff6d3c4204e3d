package io.delaywatch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delaywatch.daily.DailyAirportStats;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MigrationsIT {
  private static EmbeddedPostgres postgres;
  private Database database;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @BeforeEach
  void migrateAFreshSchema() throws SQLException {
    database = Database.of(postgres.getJdbcUrl("postgres", "postgres"), null, null, "public");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
    }
    assertThat(database.migrate()).isEqualTo("3");
  }

  @Test
  void migrationsCreateTheTableWithTheContractColumns() throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT column_name, data_type, is_nullable, is_generated"
                    + " FROM information_schema.columns"
                    + " WHERE table_schema = 'public' AND table_name = 'airport_daily_summary'"
                    + " ORDER BY ordinal_position")) {
      while (rs.next()) {
        columns.add(
            rs.getString(1)
                + " "
                + rs.getString(2)
                + ("YES".equals(rs.getString(3)) ? " null" : " not null")
                + ("ALWAYS".equals(rs.getString(4)) ? " generated" : ""));
      }
    }

    assertThat(columns)
        .containsExactly(
            "airport text not null",
            "flight_date date not null",
            "flights integer not null",
            "departed integer not null",
            "cancelled integer not null",
            "diverted integer not null",
            "avg_dep_delay double precision null",
            "delayed_15_share double precision null",
            "carrier_delay_min double precision not null",
            "weather_delay_min double precision not null",
            "nas_delay_min double precision not null",
            "security_delay_min double precision not null",
            "late_aircraft_delay_min double precision not null",
            "expected_dep_delay double precision null",
            "lower_bound double precision null",
            "upper_bound double precision null",
            "anomaly_score double precision null",
            "is_anomaly boolean not null",
            "detector text not null",
            "run_id text null",
            "loaded_at timestamp with time zone not null",
            "main_delay_cause text null generated",
            "anomaly_kind text null");
    // The loader writes every column but the two the database fills itself.
    assertThat(SummaryTable.LOADED_COLUMNS)
        .containsExactlyInAnyOrderElementsOf(
            columns.stream()
                .map(c -> c.split(" ")[0])
                .filter(c -> !c.equals("loaded_at") && !c.equals("main_delay_cause"))
                .toList());
  }

  @Test
  void keyIsAirportAndDayAndIndexesCoverDatesAndAnomalousDays() throws SQLException {
    List<String> indexes = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'airport_daily_summary'"
                    + " ORDER BY indexname")) {
      while (rs.next()) {
        indexes.add(rs.getString(1).replace("public.", ""));
      }
    }

    assertThat(indexes)
        .containsExactly(
            "CREATE INDEX airport_daily_summary_anomaly_idx ON airport_daily_summary"
                + " USING btree (is_anomaly) WHERE is_anomaly",
            "CREATE INDEX airport_daily_summary_flight_date_idx ON airport_daily_summary"
                + " USING btree (flight_date)",
            "CREATE UNIQUE INDEX airport_daily_summary_pkey ON airport_daily_summary"
                + " USING btree (airport, flight_date)");
  }

  @Test
  void checkConstraintsRejectImpossibleFigures() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      insert(s, "'ATL', '2015-01-01', 10, 8, 2, 0, 0.5");

      assertThatThrownBy(() -> insert(s, "'ATL', '2015-01-02', 10, 9, 2, 0, 0.5"))
          .hasMessageMatching(checkViolation("departed", "ATL, 2015-01-02, 10, 9, 2, 0"));
      // Negative flights break the cancelled range too; PostgreSQL may name either constraint.
      assertThatThrownBy(() -> insert(s, "'ATL', '2015-01-03', -1, -1, 0, 0, 0.5"))
          .hasMessageMatching(
              checkViolation("(departed|cancelled)", "ATL, 2015-01-03, -1, -1, 0, 0"));
      assertThatThrownBy(() -> insert(s, "'ATL', '2015-01-04', 10, -2, 12, 0, 0.5"))
          .hasMessageMatching(checkViolation("cancelled", "ATL, 2015-01-04, 10, -2, 12, 0"));
      assertThatThrownBy(() -> insert(s, "'ATL', '2015-01-05', 10, 8, 2, -1, 0.5"))
          .hasMessageMatching(checkViolation("diverted", "ATL, 2015-01-05, 10, 8, 2, -1"));
      assertThatThrownBy(() -> insert(s, "'ATL', '2015-01-06', 10, 8, 2, 0, 1.5"))
          .hasMessageMatching(checkViolation("share", "ATL, 2015-01-06, 10, 8, 2, 0", "1.5"));
      assertThatThrownBy(() -> insert(s, "'ATL', '2015-01-01', 10, 8, 2, 0, 0.5"))
          .hasMessage(
              "ERROR: duplicate key value violates unique constraint \"airport_daily_summary_pkey\"\n"
                  + "  Detail: Key (airport, flight_date)=(ATL, 2015-01-01) already exists.");
    }
  }

  @Test
  void mainDelayCauseIsTheLargestCauseLikeDailyAirportStats() throws SQLException {
    double[][] causes = {
      {0, 0, 0, 0, 0},
      {1, 0, 0, 0, 0},
      {0, 0, 0, 0, 7.5},
      {3, 9, 9, 1, 2},
      {5, 5, 5, 5, 5},
      {0, 0, 0, 0.25, 0},
      {0, -4, 0, 0, 0},
      {12.5, 400, 399.9999999999, 0, 400.0000000001},
    };
    List<String> expected = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (int i = 0; i < causes.length; i++) {
        double[] m = causes[i];
        s.execute(
            "INSERT INTO airport_daily_summary (airport, flight_date, flights, departed,"
                + " cancelled, diverted, carrier_delay_min, weather_delay_min, nas_delay_min,"
                + " security_delay_min, late_aircraft_delay_min, is_anomaly, detector) VALUES"
                + " ('ATL', DATE '2015-01-01' + "
                + i
                + ", 1, 1, 0, 0, "
                + m[0]
                + ", "
                + m[1]
                + ", "
                + m[2]
                + ", "
                + m[3]
                + ", "
                + m[4]
                + ", false, 'd')");
        expected.add(
            new DailyAirportStats("ATL", null, 1, 1, 0, 0, null, null, m[0], m[1], m[2], m[3], m[4])
                .mainCause());
      }
      assertThat(TableRows.column(c, "public", "main_delay_cause")).isEqualTo(expected);
    }
    assertThat(expected)
        .containsExactly(
            null,
            "carrier",
            "late_aircraft",
            "weather",
            "carrier",
            "security",
            null,
            "late_aircraft");
  }

  @Test
  void yearViewCountsAnomalousDaysPerAirportAndYear() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO airport_daily_summary (airport, flight_date, flights, departed, cancelled,"
              + " diverted, carrier_delay_min, weather_delay_min, nas_delay_min,"
              + " security_delay_min, late_aircraft_delay_min, is_anomaly, detector,"
              + " anomaly_kind) VALUES"
              + " ('ATL', '2015-01-01', 1, 1, 0, 0, 0, 0, 0, 0, 0, true, 'd', 'HIGH_DELAY'),"
              + " ('ATL', '2015-12-31', 1, 1, 0, 0, 0, 0, 0, 0, 0, false, 'd', null),"
              + " ('ATL', '2016-01-01', 1, 1, 0, 0, 0, 0, 0, 0, 0, false, 'd', null),"
              + " ('BOS', '2015-06-01', 1, 1, 0, 0, 0, 0, 0, 0, 0, true, 'd', 'COLLAPSE')");
      List<String> view = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery("SELECT * FROM airport_year_anomalies ORDER BY airport, year")) {
        while (rs.next()) {
          view.add(
              rs.getString("airport")
                  + " "
                  + rs.getInt("year")
                  + " "
                  + rs.getLong("anomalous_days")
                  + "/"
                  + rs.getLong("days"));
        }
      }

      assertThat(view).containsExactly("ATL 2015 1/2", "ATL 2016 0/1", "BOS 2015 1/1");
    }
  }

  @Test
  void migratingAgainKeepsTheVersionAndTheRows() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      insert(s, "'ATL', '2015-01-01', 10, 8, 2, 0, 0.5");
    }

    assertThat(database.migrate()).isEqualTo("3");
    try (Connection c = connect()) {
      assertThat(TableRows.column(c, "public", "airport")).containsExactly("ATL");
    }
  }

  @Test
  void aSchemaOtherThanPublicIsCreatedAndMigrated() throws SQLException {
    Database other =
        Database.of(postgres.getJdbcUrl("postgres", "postgres"), null, null, "delaywatch");

    assertThat(other.migrate()).isEqualTo("3");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SELECT anomalous_days FROM delaywatch.airport_year_anomalies");
      s.execute("DROP SCHEMA delaywatch CASCADE");
    }
  }

  private Connection connect() {
    return database.connect(1, Duration.ZERO);
  }

  private static void insert(Statement s, String figures) throws SQLException {
    s.execute(
        "INSERT INTO airport_daily_summary (airport, flight_date, flights, departed, cancelled,"
            + " diverted, delayed_15_share, carrier_delay_min, weather_delay_min, nas_delay_min,"
            + " security_delay_min, late_aircraft_delay_min, is_anomaly, detector) VALUES ("
            + figures
            + ", 0, 0, 0, 0, 0, false, 'd')");
  }

  /**
   * PostgreSQL's whole message for a row of {@link #insert} breaking {@code
   * airport_daily_summary_<constraint>_check}; only loaded_at (now()) varies between runs.
   */
  private static String checkViolation(String constraint, String counts) {
    return checkViolation(constraint, counts, "0.5");
  }

  private static String checkViolation(String constraint, String counts, String share) {
    return Pattern.quote(
            "ERROR: new row for relation \"airport_daily_summary\" violates check constraint"
                + " \"airport_daily_summary_")
        + constraint
        + Pattern.quote(
            "_check\"\n  Detail: Failing row contains ("
                + counts
                + ", null, "
                + share
                + ", 0, 0, 0, 0, 0, null, null, null, null, f, d, null, ")
        + "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)?\\+00"
        + Pattern.quote(", null, null).");
  }
}
