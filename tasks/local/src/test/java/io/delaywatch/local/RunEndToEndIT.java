package io.delaywatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.DailyCodec;
import io.delaywatch.parquet.ParquetRowReader;
import io.delaywatch.sample.FlightGenerator;
import io.delaywatch.sample.GenerationResult;
import io.delaywatch.sample.GeneratorConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./delaywatch run} on a generated year, as the acceptance describes it: manifests,
 * Parquet row counts, charts, table rows, an independent SQL aggregation of the raw CSV, a rerun.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunEndToEndIT {
  static final int YEAR = 2015;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path lake;
  EmbeddedPostgres pg;
  GenerationResult generated;

  @BeforeAll
  void generateAndStart() throws IOException {
    pg = EmbeddedPostgres.start();
  }

  @AfterAll
  void stop() throws IOException {
    pg.close();
  }

  Map<String, String> dbEnv() {
    return Map.of(
        "DELAYWATCH_JDBC_URL",
        pg.getJdbcUrl("postgres", "postgres"),
        "PGUSER",
        "postgres",
        "PGPASSWORD",
        "");
  }

  @Test
  void aGeneratedYearGoesFromRawCsvToChartsAndTableRowsThatMatchAnIndependentSqlAggregation()
      throws Exception {
    generated =
        FlightGenerator.generate(
            new GeneratorConfig(YEAR, 6, 40_000, 7, true, false), lake.resolve("raw/flights"));

    LauncherProcess.Outcome run =
        LauncherProcess.run(
            dbEnv(),
            "run",
            "--year",
            "" + YEAR,
            "--warehouse",
            lake.toString(),
            "--run-id",
            "e2e-1");

    assertThat(run.exit()).as(run.stderr()).isZero();
    List<JsonNode> manifests = new ArrayList<>();
    for (String line : run.stdout()) {
      manifests.add(JSON.readTree(line));
    }
    assertThat(manifests)
        .extracting(m -> m.get("task").asText())
        .containsExactly("discover", "download", "transform", "detect", "plot", "load");
    assertThat(manifests)
        .allSatisfy(
            m -> {
              assertThat(m.get("status").asText()).isEqualTo("done");
              assertThat(m.get("year").asInt()).isEqualTo(YEAR);
              assertThat(m.get("run_id").asText()).isEqualTo("e2e-1");
            });
    for (String task : Pipeline.STEPS) {
      assertThat(lake.resolve("runs/year=" + YEAR + "/" + task + ".json")).exists();
    }

    long staged =
        ParquetRowReader.rowCount(lake.resolve("staged/flights/year=2015/flights.parquet"));
    assertThat(staged).isEqualTo(generated.rows());
    assertThat(manifests.get(1).get("counts").get("rows_rejected").asLong()).isZero();
    List<DailyAirportStats> daily =
        ParquetRowReader.readAll(
            lake.resolve("daily/airport_daily/year=2015/airport_daily.parquet"),
            DailyCodec.INSTANCE);
    assertThat(
            ParquetRowReader.rowCount(
                lake.resolve("scored/airport_anomalies/year=2015/anomalies.parquet")))
        .isEqualTo(daily.size());

    try (Connection c = pg.getPostgresDatabase().getConnection()) {
      List<List<Object>> reference = independentAggregation(c, generated.flights());
      List<List<Object>> table =
          rows(
              c,
              "select airport, flight_date::text, flights, departed, cancelled, diverted, avg_dep_delay, delayed_15_share,"
                  + " carrier_delay_min, weather_delay_min, nas_delay_min, security_delay_min, late_aircraft_delay_min"
                  + " from airport_daily_summary order by airport, flight_date");
      assertThat(table).hasSameSizeAs(reference).hasSize(daily.size());
      for (int i = 0; i < reference.size(); i++) {
        assertSameRow(table.get(i), reference.get(i));
      }
      List<List<Object>> before =
          rows(c, "select * from airport_daily_summary order by airport, flight_date");

      String entry = Files.readString(lake.resolve("plots/2015/index.html"));
      int href = entry.indexOf("href=\"") + 6;
      Path report =
          lake.resolve("plots/2015")
              .resolve(entry.substring(href, entry.indexOf("/index.html\"", href)));
      for (String airport : daily.stream().map(DailyAirportStats::airport).distinct().toList()) {
        for (String chart : List.of("daily_flights.png", "delay_vs_expected.png")) {
          Path png = report.resolve(airport + "/" + chart);
          assertThat(ImageIO.read(png.toFile())).as(png.toString()).isNotNull();
        }
      }
      assertThat(Files.readString(report.resolve("index.html"))).contains(daily.get(0).airport());

      LauncherProcess.Outcome rerun =
          LauncherProcess.run(
              dbEnv(),
              "run",
              "--year",
              "" + YEAR,
              "--warehouse",
              lake.toString(),
              "--run-id",
              "e2e-2");
      assertThat(rerun.exit()).as(rerun.stderr()).isZero();
      List<List<Object>> after =
          rows(c, "select * from airport_daily_summary order by airport, flight_date");
      assertThat(withoutRunColumns(c, after)).isEqualTo(withoutRunColumns(c, before));
    }
  }

  @Test
  void aWrongHeaderStopsTheRunWithExitThreeNamingTheFile() throws Exception {
    Path raw = Files.createDirectories(lake.resolve("raw/flights")).resolve("2016.csv");
    Files.writeString(raw, "FL_DATE,CARRIER,ORIGIN\n2016-01-01,AA,ATL\n");

    LauncherProcess.Outcome run =
        LauncherProcess.run(dbEnv(), "run", "--year", "2016", "--warehouse", lake.toString());

    assertThat(run.exit()).isEqualTo(3);
    JsonNode download = JSON.readTree(run.stdout().get(run.stdout().size() - 1));
    assertThat(download.get("task").asText()).isEqualTo("download");
    assertThat(download.get("error").asText())
        .startsWith(
            raw.toUri()
                + " line 1: wrong header, missing columns OP_CARRIER, DEP_DELAY, CANCELLED");
    assertThat(run.stderr()).contains("wrong header");
  }

  @Test
  void aYearWithoutRawFileEndsAsSkippedWithNinetyNine() throws Exception {
    LauncherProcess.Outcome run =
        LauncherProcess.run(dbEnv(), "run", "--year", "2011", "--warehouse", lake.toString());

    assertThat(run.exit()).isEqualTo(99);
    assertThat(run.stdout()).hasSize(1);
    assertThat(run.stderr()).contains("skipped (no raw file)");
  }

  /**
   * The data rules in SQL over the raw CSV loaded as text: the reference the pipeline must equal.
   */
  private static List<List<Object>> independentAggregation(Connection c, Path csv)
      throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("drop table if exists raw_flights");
      List<String> header;
      try (CSVParser parser =
          CSVParser.parse(csv, java.nio.charset.StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
        header = parser.iterator().next().toList();
      }
      StringBuilder ddl = new StringBuilder("create table raw_flights (");
      for (int i = 0; i < header.size(); i++) {
        ddl.append(i == 0 ? "" : ", ").append("c").append(i).append(" text");
      }
      s.execute(ddl.append(")").toString());
      var copy =
          new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class));
      try (var in = Files.newBufferedReader(csv)) {
        copy.copyIn("copy raw_flights from stdin (format csv, header true)", in);
      }
      String date = "c" + header.indexOf("FL_DATE");
      String origin = "c" + header.indexOf("ORIGIN");
      String delay = "nullif(c" + header.indexOf("DEP_DELAY") + ", '')::float8";
      String cancelled = "(c" + header.indexOf("CANCELLED") + "::float8 = 1)";
      String diverted = "(c" + header.indexOf("DIVERTED") + "::float8 = 1)";
      StringBuilder sql =
          new StringBuilder("select ")
              .append(origin)
              .append(", ")
              .append(date)
              .append("::date::text, count(*),")
              .append(" count(*) filter (where not ")
              .append(cancelled)
              .append("), count(*) filter (where ")
              .append(cancelled)
              .append("),")
              .append(" count(*) filter (where ")
              .append(diverted)
              .append("), avg(")
              .append(delay)
              .append("),")
              .append(" avg(case when ")
              .append(delay)
              .append(" >= 15 then 1.0 when ")
              .append(delay)
              .append(" is not null then 0.0 end)::float8");
      for (String cause :
          List.of(
              "CARRIER_DELAY",
              "WEATHER_DELAY",
              "NAS_DELAY",
              "SECURITY_DELAY",
              "LATE_AIRCRAFT_DELAY")) {
        sql.append(", coalesce(sum(nullif(c")
            .append(header.indexOf(cause))
            .append(", '')::float8), 0)");
      }
      sql.append(" from raw_flights group by 1, 2 order by 1, 2");
      return rows(c, sql.toString());
    }
  }

  private static void assertSameRow(List<Object> actual, List<Object> expected) {
    assertThat(actual.subList(0, 2)).isEqualTo(expected.subList(0, 2));
    for (int i = 2; i < expected.size(); i++) {
      Object e = expected.get(i);
      Object a = actual.get(i);
      if (e == null) {
        assertThat(a).as("column %d of %s", i, expected.subList(0, 2)).isNull();
      } else {
        assertThat(((Number) a).doubleValue())
            .as("column %d of %s", i, expected.subList(0, 2))
            .isCloseTo(((Number) e).doubleValue(), within(1e-9));
      }
    }
  }

  private static List<List<Object>> withoutRunColumns(Connection c, List<List<Object>> rows)
      throws Exception {
    List<String> columns = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select * from airport_daily_summary limit 0")) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnName(i));
      }
    }
    int runId = columns.indexOf("run_id");
    int loadedAt = columns.indexOf("loaded_at");
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      List<Object> copy = new ArrayList<>(row);
      copy.set(runId, null);
      copy.set(loadedAt, null);
      out.add(copy);
    }
    return out;
  }

  private static List<List<Object>> rows(Connection c, String sql) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
