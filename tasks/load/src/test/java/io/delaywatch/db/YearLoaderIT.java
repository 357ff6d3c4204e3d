package io.delaywatch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredDay;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

class YearLoaderIT {
  private static final String SCHEMA = "dw";
  private static final Set<String> LOAD_STAMP = Set.of("loaded_at", "run_id");
  private static EmbeddedPostgres postgres;
  private static Database database;
  private final YearLoader loader = new YearLoader(SCHEMA);
  private Connection connection;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.start();
    database = Database.of(postgres.getJdbcUrl("postgres", "postgres"), null, null, SCHEMA);
    database.migrate();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @BeforeEach
  void emptyTable() throws SQLException {
    connection = connect();
    try (Statement s = connection.createStatement()) {
      s.execute("TRUNCATE " + SummaryTable.qualifiedName(SCHEMA));
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void loadWritesEveryRowWithItsValuesAndCountsTheRowsItReplaced() throws SQLException {
    List<ScoredDay> first = ScoredDays.year(2015, 1, "ATL", "BOS");
    List<ScoredDay> second = ScoredDays.year(2015, 2, "ATL", "BOS", "ORD");

    LoadResult created = loader.load(connection, year(2015, first), "r1");
    assertThat(TableRows.scoredDays(connection, SCHEMA)).isEqualTo(first);
    LoadResult replaced = loader.load(connection, year(2015, second), "r2");

    long anomalies = second.stream().filter(ScoredDay::anomaly).count();
    assertThat(anomalies).isPositive();
    assertThat(created)
        .isEqualTo(new LoadResult(2015, 0, 730, first.stream().filter(ScoredDay::anomaly).count()));
    assertThat(replaced).isEqualTo(new LoadResult(2015, 730, 1095, anomalies));
    assertThat(TableRows.scoredDays(connection, SCHEMA)).isEqualTo(second);
    assertThat(TableRows.column(connection, SCHEMA, "main_delay_cause"))
        .isEqualTo(second.stream().map(r -> r.day().mainCause()).toList());
    assertThat(TableRows.column(connection, SCHEMA, "run_id")).containsOnly("r2");
    assertThat(connection.getAutoCommit()).isTrue();
  }

  @Test
  void aFailureMidCopyLeavesThePreviousRowsIntact() throws SQLException {
    loader.load(connection, year(2015, ScoredDays.year(2015, 1, "ATL", "BOS")), "r1");
    List<Map<String, Object>> before = TableRows.columns(connection, SCHEMA, Set.of());

    YearLoader failing =
        loader.withRowListener(
            (index, row) -> {
              if (index == 400) {
                throw new IllegalStateException("injected failure at row 400");
              }
            });
    CheckedYear next = year(2015, ScoredDays.year(2015, 2, "ATL", "BOS", "ORD"));

    assertThatThrownBy(() -> failing.load(connection, next, "r2"))
        .hasMessage("injected failure at row 400");
    assertThat(TableRows.columns(connection, SCHEMA, Set.of())).isEqualTo(before);
    assertThat(connection.getAutoCommit()).isTrue();
  }

  @Test
  void aConnectionLostMidCopyLeavesThePreviousRowsIntact() throws SQLException {
    loader.load(connection, year(2015, ScoredDays.year(2015, 1, "ATL")), "r1");
    List<Map<String, Object>> before = TableRows.columns(connection, SCHEMA, Set.of());
    int victim = connection.unwrap(PGConnection.class).getBackendPID();

    YearLoader severed =
        loader.withRowListener(
            (index, row) -> {
              if (index == 100) {
                try (Connection other = connect();
                    Statement s = other.createStatement()) {
                  s.execute("SELECT pg_terminate_backend(" + victim + ")");
                }
              }
            });
    CheckedYear next = year(2015, ScoredDays.year(2015, 2, "ATL", "BOS"));

    assertThatThrownBy(() -> severed.load(connection, next, "r2")).isInstanceOf(SQLException.class);
    try (Connection fresh = connect()) {
      assertThat(TableRows.columns(fresh, SCHEMA, Set.of())).isEqualTo(before);
    }
  }

  @Test
  void concurrentLoadsOfTheSameYearWaitForEachOtherAndLeaveOneYear() throws Exception {
    CheckedYear a = year(2015, ScoredDays.year(2015, 1, "ATL", "BOS"));
    CheckedYear b = year(2015, ScoredDays.year(2015, 2, "ATL", "BOS"));
    CountDownLatch aHoldsTheLock = new CountDownLatch(1);
    // A pauses inside its transaction until B is seen waiting for the year's lock.
    YearLoader first =
        loader.withRowListener(
            (index, row) -> {
              if (index == 0) {
                aHoldsTheLock.countDown();
                awaitLockWaiter();
              }
            });
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Connection ca = connect();
        Connection cb = connect()) {
      Future<LoadResult> loadA = threads.submit(() -> first.load(ca, a, "a"));
      assertThat(aHoldsTheLock.await(30, TimeUnit.SECONDS)).isTrue();
      Future<LoadResult> loadB = threads.submit(() -> loader.load(cb, b, "b"));

      assertThat(loadA.get(60, TimeUnit.SECONDS).rowsLoaded()).isEqualTo(730);
      assertThat(loadB.get(60, TimeUnit.SECONDS))
          .isEqualTo(new LoadResult(2015, 730, 730, b.anomalies()));
    } finally {
      threads.shutdownNow();
    }
    assertThat(TableRows.scoredDays(connection, SCHEMA)).isEqualTo(b.rows());
    assertThat(TableRows.column(connection, SCHEMA, "run_id")).containsOnly("b");
  }

  @Test
  void loadingOneYearLeavesTheOtherYearsUntouched() throws SQLException {
    List<ScoredDay> y2016 = ScoredDays.year(2016, 16, "ATL", "BOS");
    List<ScoredDay> y2014 = ScoredDays.year(2014, 14, "ATL");
    loader.load(connection, year(2016, y2016), "r2016");
    loader.load(connection, year(2014, y2014), "r2014");
    List<Map<String, Object>> before = TableRows.columns(connection, SCHEMA, Set.of());

    LoadResult first = loader.load(connection, year(2015, ScoredDays.year(2015, 1, "ATL")), "a");
    LoadResult again = loader.load(connection, year(2015, ScoredDays.year(2015, 2, "BOS")), "b");

    assertThat(first.rowsDeleted()).isZero();
    assertThat(again.rowsDeleted()).isEqualTo(365);
    List<Map<String, Object>> after = TableRows.columns(connection, SCHEMA, Set.of());
    after.removeIf(row -> ((Date) row.get("flight_date")).toLocalDate().getYear() == 2015);
    assertThat(after).isEqualTo(before);
    assertThat(countOf("SELECT count(*) FROM dw.airport_daily_summary"))
        .isEqualTo(y2016.size() + y2014.size() + 365);
  }

  @Test
  void nanInfinityNegativeZeroExtremesAndNullsRoundTrip() throws SQLException {
    List<ScoredDay> rows =
        List.of(
            new ScoredDay(
                new DailyAirportStats(
                    "ATL", LocalDate.of(2015, 1, 1), 0, 0, 0, 0, null, null, 0, 0, 0, 0, 0),
                null,
                null,
                null,
                null,
                null,
                "robust_zscore"),
            new ScoredDay(
                new DailyAirportStats(
                    "ATL",
                    LocalDate.of(2015, 12, 31),
                    3,
                    3,
                    0,
                    3,
                    Double.NaN,
                    1.0,
                    -0.0,
                    Double.MIN_VALUE,
                    Double.MAX_VALUE,
                    1e-300,
                    0.1 + 0.2),
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                Double.NaN,
                -0.0,
                AnomalyKind.HIGH_DELAY,
                "seasonal \"v2\", weekly"),
            new ScoredDay(
                new DailyAirportStats(
                    "BOS",
                    LocalDate.of(2015, 7, 4),
                    5,
                    1,
                    4,
                    0,
                    -12.345678901234567,
                    0.0,
                    1 / 3.0,
                    2 / 3.0,
                    0,
                    0,
                    0),
                123456789.123456789,
                -1e-10,
                4.9e-324,
                Double.POSITIVE_INFINITY,
                AnomalyKind.COLLAPSE,
                "é✈ unicode"));

    loader.load(connection, year(2015, rows), "run \"quoted\",\nwith newline");

    assertThat(TableRows.scoredDays(connection, SCHEMA)).isEqualTo(rows);
    assertThat(TableRows.column(connection, SCHEMA, "run_id"))
        .containsOnly("run \"quoted\",\nwith newline");
    assertThat(TableRows.column(connection, SCHEMA, "main_delay_cause"))
        .containsExactly(null, "nas", "weather");
  }

  private static CheckedYear year(int year, List<ScoredDay> rows) {
    return CheckedYear.check(year, rows, "test");
  }

  private static Connection connect() {
    return database.connect(1, Duration.ZERO);
  }

  private long countOf(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void awaitLockWaiter() throws SQLException {
    List<Object> waiting = new ArrayList<>();
    try (Connection observer = connect();
        Statement s = observer.createStatement()) {
      for (int i = 0; i < 600 && waiting.isEmpty(); i++) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
          while (rs.next()) {
            waiting.add(rs.getObject(1));
          }
        }
        if (waiting.isEmpty()) {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
      }
    }
    if (waiting.isEmpty()) {
      throw new IllegalStateException("the second load never waited for the lock");
    }
  }
}
