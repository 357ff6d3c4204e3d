package io.delaywatch.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.db.ScoredDays;
import io.delaywatch.db.TableRows;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.task.TaskCommandLine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadMainIT {
  private static final String SCHEMA = "dw";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedPostgres postgres;

  @TempDir Path warehouse;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream realOut;
  private PrintStream realErr;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @BeforeEach
  void freshSchemaAndCapturedOutput() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
    realOut = System.out;
    realErr = System.err;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreOutput() {
    System.setOut(realOut);
    System.setErr(realErr);
  }

  @Test
  void loadOfAScoredYearGivesOneRowPerScoredDayWithTheSameValues() throws Exception {
    List<ScoredDay> rows = ScoredDays.year(2015, 42, "ATL", "BOS", "ORD");
    ScoredDays.writeScored(warehouse, 2015, rows);

    int exit = run(2015, "run-1");

    assertThat(exit).isZero();
    List<ScoredDay> table;
    List<Object> causes;
    List<Object> runIds;
    try (Connection c = connect()) {
      table = TableRows.scoredDays(c, SCHEMA);
      causes = TableRows.column(c, SCHEMA, "main_delay_cause");
      runIds = TableRows.column(c, SCHEMA, "run_id");
    }
    assertThat(table).isEqualTo(rows);
    assertThat(causes).isEqualTo(rows.stream().map(r -> r.day().mainCause()).toList());
    assertThat(runIds).hasSize(rows.size()).containsOnly("run-1");

    JsonNode manifest = manifest();
    long anomalies = rows.stream().filter(ScoredDay::anomaly).count();
    assertThat(manifest.get("status").asText()).isEqualTo("done");
    assertThat(manifest.get("inputs").get(0).asText())
        .isEqualTo(warehouse.resolve(LakePaths.scored(2015)).toUri().toString());
    assertThat(manifest.get("outputs").get(0).asText())
        .isEqualTo(
            "postgresql://localhost:" + postgres.getPort() + "/postgres#dw.airport_daily_summary");
    assertThat(
            JSON.convertValue(manifest.get("counts"), new TypeReference<Map<String, Object>>() {}))
        .isEqualTo(
            Map.of(
                "rows_loaded", 1095,
                "rows_deleted", 0,
                "anomalies", (int) anomalies,
                "airports", 3));
    assertThat(
            JSON.convertValue(manifest.get("details"), new TypeReference<Map<String, Object>>() {}))
        .isEqualTo(Map.of("table", "dw.airport_daily_summary", "schema_version", "3"));
    assertThat(JSON.readTree(warehouse.resolve(LakePaths.manifest(2015, "load")).toFile()))
        .isEqualTo(manifest);
  }

  @Test
  void rerunOfTheSameYearLeavesIdenticalRows() throws Exception {
    ScoredDays.writeScored(warehouse, 2015, ScoredDays.year(2015, 42, "ATL", "BOS"));
    assertThat(run(2015, "run-1")).isZero();
    assertThat(manifest().get("counts").get("rows_deleted").asLong()).isZero();
    List<Map<String, Object>> first;
    try (Connection c = connect()) {
      first = TableRows.columns(c, SCHEMA, Set.of("loaded_at", "run_id"));
    }

    assertThat(run(2015, "run-2")).isZero();

    try (Connection c = connect()) {
      assertThat(TableRows.columns(c, SCHEMA, Set.of("loaded_at", "run_id"))).isEqualTo(first);
      assertThat(TableRows.column(c, SCHEMA, "airport || flight_date")).doesNotHaveDuplicates();
      assertThat(TableRows.column(c, SCHEMA, "run_id")).containsOnly("run-2");
    }
    assertThat(manifest().get("counts").get("rows_deleted").asLong()).isEqualTo(730);
    assertThat(manifest().get("counts").get("rows_loaded").asLong()).isEqualTo(730);
  }

  @Test
  void twoConcurrentLoadsOfTheSameYearOnAFreshSchemaBothSucceedAndLeaveOneYear() throws Exception {
    List<ScoredDay> rows = ScoredDays.year(2015, 42, "ATL", "BOS");
    ScoredDays.writeScored(warehouse, 2015, rows);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first = threads.submit(() -> run(2015, "run-a"));
      Future<Integer> second = threads.submit(() -> run(2015, "run-b"));

      assertThat(first.get(2, TimeUnit.MINUTES)).isZero();
      assertThat(second.get(2, TimeUnit.MINUTES)).isZero();
    } finally {
      threads.shutdownNow();
    }
    try (Connection c = connect()) {
      assertThat(TableRows.scoredDays(c, SCHEMA)).isEqualTo(rows);
      // Whichever load committed last owns every row: never a mix of the two.
      List<Object> runIds = TableRows.column(c, SCHEMA, "run_id");
      assertThat(runIds.stream().distinct().toList()).hasSize(1).isSubsetOf("run-a", "run-b");
    }
  }

  @Test
  void aDayOfAnotherYearFailsWithExitThreeAndLeavesTheTableAsItWas() throws Exception {
    ScoredDays.writeScored(warehouse, 2015, ScoredDays.year(2015, 42, "ATL"));
    assertThat(run(2015, "run-1")).isZero();
    List<Map<String, Object>> before;
    try (Connection c = connect()) {
      before = TableRows.columns(c, SCHEMA, Set.of());
    }
    List<ScoredDay> stray = new ArrayList<>(ScoredDays.year(2015, 43, "ATL"));
    stray.add(
        new ScoredDay(
            new DailyAirportStats(
                "ATL", LocalDate.of(2016, 1, 1), 1, 1, 0, 0, 2.0, 0.0, 0, 0, 0, 0, 0),
            null,
            null,
            null,
            null,
            null,
            "robust_zscore"));
    ScoredDays.writeScored(warehouse, 2015, stray);

    int exit = run(2015, "run-2");

    assertThat(exit).isEqualTo(3);
    assertThat(manifest().get("error").asText())
        .isEqualTo(
            warehouse.resolve(LakePaths.scored(2015)).toUri()
                + ": row 366 (ATL 2016-01-01): flight_date is not in 2015");
    try (Connection c = connect()) {
      assertThat(TableRows.columns(c, SCHEMA, Set.of())).isEqualTo(before);
    }
  }

  @Test
  void aMissingScoredFileFailsWithExitThreeNamingIt() throws Exception {
    int exit = run(2015, "run-1");

    assertThat(exit).isEqualTo(3);
    assertThat(manifest().get("error").asText())
        .isEqualTo(
            warehouse.resolve(LakePaths.scored(2015)).toUri()
                + " does not exist: run detect for 2015 first");
  }

  @Test
  void anUnreachableDatabaseFailsWithExitFourAndNeverShowsThePassword() throws Exception {
    ScoredDays.writeScored(warehouse, 2015, ScoredDays.year(2015, 42, "ATL"));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    int exit =
        TaskCommandLine.of(new Main())
            .execute(
                "--warehouse", warehouse.toString(),
                "--year", "2015",
                "--run-id", "run-1",
                "--jdbc-url", "jdbc:postgresql://localhost:" + port + "/dw?password=url-secret",
                "--db-user", "loader",
                "--db-password", "option-secret",
                "--db-connect-attempts", "2");

    assertThat(exit).isEqualTo(4);
    assertThat(manifest().get("error").asText())
        .isEqualTo(
            "cannot connect to postgresql://localhost:"
                + port
                + "/dw as loader: Connection to"
                + " localhost:"
                + port
                + " refused. Check that the hostname and port are correct"
                + " and that the postmaster is accepting TCP/IP connections.");
    assertThat(stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8))
        .contains("attempt 1 of 2")
        .doesNotContain("secret");
    assertThat(warehouse.resolve(LakePaths.manifest(2015, "load"))).doesNotExist();
  }

  @Test
  void aPasswordInTheUrlIsUsedButNeverPrinted() throws Exception {
    ScoredDays.writeScored(warehouse, 2015, ScoredDays.year(2015, 42, "ATL"));

    int exit =
        TaskCommandLine.of(new Main())
            .execute(
                "--warehouse",
                warehouse.toString(),
                "--year",
                "2015",
                "--jdbc-url",
                "jdbc:postgresql://localhost:"
                    + postgres.getPort()
                    + "/postgres?user=postgres&password=url-secret",
                "--db-schema",
                SCHEMA);

    assertThat(exit).isZero();
    assertThat(stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8))
        .doesNotContain("url-secret");
    try (Stream<Path> files = Files.walk(warehouse)) {
      List<Path> manifests = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertThat(manifests).isNotEmpty();
      for (Path file : manifests) {
        assertThat(Files.readString(file)).doesNotContain("url-secret");
      }
    }
  }

  @Test
  void withoutAJdbcUrlTheTaskIsAUsageError() throws Exception {
    int exit =
        TaskCommandLine.of(new Main())
            .execute("--warehouse", warehouse.toString(), "--year", "2015");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("Missing --jdbc-url (or env DELAYWATCH_JDBC_URL)");
  }

  private int run(int year, String runId) {
    return TaskCommandLine.of(new Main())
        .execute(
            "--warehouse",
            warehouse.toString(),
            "--year",
            Integer.toString(year),
            "--run-id",
            runId,
            "--jdbc-url",
            "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
            "--db-user",
            "postgres",
            "--db-schema",
            SCHEMA);
  }

  private JsonNode manifest() throws IOException {
    String[] lines = stdout.toString(StandardCharsets.UTF_8).strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }

  private static Connection connect() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }
}
